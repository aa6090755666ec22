import { matchHeading } from './parse-headings.js';

/**
 * The parts of a Chinese official document as it is issued: a head (title, 文号, 主送), a body, a signature
 * block (落款: issuer, date, `（此件公开发布）`), then any attachments, each with its own title. An attachment
 * starts at a bare `附件` line, or simply after a signature block when text goes on (web copies drop the line).
 */
export interface DocumentPart {
  /** `附件`, `附件2`: the line that introduced this part, if any. */
  marker?: string;
  /** Line indexes [from, to) of each piece; empty ranges when a piece is absent. */
  /** Lines before the title of the first part (a web page's 索引号/主题分类 box, a 版头). */
  preamble: [number, number];
  title: [number, number];
  head: [number, number];
  body: [number, number];
  signature: [number, number];
  /** Within the signature: the issuer lines and the date line. */
  issuer: [number, number];
  date?: number;
  /** Within the head: the 文号 line and the 主送 line. */
  docNumber?: number;
  recipients?: number;
}

const MARKER = /^附\s*件\s*(\d*)\s*[:：]?$/;
const LISTING = /^附\s*件\s*\d*\s*[:：]\s*\S/;
const NUM = '\\d０-９〇零一二三四五六七八九十';
const DATE = new RegExp(`^[${NUM}]{4}\\s*年\\s*[${NUM}]{1,3}\\s*月\\s*[${NUM}]{1,3}\\s*日$`);
/** 文号: issuing organ's abbreviation, year in 〔〕, serial number and 号 (`国办发〔2019〕4号`). */
export const DOC_NUMBER =
  /[\p{Script=Han}A-Za-z]{1,12}\s*[〔［[(（【]\s*[\d０-９]{4}\s*[〕］\])）】]\s*[\d０-９]{1,5}\s*号/u;
/** Lines after the date that belong to the signature: `（此件公开发布）`, 抄送, a web page's `公开方式：主动公开`. */
const NOTE = /^[(（]此件[^()（）]*[)）]$|^(?:抄送|抄报|印发|主题词|公开方式)\s*[:：]/;
/** An entry of an attachment listing under a bare `附件：` line (`１．住房租赁补贴标准`). */
const ENTRY = /^[\d０-９]{1,2}\s*[.．、]\s*\S.{0,60}$/;
/** The words a document's title ends with: its kind (`…的意见`, `…的批复`, `…三年行动计划`). */
const KIND =
  /(通知|通报|意见|批复|决定|决议|命令|公告|通告|议案|报告|请示|函|纪要|方案|规划|计划|办法|规定|细则|要点|纲要|条例|规则|指南|公报|指引|清单|措施)$/;
const HAN = /\p{Script=Han}/u;

/** A title's last words without a trailing `（试行）` or `（2018—2035年）`. */
export function documentKind(title: string): string | undefined {
  return KIND.exec(title.replace(/[(（][^()（）]*[)）]$/, '').trim())?.[1];
}

const squash = (s: string) => s.replace(/\s+/g, '');

function titleLike(line: string | undefined): boolean {
  if (!line || line.length > 50 || !HAN.test(line)) return false;
  if (/[。；;！？!?\t]/.test(line) || /[:：]$/.test(line)) return false;
  // A field and its value (`索引号：…`, `发文机关：…`) is a web page's index box, not a title.
  if (/^\p{Script=Han}{2,6}\s*[:：]/u.test(line)) return false;
  return !matchHeading(line) && !DATE.test(squash(line)) && !DOC_NUMBER.test(line) && !MARKER.test(line);
}

/** How many lines from `i` form the title: up to three wrapped lines that end in a kind word, else one. */
function titleLength(lines: string[], i: number): number {
  if (!titleLike(lines[i])) return 0;
  let length = 1;
  let joined = lines[i] ?? '';
  for (let k = 1; k < 3 && !documentKind(joined); k++) {
    if (!titleLike(lines[i + k])) break;
    joined += lines[i + k];
    if (documentKind(joined)) length = k + 1;
  }
  // A subtitle in brackets on its own line (`（2018—2020年）`, `（试行）`) belongs to the title.
  if (/^[(（][^()（）]{1,30}[)）]$/.test(lines[i + length] ?? '')) length++;
  return length;
}

