import type { Passage } from '../answer/types.js';
import { isHeadingWords, matchHeading } from './parse-headings.js';
import { DOC_NUMBER, type DocumentPart, documentKind, segmentDocument } from './parse-layout.js';

/**
 * A numbered section of the plan. `path` is the number path (`二、(一)2`), `heading` its text (`计量`),
 * `label` what citations show (`二、(一)2 计量`, CONTRACT §2), `depth` how deep it nests (1 for the top
 * numbered level, `一、` or `第一章`); the notice or head, the lead paragraphs and the 落款 are depth 0.
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
  /** The document as issued (for a plan attached to a cover notice, the notice's 文号, issuer and date). */
  meta: DocumentMeta;
}

/** Sentences longer than this that list items with `;` are also offered clause by clause. */
const LONG_SENTENCE = 150;

/** Splits a paragraph into sentences (ending in 。！？), each with its `;` clauses when it is long. */
export function splitSentences(paragraph: string): { text: string; clauses: string[] }[] {
  // A note in brackets right after a sentence (`…。（体育总局、民政部负责）`) belongs to that sentence.
  const sentences = paragraph.match(/[^。！？!?]+(?:[。！？!?]+[”’」』)）]*(?:[(（][^()（）。]{1,60}[)）])?|$)/g) ?? [];
  return sentences
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((text) => {
      if (text.length <= LONG_SENTENCE) return { text, clauses: [] };
      const clauses = (text.match(/[^;；]+(?:[;；]|$)/g) ?? []).map((c) => c.trim()).filter((c) => c.length > 0);
      return { text, clauses: clauses.length > 1 ? clauses : [] };
    });
}

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

/** The document as issued: its title, 文号, issuer, date and addressees (主送), as written. */
export interface DocumentMeta {
  title: string;
  docNumber?: string;
  issuer?: string;
  date?: string;
  recipients?: string;
}

/** The label of the signature block (issuer, date, `（此件公开发布）`) at a document's end. */
export const SIGNATURE_LABEL = '落款';

const joinLines = (lines: string[], [from, to]: [number, number]) => lines.slice(from, to).join('');

function sectionLabel(path: string, heading: string): string {
  if (!heading) return path;
  if (!path) return heading;
  return path.endsWith('、') ? `${path}${heading}` : `${path} ${heading}`;
}

/** A cover notice (`关于印发…的通知`) carries the plan as its attachment; otherwise the document is the plan. */
function mainPart(parts: DocumentPart[], lines: string[]): number {
  const [first, second] = parts;
  if (!first || !second) return 0;
  const title = joinLines(lines, first.title);
  if (/印发|转发|颁发|发布/.test(title)) return 1;
  const bodyLines = lines.slice(first.body[0], first.body[1]);
  return bodyLines.some((l) => (matchHeading(l)?.rank ?? 9) <= 4) ? 0 : 1;
}

function documentMeta(parts: DocumentPart[], lines: string[], planTitle: string): DocumentMeta {
  const first = parts[0];
  if (!first) return { title: planTitle };
  const title = normaliseTitle(joinLines(lines, first.title)) || planTitle;
  // Some copies put the 文号 above the title.
  const headText = lines.slice(first.preamble[0], first.head[1]).join('\n');
  const issuer =
    lines.slice(first.issuer[0], first.issuer[1]).join(' ').trim() || /^(.{2,30}?)关于/.exec(title)?.[1] || undefined;
  const recipients = first.recipients === undefined ? undefined : lines[first.recipients]?.replace(/[:：]$/, '');
  return {
    title,
    docNumber: DOC_NUMBER.exec(headText)?.[0],
    issuer,
    date: first.date === undefined ? undefined : lines[first.date],
    recipients,
  };
}

/**
 * Parses a Chinese official document into sections and retrievable passages. The document is split into its
 * parts (parse-layout.ts). A cover notice that carries the plan as its attachment becomes one section labelled
 * `通知 <its title>`; a document that is itself the plan gets a head section `<kind> <title>` (title, 文号,
 * 主送) when it has one. Paragraphs before the first numbered heading are labelled with the plan's title, the
 * signature block with `落款`, and further attachments' sections with `附件 <their title>` in front.
 */
export function parsePlan(text: string, slug = 'plan'): Plan {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const parts = segmentDocument(lines);
  const main = mainPart(parts, lines);
  const title = normaliseTitle(joinLines(lines, parts[main]?.title ?? [0, 0])) || normaliseTitle(lines[0] ?? '');

  const sections: Section[] = [];
  const passages: Passage[] = [];
  let current: Section | undefined;
  let paragraphs = 0;
  const open = (path: string, heading: string, label: string, depth: number) => {
    current = { path, heading, label, depth };
    sections.push(current);
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
  const addLines = ([from, to]: [number, number]) => {
    for (let i = from; i < to; i++) addParagraph(lines[i] ?? '');
  };

  parts.forEach((part, p) => {
    const partTitle = normaliseTitle(joinLines(lines, part.title));
    const titleParagraph = joinLines(lines, part.title);
    if (p < main) {
      const label = `${documentKind(partTitle) ?? '通知'} ${partTitle}`.trim();
      open('', partTitle, label, 0);
      addLines(part.preamble);
      addParagraph(titleParagraph);
      addLines([part.head[0], part.signature[1]]);
      return;
    }
    const prefix = p === main ? '' : `${part.marker ?? '附件'} ${partTitle}`.trim();
    const hasHead = part.docNumber !== undefined || part.recipients !== undefined;
    if (hasHead) {
      open('', partTitle, `${documentKind(partTitle) ?? '通知'} ${partTitle}`, 0);
      addLines(part.preamble);
      addParagraph(titleParagraph);
      addLines(part.head);
    }
    open('', partTitle || title, prefix || partTitle || title, 0);
    if (!hasHead) addParagraph(titleParagraph);
    addBody(part);
    if (part.signature[1] > part.signature[0]) {
      open('', SIGNATURE_LABEL, prefix ? `${prefix} ${SIGNATURE_LABEL}` : SIGNATURE_LABEL, 0);
      addLines(part.signature);
    }

    function addBody(part: DocumentPart) {
      const stack: { rank: number; marker: string }[] = [];
      for (let i = part.body[0]; i < part.body[1]; i++) {
        const line = lines[i] ?? '';
        const h = matchHeading(line);
        if (!h) {
          addParagraph(line);
          continue;
        }
        // A marker alone on its line (a table cell, a PDF's layout) takes its words from the next line.
        let heading = h.heading;
        if (!heading && !h.body && isHeadingWords(lines[i + 1] ?? '') && i + 1 < part.body[1]) {
          heading = lines[++i] ?? '';
        }
        while (stack.length && (stack[stack.length - 1]?.rank ?? 0) >= h.rank) stack.pop();
        stack.push({ rank: h.rank, marker: h.marker });
        const path = stack.map((s) => s.marker).join('');
        const label = sectionLabel(path, heading);
        open(path, heading, prefix ? `${prefix} ${label}` : label, stack.length);
        if (heading !== h.heading) addParagraph(`${line}${heading}`);
        else addParagraph(h.body || (h.heading ? '' : line));
      }
    }
  });
  return { slug, title, text, sections, passages, meta: documentMeta(parts, lines, title) };
}
