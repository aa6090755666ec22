/**
 * What real models do to the output protocol, undone before anything reaches a user: reasoning blocks
 * (`<think>…</think>`), Markdown where Slack wants mrkdwn, passage markers and empty source notes, citations
 * written as a fenced or trailing JSON array instead of the `<citations>` block, and `NOT_IN_PLAN` in any dress.
 * Pure string functions; `model-output.ts` composes them for the final answer and for the stream.
 */
import type { ModelCitation } from './citations.js';

const THINK_OPEN = /<\s*(think|thinking|reasoning)\s*>/i;
const THINK_BLOCK = /<\s*(think|thinking|reasoning)\s*>[\s\S]*?<\s*\/\s*\1\s*>/gi;
const THINK_CLOSE = /<\s*\/\s*(?:think|thinking|reasoning)\s*>/i;

/**
 * Removes reasoning. A closed block goes; an unclosed one hides everything after it (it is still thinking); a lone
 * close tag (some servers drop the opening one) hides everything before it.
 */
export function stripReasoning(raw: string): string {
  let text = raw.replace(THINK_BLOCK, '');
  const open = text.search(THINK_OPEN);
  if (open >= 0) text = text.slice(0, open);
  const close = THINK_CLOSE.exec(text);
  if (close) text = text.slice(close.index + close[0].length);
  return text;
}

/** The claims in a JSON text: an array of `{n, quote}`, or an object with a `citations` array; null if none. */
export function parseClaims(body: string): ModelCitation[] | null {
  const from = body.search(/[[{]/);
  const to = Math.max(body.lastIndexOf(']'), body.lastIndexOf('}'));
  if (from < 0 || to <= from) return null;
  const json = body.slice(from, to + 1).replace(/,\s*([\]}])/g, '$1');
  try {
    const parsed: unknown = JSON.parse(json);
    const list = Array.isArray(parsed) ? parsed : (parsed as { citations?: unknown })?.citations;
    if (Array.isArray(list)) {
      const claims = list.flatMap(toClaim);
      return claims.length ? claims : null;
    }
  } catch {
    // Fall through to picking out the objects one by one.
  }
  const claims: ModelCitation[] = [];
  for (const m of body.matchAll(/\{[^{}]*\}/g)) {
    try {
      claims.push(...toClaim(JSON.parse(m[0])));
    } catch {
      // An object that is not JSON is not a citation.
    }
  }
  return claims.length ? claims : null;
}

function toClaim(item: unknown): ModelCitation[] {
  if (!item || typeof item !== 'object') return [];
  const { n, quote } = item as { n?: unknown; quote?: unknown };
  const num = typeof n === 'string' ? Number.parseInt(n.replace(/\D/g, ''), 10) : n;
  if (typeof num !== 'number' || !Number.isInteger(num) || typeof quote !== 'string') return [];
  return [{ n: num, quote }];
}

