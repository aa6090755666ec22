/**
 * Answering a question about the plan: the model path when a model is configured, the extractive path otherwise,
 * and the extractive path again whenever the model fails or cannot back its answer with verbatim quotes. The user
 * always gets an answer; model problems never reach the caller as exceptions.
 *
 * `onDelta` receives only the prose, never the citations block. The resolved `Answer` is the one to show: it may
 * differ from what streamed (a fallback after a failure mid-stream, or text cleaned once complete), so a caller that
 * rendered the deltas replaces them with `answer.answer`.
 */
import { readFileSync } from 'node:fs';
import type { Logger } from '../logger.js';
import { packagePath } from '../package-root.js';
import { createPlanMatcher, normalizeForMatch } from './citations.js';
import { unbackedFigures } from './figures.js';
import { createLeakGuard } from './leak-guard.js';
import { type ChatMessage, type LlmClient, ModelUnavailableError } from './llm.js';
import { stripReasoning } from './model-normalize.js';
import { createVisibleStream, parseModelOutput } from './model-output.js';
import type { Answer, Answerer, AskOptions, Lang, ModelFallback, ScoredPassage, Turn } from './types.js';

export interface AnswererDeps {
  retrieve: (q: string, k: number) => ScoredPassage[];
  extractive: (q: string) => Answer;
  detectLang: (t: string) => Lang;
  planText: string;
  llm: LlmClient | null;
  logger: Logger;
  /** The plan's title, as the prompts name it (`{{plan_title}}` in `prompts/*.md`). */
  planTitle?: string;
  /** The model's instructions; read from `prompts/` when not given. */
  prompts?: { answer?: string; rewrite?: string };
  /** Passages shown to the model. Default 8. */
  passages?: number;
}

const NOTES = {
  unavailable: {
    zh: '语言模型暂时无法使用,以下为计划原文摘录。',
    en: 'The language model is unavailable right now, so this answer is taken directly from the plan text.',
  },
  unverified: {
    zh: '模型的回答无法用计划原文核实,以下改为计划原文摘录。',
    en: "The model's answer could not be verified against the plan text, so this answer is taken directly from it.",
  },
  figures: {
    zh: '模型回答中的数字与计划原文不符,以下改为计划原文摘录。',
    en: "The model's answer gave a figure the plan text does not, so this answer is taken directly from the plan.",
  },
} as const;

