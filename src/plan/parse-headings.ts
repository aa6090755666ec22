import { halfWidth } from './draft/numerals.js';

/**
 * Numbered headings of Chinese official documents. Levels nest in the order the national standard for official
 * documents (GB/T 9704) and common practice use: 第一编 → 第一章 → 第一节 → 第一条 → 一、 → (一) → 1. → (1) → ①.
 * A heading's `rank` is its place in that order; a document that skips levels still nests correctly.
 */
const CN = '一二三四五六七八九十百零〇';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

interface Style {
  rank: number;
  re: RegExp;
  marker: (n: string) => string;
  /** Articles (第一条) are numbered paragraphs: their text is the body, not a heading. */
  untitled?: boolean;
}

const STYLES: Style[] = [
  { rank: 0, re: new RegExp(`^(第[${CN}\\d]+[编部分]{1,2})[\\s　]*(.*)$`), marker: (n) => n },
  { rank: 1, re: new RegExp(`^(第[${CN}\\d]+章)[\\s　]*(.*)$`), marker: (n) => n },
  { rank: 2, re: new RegExp(`^(第[${CN}\\d]+节)[\\s　]*(.*)$`), marker: (n) => n },
  { rank: 3, re: new RegExp(`^(第[${CN}\\d]+条)[\\s　]*(.*)$`), marker: (n) => n, untitled: true },
  { rank: 4, re: new RegExp(`^([${CN}]+)、\\s*(.*)$`), marker: (n) => `${n}、` },
  { rank: 5, re: new RegExp(`^[(（]([${CN}]+)[)）]\\s*(.*)$`), marker: (n) => `(${n})` },
  // Full-width numbers (`１．`, `（２）`, as many web copies write them) are labelled in ascii.
  { rank: 6, re: /^([\d０-９]{1,3})[.．、](?![\d０-９])\s*(.*)$/, marker: (n) => halfWidth(n) },
  { rank: 7, re: /^[(（]([\d０-９]{1,3})[)）]\s*(.*)$/, marker: (n) => `(${halfWidth(n)})` },
  { rank: 8, re: new RegExp(`^([${CIRCLED}])\\s*(.*)$`), marker: (n) => n },
  // A note under a table or at a document's end (`注：`) starts a section of its own, as a reader sees it.
  { rank: 4, re: /^(注|说明|备注)\s*[:：]\s*(.*)$/, marker: (n) => `${n}：`, untitled: true },
];

export interface HeadingMatch {
  rank: number;
  marker: string;
  /** The heading's words; '' for an article or a marker alone on its line. */
  heading: string;
  /** Text on the heading's line after the marker when it runs on into the body, kept as a paragraph. */
  body: string;
}

/** A heading longer than this is cut for its label (the whole text stays a passage). */
const MAX_HEADING = 40;
const SENTENCE_END = /[。；;！？!?]/;

/** The words a reader takes as the heading: the first sentence when short, else its first clause. */
function headingWords(rest: string): string {
  const firstCell = rest.split('\t')[0]?.trim() ?? '';
  const end = firstCell.search(SENTENCE_END);
  const sentence = (end >= 0 ? firstCell.slice(0, end) : firstCell).replace(/[：:，,、]$/, '');
  // A first sentence followed by the body is the heading, commas and all (`带量采购，以量换价。按照…`); a line
  // that is one sentence (`制定地方标准，每年5项。`) is headed by its first clause.
  const runsOn = end >= 0 && firstCell.slice(end + 1).trim().length > 0;
  if (sentence.length <= MAX_HEADING && (runsOn || end < 0)) return sentence;
  const clause = sentence.slice(0, Math.max(0, sentence.search(/[，,：:]/)));
  if (clause && clause.length <= MAX_HEADING) return clause;
  if (sentence.length <= MAX_HEADING) return sentence;
  return `${sentence.slice(0, MAX_HEADING - 1)}…`;
}

/**
 * Reads a line as a numbered heading. A heading run into its body (`（四）聚焦重点对象。各级……`) gives the
 * heading `聚焦重点对象` and keeps the whole text as the body; a long heading keeps its commas
 * (`带量采购，以量换价`).
 */
export function matchHeading(line: string): HeadingMatch | undefined {
  for (const style of STYLES) {
    const m = style.re.exec(line);
    if (!m) continue;
    const marker = style.marker(m[1] ?? '');
    const rest = (m[2] ?? '').trim();
    if (!rest) return { rank: style.rank, marker, heading: '', body: '' };
    if (style.untitled) return { rank: style.rank, marker, heading: '', body: rest };
    const heading = headingWords(rest);
    // A line that is a whole sentence (`1. 本科及以上学历（30分）。`, a table's row) also states something: kept.
    const onlyHeading = rest.replace(/[：:]$/, '') === heading && !rest.includes('\t');
    return { rank: style.rank, marker, heading, body: onlyHeading ? '' : rest };
  }
  return undefined;
}

/** Whether a line can be a heading's words on their own (a marker alone on the line before it). */
export function isHeadingWords(line: string): boolean {
  return line.length <= MAX_HEADING && !SENTENCE_END.test(line) && !matchHeading(line);
}
