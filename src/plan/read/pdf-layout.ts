/** One line of a PDF page's text layer: its text, where it starts and ends, its baseline and font size. */
export interface PdfLine {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

/** `—1—`, `- 3 -`, `12`, `第 2 页`, `第2页 共9页`, `2/9`, `Page 2 of 9`. */
const PAGE_NUMBER = [
  /^[-—–－―─_~·•\s]*\d{1,4}[-—–－―─_~·•\s]*$/,
  /^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^page\s*\d{1,4}(?:\s*of\s*\d{1,4})?$/i,
];
/** A line that starts a heading or an attachment never continues the line before it. */
const HEADING_START =
  /^(?:第[一二三四五六七八九十百零〇\d]+[章节条部分编]|[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十百\d]+[)）]|\d{1,2}[.．、](?!\d)|[①-⑳]|附\s*件)/;
/** How many lines at a page's top and bottom may be running headers, footers or page numbers. */
const EDGE_LINES = 2;

const CJK = '[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’…—]';
/** A text layer often spaces runs apart (`128 号`, `第 2 条`); a reader of Chinese sees no space there. */
const SPACE_BY_CJK = new RegExp(`(?<=${CJK}) +| +(?=${CJK})`, 'gu');

export function dropSpacesByChinese(line: string): string {
  return line.replace(SPACE_BY_CJK, '');
}

const isPageNumber = (text: string) => PAGE_NUMBER.some((re) => re.test(text.trim()));
const headerKey = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, '');

function edgeIndexes(page: PdfLine[]): number[] {
  const n = page.length;
  const top = Array.from({ length: Math.min(EDGE_LINES, n) }, (_, i) => i);
  const bottom = Array.from({ length: Math.min(EDGE_LINES, n) }, (_, i) => n - 1 - i);
  return [...new Set([...top, ...bottom])];
}

/**
 * Drops page numbers at a page's edges, and lines that recur there on many pages (running heads and feet),
 * unless they read as body text: a full-width line, or one ending in punctuation.
 */
export function dropPageFurniture(pages: PdfLine[][]): PdfLine[][] {
  const all = pages.flat();
  const right = all.length ? margins(all).right : undefined;
  const body = (line: PdfLine) =>
    /[。；;，,、：:]$/.test(line.text) || (right !== undefined && line.right >= right - line.size);
  const seen = new Map<string, number>();
  for (const page of pages) {
    const keys = new Set(edgeIndexes(page).map((i) => headerKey(page[i]?.text ?? '')));
    for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const running = Math.max(2, Math.ceil(0.4 * pages.length));
  return pages.map((page) => {
    const edges = new Set(edgeIndexes(page));
    return page.filter((line, i) => {
      if (!edges.has(i)) return true;
      if (isPageNumber(line.text)) return false;
      return pages.length < 2 || body(line) || (seen.get(headerKey(line.text)) ?? 0) < running;
    });
  });
}

function mode(values: number[], tolerance: (v: number) => number, minShare: number): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  let best: { value: number; count: number } | undefined;
  for (const v of sorted) {
    const count = sorted.filter((w) => Math.abs(w - v) <= tolerance(v)).length;
    if (!best || count > best.count) best = { value: v, count };
  }
  return best && best.count >= Math.max(2, minShare * values.length) ? best.value : undefined;
}

interface Margins {
  left: number;
  right: number | undefined;
}

/** The text block's left margin (where most lines start) and right edge (where full lines end). */
function margins(lines: PdfLine[]): Margins {
  const size = lines.map((l) => l.size).sort((a, b) => a - b)[Math.floor(lines.length / 2)] ?? 10;
  const left = mode(
    lines.map((l) => l.x),
    () => size / 3,
    0,
  );
  const rights = lines.map((l) => l.right);
  const far = Math.max(...rights);
  // The right edge is the furthest place that several lines end at; a stray long line does not set it.
  const candidates = [...rights].sort((a, b) => b - a);
  const right = candidates.find(
    (c) => rights.filter((r) => Math.abs(r - c) <= size / 2).length >= Math.max(2, 0.15 * lines.length),
  );
  return { left: left ?? Math.min(...lines.map((l) => l.x)), right: right ?? (lines.length > 2 ? undefined : far) };
}

/** A line that reaches the right edge and is followed by an unindented line was wrapped mid-paragraph. */
function continues(line: PdfLine, next: PdfLine, m: Margins, nextMargins: Margins): boolean {
  if (m.right === undefined || line.right < m.right - 1.2 * line.size) return false;
  if (next.x > nextMargins.left + 0.8 * next.size) return false;
  if (Math.abs(next.size - line.size) > 0.2 * line.size) return false;
  return !HEADING_START.test(next.text.trim());
}

function joinWrapped(a: string, b: string): string {
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : `${a}${b}`;
}

/** A PDF's pages of lines → the text as a person reads it, one paragraph a line. */
export function pdfLinesToText(pages: PdfLine[][]): string {
  const cleaned = dropPageFurniture(pages).filter((p) => p.length > 0);
  const all = cleaned.flat();
  if (!all.length) return '';
  const overall = margins(all);
  const pageMargins = cleaned.map((p) => (p.length >= 5 ? margins(p) : overall));
  const flat = cleaned.flatMap((page, n) => page.map((line) => ({ line, m: pageMargins[n] ?? overall })));
  const paragraphs: string[] = [];
  let current = '';
  flat.forEach(({ line, m }, i) => {
    current = current ? joinWrapped(current, line.text.trim()) : line.text.trim();
    const next = flat[i + 1];
    if (next && continues(line, next.line, m, next.m)) return;
    paragraphs.push(dropSpacesByChinese(current));
    current = '';
  });
  return paragraphs.filter((p) => p.length > 0).join('\n');
}