export function createAnswerer(deps: AnswererDeps): Answerer {
  const k = deps.passages ?? 8;
  const matcher = createPlanMatcher(deps.planText);
  const planHas = (text: string) => matcher.normalized.text.includes(normalizeForMatch(text).text);
  const prompt = (name: 'answer' | 'rewrite') =>
    fillPrompt(deps.prompts?.[name] ?? loadPrompt(name), { plan_title: deps.planTitle ?? '' });
  // Only the answering instructions: the model never sees the rewrite prompt while answering, and that prompt's
  // examples ("national inspection centres") are words a good English answer uses.
  // The output-format example is protocol, not a secret: a citations array the model writes resembles it.
  const guard = createLeakGuard([withoutProtocol(prompt('answer'))], deps.planText);

  const extractive = (question: string, lang: Lang, note?: string, fallback?: ModelFallback): Answer => {
    try {
      const answer = deps.extractive(question);
      const withNote = note ? { ...answer, note: [note, answer.note].filter(Boolean).join(' ') } : answer;
      return fallback ? { ...withNote, fallback } : withNote;
    } catch (error) {
      deps.logger.error('extractive answer failed', { error: error instanceof Error ? error : String(error) });
      const sorry =
        lang === 'en'
          ? 'Sorry, I could not answer that just now. Please try again in a moment.'
          : '抱歉,暂时无法回答这个问题,请稍后再试。';
      return {
        answer: sorry,
        grounded: false,
        mode: 'extractive',
        citations: [],
        lang,
        ...(note ? { note } : {}),
        ...(fallback ? { fallback } : {}),
      };
    }
  };

  /**
   * Offline, an elliptical follow-up in a thread ("要到哪一年?", "when is it due?") says nothing of its subject: when
   * the plan does not answer it as it stands, it is read together with the last question asked before it, in the same
   * language, and that answer is given if the plan holds one.
   */
  const extractiveInThread = (question: string, lang: Lang, history: readonly Turn[]): Answer => {
    const alone = extractive(question, lang);
    if (alone.grounded || !needsRewrite(question, lang, history)) return alone;
    const previous = [...history].reverse().find((t) => t.role === 'user')?.text;
    if (!previous || deps.detectLang(previous) !== lang) return alone;
    const together = extractive(`${previous} ${question}`, lang);
    return together.grounded ? together : alone;
  };

  const rewrite = async (llm: LlmClient, question: string, history: Turn[]): Promise<string | null> => {
    const text = await llm.complete(
      [
        { role: 'system', content: prompt('rewrite') },
        { role: 'user', content: `${formatHistory(history)}Question / 问题:${question}` },
      ],
      { maxTokens: 100 },
    );
    return parseSearchTerms(stripReasoning(text));
  };

  const gather = (question: string, terms: string | null, lang: Lang): ScoredPassage[] => {
    if (!terms) return deps.retrieve(question, k);
    const found = deps.retrieve(terms, k);
    // A Chinese follow-up's own words still help retrieval; an English question's do not.
    if (lang === 'zh') {
      const ids = new Set(found.map((p) => p.id));
      for (const p of deps.retrieve(question, k)) {
        if (found.length >= k) break;
        if (!ids.has(p.id)) found.push(p);
      }
    }
    return found.slice(0, k);
  };

  const askModel = async (llm: LlmClient, question: string, lang: Lang, options: AskOptions): Promise<Answer> => {
    const history = options.history ?? [];
    const terms = needsRewrite(question, lang, history) ? await rewrite(llm, question, history) : null;
    const passages = gather(question, terms, lang);
    if (passages.length === 0) return extractive(question, lang);

    const deltas = createDeltaSink(options.onDelta, deps.logger);
    // Stop streaming for good the moment the prose starts to recite the instructions.
    let streamed = '';
    let reciting = false;
    const visible = createVisibleStream((chunk) => {
      if (!reciting && guard.leaks(streamed + chunk)) reciting = true;
      if (reciting) return;
      streamed += chunk;
      deltas.push(chunk);
    });
    const raw = await llm.complete(answerMessages(prompt('answer'), question, lang, passages, history), {
      onDelta: visible.push,
    });
    visible.finish(raw);
    await deltas.drain();

    const output = parseModelOutput(raw);
    if (output.notInPlan) return notInPlan(lang, passages);
    if (guard.leaks(output.answer)) {
      deps.logger.warn('model answer recited its instructions; answering from the plan text instead');
      return extractive(question, lang, NOTES.unverified[lang], 'leak');
    }
    const check = matcher.check(output.citations, passages);
    deps.logger.info('model answer checked', {
      claimed: output.citations.length,
      exact: check.exact,
      repaired: check.repaired,
      dropped: check.dropped,
      wrongFigures: check.wrongFigures,
      rewritten: terms !== null,
    });
    if (check.citations.length === 0 || !output.answer) {
      if (check.wrongFigures > 0) return extractive(question, lang, NOTES.figures[lang], 'figures');
      return extractive(question, lang, NOTES.unverified[lang], 'quotes');
    }
    // A title in 《》 that the plan itself names (`《…三年行动计划》`) is a name, not a figure to back.
    const claims = output.answer.replace(/《[^》\n]{1,80}》/g, (title) => (planHas(title) ? '' : title));
    const unbacked = unbackedFigures(
      claims,
      check.citations.map((c) => c.quote),
    );
    if (unbacked.length > 0) {
      deps.logger.warn('model answer holds figures its quotes do not; answering from the plan text instead', {
        figures: unbacked.map((f) => f.text),
      });
      return extractive(question, lang, NOTES.figures[lang], 'figures');
    }
    return { answer: output.answer, grounded: true, mode: 'llm', citations: check.citations, lang };
  };

  return {
    async ask(question, options = {}) {
      const lang = deps.detectLang(question);
      if (!deps.llm || options.offline) return extractiveInThread(question, lang, options.history ?? []);
      try {
        return await askModel(deps.llm, question, lang, options);
      } catch (error) {
        if (!(error instanceof ModelUnavailableError)) {
          deps.logger.error('model answer failed unexpectedly', {
            error: error instanceof Error ? error : String(error),
          });
        }
        return extractive(question, lang, NOTES.unavailable[lang], 'unavailable');
      }
    },
  };
}

