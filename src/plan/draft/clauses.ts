/**
 * Splitting a paragraph into clauses at `，。；：！？` (and their half-width forms), never inside brackets or
 * quotation marks, so `每个省（自治区、直辖市）` or `“三农”` stay whole. Offsets are into the paragraph.
 */
export interface Clause {
  text: string;
  start: number;
  end: number;
  /** Index of the sentence (ended by `。；！？`) the clause belongs to. */
  sentence: number;
}

const OPEN = '（(“‘《〔[【「『';
const CLOSE = '）)”’》〕]】」』';
// A tab separates table cells (the readers turn a table's columns into tabs).
const CLAUSE_END = /[，,；;。：:！？!?\t]/;
const SENTENCE_END = /[；;。！？!?]/;

export function splitClauses(paragraph: string): Clause[] {
  const clauses: Clause[] = [];
  let depth = 0;
  let start = 0;
  let sentence = 0;
  const push = (end: number) => {
    const raw = paragraph.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) clauses.push({ text, start: start + lead, end: start + lead + text.length, sentence });
  };
  for (let i = 0; i < paragraph.length; i++) {
    const ch = paragraph[i] ?? '';
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    // A full stop always ends a clause: an unbalanced bracket must not swallow the rest of the paragraph.
    else if ((depth === 0 && CLAUSE_END.test(ch)) || ch === '。') {
      depth = 0;
      // A colon inside a number (1:1) or a decimal comma is not a clause break.
      if (/[:：,]/.test(ch) && /\d/.test(paragraph[i - 1] ?? '') && /\d/.test(paragraph[i + 1] ?? '')) continue;
      push(i);
      start = i + 1;
      if (SENTENCE_END.test(ch)) sentence++;
    }
  }
  push(paragraph.length);
  return clauses;
}