const TAG_START = /<\s*citations\s*>/gi;
const FENCE = /```[a-z]*[ \t]*\n?([\s\S]*?)(?:```|$)/gi;
/** A label line a model puts above its citations (`**Citations:**`, `引用:`). */
const LABEL_TAIL =
  /\n[ \t]*[*_#>\s]*(?:citations?|sources?|references?|引用|引文|来源|出处|依据|参考)[*_\s]*[:：]?[*_\s]*$/i;

export interface Split {
  prose: string;
  citations: ModelCitation[];
}

/** Separates the prose from the citations, wherever and however the model wrote them. */
export function splitCitations(text: string): Split {
  const tags = [...text.matchAll(TAG_START)];
  const last = tags.at(-1);
  if (last?.index !== undefined) {
    let body = text.slice(last.index + last[0].length);
    const close = body.search(/<\s*\/\s*citations\s*>/i);
    if (close >= 0) body = body.slice(0, close);
    return { prose: cutLabel(text.slice(0, tagStart(text))), citations: parseClaims(body) ?? [] };
  }
  const fences = [...text.matchAll(FENCE)].reverse();
  for (const fence of fences) {
    const claims = parseClaims(fence[1] ?? '');
    if (claims && fence.index !== undefined) {
      const prose = text.slice(0, fence.index) + text.slice(fence.index + fence[0].length);
      return { prose: cutLabel(prose.trimEnd()), citations: claims };
    }
  }
  const trailing = trailingJson(text);
  if (trailing) return { prose: cutLabel(text.slice(0, trailing.at)), citations: trailing.claims };
  return { prose: text, citations: [] };
}

/** Where the first citations tag (or look-alike) starts: everything from there on is not prose. */
function tagStart(text: string): number {
  const at = text.search(/<\s*\/?\s*citations?\b/i);
  return at >= 0 ? at : text.length;
}

function cutLabel(prose: string): string {
  return prose.replace(LABEL_TAIL, '');
}

/** A JSON array or object that ends the text, starting on a line of its own. */
function trailingJson(text: string): { at: number; claims: ModelCitation[] } | null {
  const trimmed = text.trimEnd();
  if (!/[\]}]$/.test(trimmed)) return null;
  for (const m of [...trimmed.matchAll(/(^|\n)[ \t]*(?=[[{])/g)].reverse()) {
    const at = (m.index ?? 0) + m[0].length;
    const claims = parseClaims(trimmed.slice(at));
    if (claims) return { at, claims };
  }
  return null;
}

/** Passage markers (`[1]`, `【2,3】`, `[passage 1]`, `[^1]`, `(段落1)`) and the source notes they leave empty. */
export function removeCitationMarkers(text: string): string {
  return (
    text
      .replace(
        /[ \t]*(?:\[|【)\s*\^?\s*(?:passage\s*|段落\s*|来源\s*[:：]?\s*)?\d+(?:\s*[,，、]\s*\d+)*\s*(?:\]|】)/giu,
        '',
      )
      .replace(
        /[ \t]*[（(]\s*(?:见|参见|来源[:：]?|出处[:：]?)?\s*(?:段落|passages?|第)\s*\d+(?:\s*[,，、和]\s*\d+)*\s*段?\s*[)）]/giu,
        '',
      )
      // `(来源:)`, `（出处：）`, `(Source: )`: a note whose markers were removed says nothing.
      .replace(
        /[ \t]*[（(]\s*(?:来源|出处|依据|引用|参见|见|参考|sources?|refs?|references?|see)\s*[:：]?\s*[)）]/giu,
        '',
      )
      .replace(/[ \t]*(?:来源|出处|sources?)\s*[:：][ \t]*(?=\n|$)/giu, '')
  );
}

/** Markdown as models write it, turned into Slack mrkdwn (bold is one `*`, no headings, bullets as `•`). */
export function markdownToMrkdwn(text: string): string {
  return text
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/gm, (_m, heading: string) => `*${heading.replace(/\*+/g, '')}*`)
    .replace(/\*{2,}/g, '*')
    .replace(/__([^_\n]+)__/g, '*$1*')
    .replace(/~~([^~\n]+)~~/g, '~$1~')
    .replace(/^([ \t]*)[-*+][ \t]+/gm, '$1• ')
    .replace(/!?\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '<$2|$1>')
    .replace(/^[ \t]*(?:-{3,}|_{3,}|\*{3,})[ \t]*$/gm, '');
}

export const NOT_IN_PLAN = 'NOT_IN_PLAN';
const TOKEN = /not[\s_-]*in[\s_-]*(?:the[\s_-]*)?plan/i;
const REFUSAL_ZH =
  /(?:原文|计划|段落|材料|文本|文件|所给内容|上述内容|以上内容)(?:中|里|内)?(?:并)?(?:没有|未|无|不)(?:直接)?(?:提到|提及|涉及|规定|说明|明确|包含|相关|给出|回答)/;
const REFUSAL_EN =
  /\b(?:passages?|plan|text|documents?)\b[^.\n]{0,40}\b(?:do(?:es)?\s*not|don['’]t|doesn['’]t|never)\s+(?:mention|cover|address|say|specify|contain|provide|include|state)|\bnot\s+(?:mentioned|covered|specified|addressed|stated)\s+in\s+the\s+(?:plan|passages?|text)/i;

/**
 * True when the model says the passages do not answer: the token in any dress (`**NOT_IN_PLAN**`, `not in plan`),
 * or, with no citations at all, a plain refusal sentence.
 */
export function saysNotInPlan(prose: string, citations: readonly ModelCitation[]): boolean {
  if (TOKEN.test(prose)) return true;
  if (citations.length > 0) return false;
  return REFUSAL_ZH.test(prose) || REFUSAL_EN.test(prose);
}

/** `prose` stripped of Markdown dress, for checking whether it (so far) is only the token. */
export function undressed(prose: string): string {
  return prose.replace(/[*_`#>\s]/g, '');
}

/** Could `lead` (the whole visible text so far) still turn out to be the token? */
export function mayBecomeToken(lead: string): boolean {
  const bare = undressed(lead).replace(/-/g, '').toUpperCase();
  return bare.length === 0 || undressed(NOT_IN_PLAN).startsWith(bare);
}