function notInPlan(lang: Lang, passages: readonly ScoredPassage[]): Answer {
  const nearest = [...new Set(passages.map((p) => p.section))].slice(0, 3);
  const answer =
    lang === 'en'
      ? `The plan does not cover this question.${nearest.length ? ` The nearest sections are: ${nearest.join('; ')}.` : ''}`
      : `计划原文没有涉及这个问题。${nearest.length ? `最相关的章节:${nearest.join(';')}。` : ''}`;
  return { answer, grounded: false, mode: 'llm', citations: [], lang, nearest };
}

/** The model rewrites a question when retrieval over Chinese text cannot use it as it stands. */
export function needsRewrite(question: string, lang: Lang, history: readonly Turn[]): boolean {
  if (lang === 'en') return true;
  if (history.length === 0) return false;
  const q = question.trim();
  return (
    q.length <= 12 ||
    /它|他们|这个|这些|那个|那些|上述|该项|此项|还有|那么|呢[??]?$|\b(it|this|that|they|those|these)\b/i.test(q)
  );
}

/** The first line of the model's reply, if it holds Chinese search terms; null otherwise. */
export function parseSearchTerms(text: string): string | null {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line || !/\p{Script=Han}/u.test(line)) return null;
  const terms = line
    .replace(/^[^:\p{Script=Han}]*[::]\s*/u, '')
    .replace(/["'`“”‘’「」,,、。;;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return terms ? terms.slice(0, 120) : null;
}

const LANGUAGE_LINE: Record<Lang, string> = {
  zh: 'Answer language: 中文 (answer in Simplified Chinese)\n回答语言:中文',
  en: 'Answer language: English (answer in English; quotes stay in Chinese, copied verbatim)\n回答语言:英文',
};

const MAX_PASSAGE_CHARS = 700;

export function answerMessages(
  system: string,
  question: string,
  lang: Lang,
  passages: readonly ScoredPassage[],
  history: readonly Turn[],
): ChatMessage[] {
  const numbered = passages
    .map((p, i) => `[${i + 1}] (${p.section}) ${p.text.trim().slice(0, MAX_PASSAGE_CHARS)}`)
    .join('\n\n');
  const user = `${LANGUAGE_LINE[lang]}\n\nPassages / 原文段落:\n${numbered}\n\n${formatHistory(history)}Question / 问题:${question}`;
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

function formatHistory(history: readonly Turn[]): string {
  if (history.length === 0) return '';
  const turns = history
    .slice(-6)
    .map((t) => `${t.role === 'user' ? 'User' : 'Assistant'}: ${t.text.replace(/\s+/g, ' ').slice(0, 500)}`)
    .join('\n');
  return `Conversation so far (context only) / 之前的对话:\n${turns}\n\n`;
}

/** Delivers visible chunks to the caller in order; a failing callback is logged, never fatal. */
function createDeltaSink(onDelta: AskOptions['onDelta'], logger: Logger) {
  let chain: Promise<void> = Promise.resolve();
  return {
    push: (chunk: string) => {
      if (!onDelta) return;
      chain = chain
        .then(() => onDelta(chunk))
        .catch((error: unknown) =>
          logger.warn('onDelta failed', { error: error instanceof Error ? error : String(error) }),
        );
    },
    drain: () => chain,
  };
}

/** The instructions less the lines that show the output format (`<citations>[{"n": 1, "quote": …}]`). */
function withoutProtocol(prompt: string): string {
  return prompt
    .split('\n')
    .filter((line) => !/<citations>|"quote"/.test(line))
    .join('\n');
}

/** `{{name}}` placeholders filled from data; a prompt names no plan of its own. */
export function fillPrompt(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

const promptCache = new Map<string, string>();
function loadPrompt(name: 'answer' | 'rewrite'): string {
  let text = promptCache.get(name);
  if (text === undefined) {
    text = readFileSync(packagePath('prompts', `${name}.md`), 'utf8');
    promptCache.set(name, text);
  }
  return text;
}
