import type { Passage } from '../answer/types.js';

/**
 * A numbered section of the plan. `path` is the number path (`二、(一)2`), `heading` its text (`计量`),
 * `label` what citations show (`二、(一)2 计量`, CONTRACT §2), `depth` 1 for `一、` … 4 for `(1)`;
 * the notice and the lead paragraphs are depth 0.
 */
export interface Section {
  path: string;
  heading: string;
  label: string;
  depth: number;
}

/**
 * The plan as data. `passages` holds every paragraph (id `p<n>`) and its sentences (id `p<n>.s<m>`); a long
 * sentence that lists items with `;` is also split into clauses (id `p<n>.s<m>.c<k>`, kind `sentence`).
 * Every passage text is a verbatim span of `text`.
 */
export interface Plan {
  slug: string;
  title: string;
  text: string;
  sections: Section[];
  passages: Passage[];
}

const CN_NUM = '一二三四五六七八九十百零〇';
// Chinese official documents number their levels 一、 → (一) → 1. → (1), in half- or full-width brackets.
const HEADINGS: { depth: number; re: RegExp; marker: (n: string) => string }[] = [
  { depth: 1, re: new RegExp(`^([${CN_NUM}]+)、\\s*(.*)$`), marker: (n) => `${n}、` },
  { depth: 2, re: new RegExp(`^[(（]([${CN_NUM}]+)[)）]\\s*(.*)$`), marker: (n) => `(${n})` },
  { depth: 3, re: /^(\d{1,2})[.．、](?!\d)\s*(.*)$/, marker: (n) => n },
  { depth: 4, re: /^[(（](\d{1,2})[)）]\s*(.*)$/, marker: (n) => `(${n})` },
];

/** Sentences longer than this that list items with `;` are also offered clause by clause. */
const LONG_SENTENCE = 150;

/** Splits a paragraph into sentences (ending in 。！？), each with its `;` clauses when it is long. */
export function splitSentences(paragraph: string): { text: string; clauses: string[] }[] {
  const sentences = paragraph.match(/[^。！？!?]+(?:[。！？!?]+[”’」』)）]*|$)/g) ?? [];
  return sentences
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((text) => {
      if (text.length <= LONG_SENTENCE) return { text, clauses: [] };
      const clauses = (text.match(/[^;；]+(?:[;；]|$)/g) ?? []).map((c) => c.trim()).filter((c) => c.length > 0);
      return { text, clauses: clauses.length > 1 ? clauses : [] };
    });
}

const ATTACHMENT = /^附\s*件\s*\d*\s*[:：]?$/;
const BREAK = /[。；;，,：:！？!?]/;
const SENTENCE_END = /[。；;！？!?]/;
/** A heading longer than this with no punctuation is treated as a paragraph that happens to be numbered. */
const MAX_HEADING = 40;

/** Removes whitespace that a line break or typesetting left between Chinese characters (`科技创 新` → `科技创新`). */
export function normaliseTitle(title: string): string {
  return title
    .replace(/\s+/g, (space, offset: number, whole: string) => {
      const before = whole[offset - 1] ?? '';
      const after = whole[offset + space.length] ?? '';
      return /[\p{Script=Han}《》“”]/u.test(before) || /[\p{Script=Han}《》“”]/u.test(after) ? '' : ' ';
    })
    .trim();
}

function sectionLabel(path: string, heading: string): string {
  if (!path) return heading;
  return path.endsWith('、') ? `${path}${heading}` : `${path} ${heading}`;
}

interface HeadingMatch {
  depth: number;
  marker: string;
  heading: string;
  /** Text that continues on the heading's line (`1.制定《…》,形成…。`), kept as a paragraph. */
  body: string;
}

function matchHeading(line: string): HeadingMatch | undefined {
  for (const h of HEADINGS) {
    const m = h.re.exec(line);
    if (!m) continue;
    const rest = (m[2] ?? '').trim();
    if (!rest) return undefined;
    const marker = h.marker(m[1] ?? '');
    // A heading line that is a whole sentence (`1.制定《…》,形成…。`) carries its own body.
    if (!SENTENCE_END.test(rest) || !BREAK.test(rest.slice(0, -1))) {
      const heading = rest.replace(/[。；;：:！？!?]$/, '');
      return heading.length > MAX_HEADING ? undefined : { depth: h.depth, marker, heading, body: '' };
    }
    return { depth: h.depth, marker, heading: rest.slice(0, rest.search(BREAK)), body: rest };
  }
  return undefined;
}

/**
 * Parses a plan's text into numbered sections and retrievable passages. If the text opens with a notice that
 * ends in an `附件` line, the notice becomes a section labelled `通知 <its title line>` and the line after `附件`
 * is the plan's title; otherwise the first line is the title. Paragraphs before the first numbered heading are
 * labelled with the title.
 */
export function parsePlan(text: string, slug = 'plan'): Plan {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim());
  const firstLine = lines.findIndex((l) => l.length > 0);
  let attachment = lines.findIndex((l, i) => i > firstLine && ATTACHMENT.test(l));
  let titleLine = attachment >= 0 ? lines.findIndex((l, i) => i > attachment && l.length > 0) : firstLine;
  if (titleLine < 0) {
    attachment = -1;
    titleLine = firstLine;
  }
  const title = normaliseTitle(lines[titleLine] ?? '');

  const sections: Section[] = [];
  const passages: Passage[] = [];
  let current: Section | undefined;
  let paragraphs = 0;
  const open = (section: Section) => {
    sections.push(section);
    current = section;
  };
  const addParagraph = (body: string) => {
    const section = current?.label;
    if (section === undefined || !body) return;
    const pid = `p${paragraphs++}`;
    passages.push({ id: pid, section, text: body, kind: 'paragraph' });
    splitSentences(body).forEach((sentence, s) => {
      passages.push({ id: `${pid}.s${s}`, section, text: sentence.text, kind: 'sentence' });
      sentence.clauses.forEach((clause, c) => {
        passages.push({ id: `${pid}.s${s}.c${c}`, section, text: clause, kind: 'sentence' });
      });
    });
  };

  if (attachment >= 0 && firstLine >= 0 && firstLine < attachment) {
    const noticeTitle = normaliseTitle(lines[firstLine] ?? '');
    open({ path: '通知', heading: noticeTitle, label: `通知 ${noticeTitle}`, depth: 0 });
    for (let i = firstLine; i < attachment; i++) addParagraph(lines[i] ?? '');
  }
  open({ path: '', heading: title, label: title, depth: 0 });
  if (titleLine >= 0) addParagraph(lines[titleLine] ?? '');

  const stack: { depth: number; marker: string }[] = [];
  for (let i = Math.max(titleLine + 1, 0); i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line) continue;
    const h = matchHeading(line);
    if (!h) {
      addParagraph(line);
      continue;
    }
    while (stack.length && (stack[stack.length - 1]?.depth ?? 0) >= h.depth) stack.pop();
    stack.push({ depth: h.depth, marker: h.marker });
    const path = stack.map((s) => s.marker).join('');
    open({ path, heading: h.heading, label: sectionLabel(path, h.heading), depth: h.depth });
    addParagraph(h.body);
  }
  return { slug, title, text, sections, passages };
}
