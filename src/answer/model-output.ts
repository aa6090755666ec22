/**
 * The model's output protocol (prompts/answer.md): the answer prose first, then one final block
 * `<citations>[{"n":1,"quote":"…"}]</citations>`; or the single line `NOT_IN_PLAN` when the passages do not answer.
 * Real models bend it (model-normalize.ts says how); this file reads what they actually write.
 * Prose streams to the user as it arrives; the citations and anything that could still turn into them are held back.
 */
import type { ModelCitation } from './citations.js';
import {
  markdownToMrkdwn,
  mayBecomeToken,
  NOT_IN_PLAN,
  parseClaims,
  removeCitationMarkers,
  saysNotInPlan,
  splitCitations,
  stripReasoning,
} from './model-normalize.js';
import { sanitizeModelText } from './sanitize.js';

export { NOT_IN_PLAN } from './model-normalize.js';

export interface ModelOutput {
  /** The user-visible prose, normalised and sanitized; empty when the model gave none. */
  answer: string;
  notInPlan: boolean;
  citations: ModelCitation[];
}

export function parseModelOutput(raw: string): ModelOutput {
  const { prose, citations } = splitCitations(stripReasoning(raw));
  return { answer: clean(prose, true), notInPlan: saysNotInPlan(prose, citations), citations };
}

/** The claims in the last citations block (tags, a fenced array or a trailing JSON block). */
export function parseCitationBlock(raw: string): ModelCitation[] {
  return splitCitations(stripReasoning(raw)).citations;
}

export { parseClaims };

/**
 * What the user may see of `raw`. While streaming (`final` false) an unfinished tail that could still become
 * citations, a reasoning block, Markdown, a mention, a passage marker or `NOT_IN_PLAN` is held back, so the visible
 * text only ever grows.
 */
export function visibleText(raw: string, final: boolean): string {
  if (final) return parseModelOutput(raw).answer;
  let text = stripReasoning(raw);
  if (mayBecomeToken(text.trimStart()) || /not[\s_-]*in[\s_-]*(?:the[\s_-]*)?plan/i.test(text)) return '';
  // Citations may come as tags, a fence or a bare JSON block: nothing from their first sign on is shown yet.
  const stops = [text.search(/<\s*\/?\s*citations?\b/i), text.search(/```/), text.search(/(?:^|\n)[ \t]*[[{]/)];
  const stop = Math.min(...stops.filter((s) => s >= 0), text.length);
  text = text.slice(0, stop);
  text = text.replace(HELD_TAIL, '');
  return clean(text, false);
}

/** Tails that may still turn into something else once more text arrives. */
const HELD_TAIL = new RegExp(
  [
    '<[^>]{0,40}', // a tag (think, citations) or a Slack escape
    '[@＠][A-Za-z]{0,10}', // a mention
    '[[【][^\\]】\\n]{0,80}(?:[\\]】]\\(?[^)\\s]{0,200})?', // a passage marker or a Markdown link
    '[（(][^)）\\n]{0,30}', // a source note
    '(?:来源|出处|source|sources)\\s*[:：]?\\s*', // an unbracketed source note
    'N[A-Z_]{0,10}', // NOT_IN_PLAN
    '`{1,3}',
    '\\*+', // bold or a bullet
    '~+',
    '(?:^|\\n)[ \\t]*#{1,6}[^\\n]*', // a heading line, closed only at its end
    '(?:^|\\n)[ \\t]*[-+_]{1,3}', // a bullet or a rule
  ]
    .map((p) => `(?:${p})`)
    .join('|')
    .replace(/^/, '(?:')
    .concat(')$'),
  'iu',
);

function clean(text: string, final: boolean): string {
  const out = markdownToMrkdwn(removeCitationMarkers(sanitizeModelText(text)))
    .replace(new RegExp(`^\\s*${NOT_IN_PLAN}\\s*$`, 'gm'), '')
    .replace(/```[a-z]*/gi, '')
    .replace(/\n{3,}/g, '\n\n')
    .trimStart();
  return final ? out.trim() : out.trimEnd();
}

/**
 * Turns raw model chunks into user-visible chunks. `push` takes each raw chunk; `finish` takes the whole raw text
 * and emits whatever was still held back. If cleaning ever rewrites text already shown, emission stops: the final
 * answer, which the caller shows in place of the stream, is the one to trust.
 */
export function createVisibleStream(emit: (chunk: string) => void) {
  let raw = '';
  let shown = '';
  let broken = false;
  const advance = (next: string) => {
    if (broken) return;
    if (!next.startsWith(shown)) {
      broken = true;
      return;
    }
    const chunk = next.slice(shown.length);
    if (!chunk) return;
    shown = next;
    emit(chunk);
  };
  return {
    push: (chunk: string) => {
      raw += chunk;
      advance(visibleText(raw, false));
    },
    finish: (whole: string) => {
      raw = whole;
      const out = parseModelOutput(raw);
      // A refusal is replaced by planbot's own sentence: the model's wording of it is not shown.
      if (!out.notInPlan) advance(out.answer);
    },
    shown: () => shown,
  };
}
