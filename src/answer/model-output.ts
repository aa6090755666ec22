/**
 * The model's output protocol (prompts/answer.md): the answer prose first, then one final block
 * `<citations>[{"n":1,"quote":"…"}]</citations>`; or the single line `NOT_IN_PLAN` when the passages do not answer.
 * Prose streams to the user as it arrives; the block and anything that could still turn into it are held back.
 */
import type { ModelCitation } from './citations.js';
import { sanitizeModelText } from './sanitize.js';

export const NOT_IN_PLAN = 'NOT_IN_PLAN';

export interface ModelOutput {
  /** The user-visible prose, sanitized; empty when the model gave none. */
  answer: string;
  notInPlan: boolean;
  citations: ModelCitation[];
}

const BLOCK_START = /<\s*citations\s*>/gi;

export function parseModelOutput(raw: string): ModelOutput {
  const answer = visibleText(raw, true);
  const citations = parseCitationBlock(raw);
  const lead = raw.trimStart();
  const saysNotInPlan =
    lead.startsWith(NOT_IN_PLAN) || (citations.length === 0 && raw.split('\n').some((l) => l.trim() === NOT_IN_PLAN));
  return { answer, notInPlan: saysNotInPlan, citations };
}

/** The claims in the last citations block; tolerant of a missing close tag, code fences and trailing commas. */
export function parseCitationBlock(raw: string): ModelCitation[] {
  const starts = [...raw.matchAll(BLOCK_START)];
  const last = starts.at(-1);
  if (!last || last.index === undefined) return [];
  let body = raw.slice(last.index + last[0].length);
  const close = body.search(/<\s*\/\s*citations\s*>/i);
  if (close >= 0) body = body.slice(0, close);
  const from = body.indexOf('[');
  const to = body.lastIndexOf(']');
  if (from >= 0 && to > from) {
    try {
      const parsed: unknown = JSON.parse(body.slice(from, to + 1).replace(/,\s*([\]}])/g, '$1'));
      if (Array.isArray(parsed)) return parsed.flatMap(toClaim);
    } catch {
      // Fall through to picking out the objects one by one.
    }
  }
  const claims: ModelCitation[] = [];
  for (const m of body.matchAll(/\{[^{}]*\}/g)) {
    try {
      claims.push(...toClaim(JSON.parse(m[0])));
    } catch {
      // An object that is not JSON is not a citation.
    }
  }
  return claims;
}

function toClaim(item: unknown): ModelCitation[] {
  if (!item || typeof item !== 'object') return [];
  const { n, quote } = item as { n?: unknown; quote?: unknown };
  const num = typeof n === 'string' ? Number.parseInt(n, 10) : n;
  if (typeof num !== 'number' || !Number.isInteger(num) || typeof quote !== 'string') return [];
  return [{ n: num, quote }];
}

/**
 * What the user may see of `raw`. While streaming (`final` false) an unfinished tail that could still become the
 * citations block, a mention, a passage marker or `NOT_IN_PLAN` is held back, so the visible text only ever grows.
 */
export function visibleText(raw: string, final: boolean): string {
  const lead = raw.trimStart();
  if (lead.startsWith(NOT_IN_PLAN) || (!final && NOT_IN_PLAN.startsWith(lead))) return '';
  let text = raw;
  const block = text.search(/<\s*\/?\s*citations?\b/i);
  if (block >= 0) text = text.slice(0, block);
  if (!final) text = text.replace(/(<[^>]{0,40}|[@＠][A-Za-z]{0,10}|[[【][^\]】]{0,12}|N[A-Z_]{0,10}|`{1,3})$/u, '');
  return clean(text, final);
}

function clean(text: string, final: boolean): string {
  const out = sanitizeModelText(text)
    .replace(/[ \t]*(?:\[|【)\s*(?:passage\s*|段落\s*)?\d+(?:\s*[,,、]\s*\d+)*\s*(?:\]|】)/giu, '')
    .replace(new RegExp(`^\\s*${NOT_IN_PLAN}\\s*$`, 'gm'), '')
    .replace(/```[a-z]*\s*$/i, '')
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
      advance(visibleText(raw, true));
    },
    shown: () => shown,
  };
}
