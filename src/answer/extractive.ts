import { answersWant, counts } from './answer-kind.js';
import { answerDocument } from './document.js';
import { detectLang } from './lang.js';
import { classify } from './question.js';
import { absentConcept, type Candidate, type PlanIndex, parseQuery, type Query, rank } from './retrieve.js';
import { headingList } from './sections.js';
import { socialReply } from './social.js';
import type { Answer, Citation, Lang } from './types.js';

/**
 * Below this share of the question's distinctive vocabulary, the best sentence is about something else: the
 * question shares only generic words (计划, 检测, 工作…) with the plan, so the plan does not answer it.
 */
export const MIN_COVERAGE = 0.5;
/** English reaches the plan through a general dictionary, which misses some of the plan's wording: a lower bar. */
const MIN_COVERAGE_EN = 0.45;
/** A second sentence is cited only when it scores nearly as well as the first. */
const SECOND_SHARE = 0.6;
const MAX_ANSWER = 400;

/**
 * How well a plan answers a question, comparable across plans: an answer it states (grounded) first, then how much of
 * the question its best passage covers. With the fifteen set plans running, 433 of 530 questions go to their own
 * plan; counting citations sent 372 there (scripts/plan-choice.ts).
 */
function planFit(answer: Answer): number {
  return (answer.grounded ? 1 : 0) + (answer.fit ?? 0);
}

/** Of several plans' answers to one question, the plan that answers it best by `planFit`; the first on a tie. */
export function bestFit<T>(answers: Iterable<readonly [T, Answer]>): T | undefined {
  let best: { plan: T; fit: number } | undefined;
  for (const [plan, answer] of answers) {
    const fit = planFit(answer);
    if (!best || fit > best.fit) best = { plan, fit };
  }
  return best?.plan;
}

/**
 * Answers from the plan's own words: small talk and questions about the bot get a pointer to `/plan help`;
 * questions about the document itself its title, 文号, issuer, date or recipients; other questions the one or two
 * sentences that answer best, the one holding what was asked for (figure, date, responsible body) first, cited.
 * When the plan covers the subject but not the figure, amount or date asked for, it says so and shows what it
 * does say; it refuses only when nothing in the plan is about the question.
 */
export function answerExtractive(index: PlanIndex, question: string): Answer {
  const intent = classify(question);
  const lang = detectLang(question);
  if (intent.kind === 'social') return socialReply(intent.social, lang);
  if (intent.kind === 'document') {
    const answer = answerDocument(index.plan, intent.field, lang);
    if (answer) return answer;
  }
  const query = parseQuery(question, index);
  const ranked = rank(index, query);
  const fit = ranked[0]?.coverage ?? 0;
  const min = query.lang === 'en' ? MIN_COVERAGE_EN : MIN_COVERAGE;
  const covered = ranked.filter((c) => c.coverage >= min);
  const list = headingList(index.plan, query);
  if (list) return { ...list, lang, fit };
  // A heading standing alone (`确定试点城市。`) names a subject; it states nothing about it.
  const states = (c: Candidate) => answersWant(query, c.passage.text) && !isHeading(index, c);
  const best = covered.find(states);
  if (!best) return { ...(covered[0] ? notStated(query, covered[0]) : refuse(query, ranked)), fit };
  if (absentConcept(index, query, best.passage.text)) return { ...notStated(query, best), fit };
  const picks = [best];
  const second = covered.find(
    (c) => c !== best && c.score >= SECOND_SHARE * best.score && !overlaps(c, best) && states(c),
  );
  if (second) picks.push(second);
  let citations: Citation[] = picks.map((c) => ({ section: c.passage.section, quote: c.passage.text }));
  const note = query.want === 'who' ? index.noteOf[index.sentences.indexOf(best.passage)] : undefined;
  if (note && !best.passage.text.includes(note)) citations.splice(1, 1, { section: best.passage.section, quote: note });
  let answer = render(query.lang, citations);
  if (answer.length > MAX_ANSWER) {
    citations = citations.slice(0, note ? 2 : 1);
    answer = render(query.lang, citations);
  }
  if (answer.length > MAX_ANSWER) {
    const first = citations[0] as Citation;
    const room = first.quote.length - (answer.length - MAX_ANSWER);
    citations = [{ section: first.section, quote: cutAtClause(first.quote, room) }, ...citations.slice(1)];
    answer = render(query.lang, citations);
  }
  return { answer, grounded: true, mode: 'extractive', citations, lang: query.lang, fit };
}