/** Lines after the title up to and including the 主送 line: 文号, web timestamps, the addressees. */
function headLength(lines: string[], i: number, part: DocumentPart): number {
  let length = 0;
  for (let k = 0; k < 4 && i + k < lines.length; k++) {
    const line = lines[i + k] ?? '';
    if (DOC_NUMBER.test(line) && line.length <= 30) {
      part.docNumber = i + k;
      length = k + 1;
    } else if (/[:：]$/.test(line) && !/[。；;]/.test(line) && line.length <= 200 && !matchHeading(line)) {
      part.recipients = i + k;
      return k + 1;
    } else if (!HAN.test(line) && line.length <= 40) {
      length = k + 1;
    } else break;
  }
  return length;
}

function issuerLike(line: string | undefined): boolean {
  if (!line || line.length < 2 || line.length > 40 || !HAN.test(line)) return false;
  return !/[，,。；;：:！？!?、]/.test(line) && !matchHeading(line) && !DATE.test(squash(line));
}

/** The signature block around the date line at `d`, or undefined when the date is not a signature's. */
function signatureAt(
  lines: string[],
  d: number,
  from: number,
): Pick<DocumentPart, 'signature' | 'issuer' | 'date'> | undefined {
  const next = lines[d + 1];
  let start = d;
  while (start > from && d - start < 3 && issuerLike(lines[start - 1])) start--;
  const atEnd = next === undefined || NOTE.test(next) || MARKER.test(next);
  if (start === d && !atEnd) return undefined;
  const issuer: [number, number] = [start, d];
  // The attachment listing (`附件：…`, or a bare `附件：` over numbered names) just above the issuer closes the body.
  for (let k = start - 1; k >= Math.max(from, start - 12); k--) {
    const line = lines[k] ?? '';
    if (LISTING.test(line) || MARKER.test(line)) {
      start = k;
      break;
    }
    if (!titleLike(line) && !ENTRY.test(line)) break;
  }
  let end = d + 1;
  while (end < lines.length && NOTE.test(lines[end] ?? '')) end++;
  return { signature: [start, end], issuer, date: d };
}

/**
 * A bare `附件：` line that lists the attachments' names (`１．…`, `２．…`) right above the signature, rather than
 * opening an attachment: its entries are followed by the issuer and the date.
 */
function listsAttachments(lines: string[], marker: number): boolean {
  let k = marker + 1;
  while (k < lines.length && k - marker <= 9 && ENTRY.test(lines[k] ?? '')) k++;
  if (k === marker + 1) return false;
  for (let d = k; d < Math.min(lines.length, k + 4); d++) {
    if (DATE.test(squash(lines[d] ?? ''))) return signatureAt(lines, d, k)?.issuer[0] === k;
    if (!issuerLike(lines[d])) return false;
  }
  return false;
}

/** Where the first part's title starts: past lines that come before a title followed by a 文号 or 主送 line. */
function titleStart(lines: string[]): number {
  if (titleLike(lines[0])) return 0;
  for (let t = 1; t < Math.min(lines.length, 15); t++) {
    const length = titleLength(lines, t);
    if (!length) continue;
    const probe: DocumentPart = emptyPart(0);
    if (headLength(lines, t + length, probe) && (probe.docNumber !== undefined || probe.recipients !== undefined)) {
      return t;
    }
  }
  return 0;
}

const emptyPart = (i: number): DocumentPart => ({
  preamble: [i, i],
  title: [i, i],
  head: [i, i],
  body: [i, i],
  signature: [i, i],
  issuer: [i, i],
});

/** Splits a document's non-empty lines into its parts. */
export function segmentDocument(lines: string[]): DocumentPart[] {
  const parts: DocumentPart[] = [];
  let i = titleStart(lines);
  while (i < lines.length) {
    const part = emptyPart(i);
    if (!parts.length) part.preamble = [0, i];
    const marker = MARKER.exec(lines[i] ?? '');
    if (marker) {
      part.marker = `附件${marker[1] ?? ''}`;
      i++;
    }
    const title = titleLength(lines, i);
    part.title = [i, i + title];
    i += title;
    if (!parts.length) {
      const head = headLength(lines, i, part);
      part.head = [i, i + head];
      i += head;
    } else part.head = [i, i];
    const from = i;
    let end = lines.length;
    let next = lines.length;
    for (let j = from; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (MARKER.test(line) && j > from && !listsAttachments(lines, j)) {
        end = next = j;
        break;
      }
      if (!DATE.test(squash(line)) || j === from) continue;
      const signature = signatureAt(lines, j, from);
      if (!signature) continue;
      Object.assign(part, signature);
      end = signature.signature[0];
      next = signature.signature[1];
      break;
    }
    part.body = [from, end];
    if (part.signature[1] <= part.signature[0]) part.signature = part.issuer = [end, end];
    parts.push(part);
    i = next;
  }
  return parts;
}