/**
 * A heading this short names a subject (确定试点城市); a longer one (原则同意《…》) can state something, and so does
 * one holding a figure (a table's row as a numbered line: `1. 本科及以上学历（30分）。`).
 */
const LABEL = 16;

function isHeading(index: PlanIndex, c: Candidate): boolean {
  const text = c.passage.text.replace(/[。：:；;]$/, '');
  return text.length <= LABEL && !counts(text) && index.plan.sections.some((s) => s.depth > 0 && s.heading === text);
}

/** Passage ids nest (`p3`, `p3.s1`, `p3.s1.c0`): one citing a span that contains the other adds nothing. */
function overlaps(a: Candidate, b: Candidate): boolean {
  const x = a.passage.id;
  const y = b.passage.id;
  return x === y || x.startsWith(`${y}.`) || y.startsWith(`${x}.`);
}

/** The longest prefix of `quote` within `room` characters that ends at a clause break, so it stays verbatim. */
function cutAtClause(quote: string, room: number): string {
  const head = quote.slice(0, Math.max(1, room));
  const cut = Math.max(...[...'，,；;、。'].map((p) => head.lastIndexOf(p)));
  return cut > 0 ? head.slice(0, cut) : head;
}

/**
 * A clause quoted from a `;` list reads as a sentence once its `;` becomes `。`; a note stays as written, and so does
 * a sentence that ends in its responsibility note (`…精品赛事。（体育总局负责）`).
 */
const asSentence = (quote: string) =>
  /^[（(].*[)）]$/.test(quote) || /[。！？!?][（(][^（()）]*[)）]$/.test(quote)
    ? quote
    : quote.replace(/[;；,，、:：]$/, '').replace(/[^。！？!?]$/, '$&。');

function render(lang: Lang, citations: Citation[]): string {
  if (lang === 'en') {
    const parts = citations.map((c) => `${c.quote.replace(/[。;；,，！？!?]$/, '')} (${c.section})`);
    return `The plan says: ${parts.join('; ')}.`;
  }
  const sameSection = citations.every((c) => c.section === citations[0]?.section);
  if (sameSection) return `${citations.map((c) => asSentence(c.quote)).join('')}(${citations[0]?.section})`;
  return citations.map((c) => `${asSentence(c.quote)}(${c.section})`).join('');
}

const NEAREST = 3;
const WANT_WORDS: Partial<Record<Query['want'], { zh: string; en: string }>> = {
  count: { zh: '具体数字', en: 'a figure' },
  money: { zh: '具体金额', en: 'an amount' },
  date: { zh: '具体时间', en: 'a date' },
  where: { zh: '具体地点', en: 'a place' },
};

/** The plan is about the subject but does not give the figure, amount or date asked for: say so, show what it says. */
function notStated(query: Query, near: Candidate): Answer {
  const words = WANT_WORDS[query.want] ?? { zh: '这一点', en: 'this' };
  const { section, text } = near.passage;
  const topic = query.topic;
  const answer =
    query.lang === 'en'
      ? `The plan does not give ${words.en} for ${topic || 'this'}. What it says (${section}): ${text}`
      : `原文没有直接规定${topic ? `${topic}的` : ''}${words.zh}，相关内容见${section}：「${text}」`;
  return {
    answer: answer.length > MAX_ANSWER ? `${answer.slice(0, MAX_ANSWER - 2)}…」` : answer,
    grounded: false,
    mode: 'extractive',
    citations: [{ section, quote: text }],
    lang: query.lang,
    nearest: [section],
  };
}

function refuse(query: Query, ranked: Candidate[]): Answer {
  const nearest = [
    ...new Set([...ranked].sort((a, b) => b.relevance - a.relevance).map((c) => c.passage.section)),
  ].slice(0, NEAREST);
  const topic = query.topic;
  const answer =
    query.lang === 'en'
      ? `The plan does not cover ${topic || 'this question'}.${nearest.length ? ` The nearest sections are: ${nearest.join('; ')}.` : ''}`
      : nearest.length
        ? `原文没有直接规定${topic ? `“${topic}”` : '这个问题'}，相关内容见：${nearest.join('；')}。`
        : `原文没有涉及${topic ? `“${topic}”` : '这个问题'}。`;
  return { answer, grounded: false, mode: 'extractive', citations: [], lang: query.lang, nearest };
}
