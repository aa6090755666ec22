import { CHINESE_NUMERAL } from './numerals.js';

/**
 * A deadline as a plan writes it. `date`: a point in time (`2019年3月底前`, `到2025年`, `每年2月底前`), with its
 * ISO date when the year is known; `relative`: a span from the plan's start (`三年内`), no ISO date; `start`: the
 * year a recurring duty begins (`2020年起`), which later month-only deadlines take their year from.
 */
export interface Deadline {
  start: number;
  end: number;
  text: string;
  kind: 'date' | 'relative' | 'start';
  iso: string | null;
}

const PREFIX = '(?:力争|争取|确保)?(?:到|至|在|于|截至|从|自)?';
// 初 and 中 mark a part of the year only when they are not the start of a word (2020年初步建成, 年中期).
const PART =
  '(?:年底|年末|年初(?![步期次])|年中(?![期心])|上半年|下半年|第?[一二三四1-4]季度|底|末|初(?![步期次])|中(?![期心]))';
const BEFORE = '(?:前|以前|之前)';
const ABSOLUTE = new RegExp(
  `(${PREFIX})(\\d{4})年(?:(\\d{1,2})月(?!\\d{1,2}[日号]))?(${PART})?(${BEFORE}|起|开始|以来|内)?`,
  'g',
);
const MONTH = new RegExp(`(?<![\\d年])(每年度?)?(\\d{1,2})月(底|末|中|上旬|中旬|下旬)?(${BEFORE})?`, 'g');
const SPAN = `(?:\\d+|${CHINESE_NUMERAL}+)`;
const RELATIVE = new RegExp(
  `经过${SPAN}(?:[-—–~～至到]${SPAN})?个?(?:年|月)(?:左右)?(?:的)?时间|${SPAN}(?:[-—–~～至到]${SPAN})?个?(?:年|月|周|天|日|工作日)(?:以|之)?内|(?:本|当)?年内|年底前|年末前`,
  'g',
);

const pad = (n: number) => String(n).padStart(2, '0');
function monthEnd(year: number, month: number, part?: string): string {
  if (part === '上旬') return `${year}-${pad(month)}-10`;
  if (part === '中旬' || part === '中') return `${year}-${pad(month)}-20`;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(last)}`;
}

/** The ISO date a year with a part of it stands for (2019年 → 2019-12-31, 2019年上半年 → 2019-06-30). */
function yearPart(year: number, part: string | undefined): string {
  if (!part || /年底|年末|底|末|下半年/.test(part)) return `${year}-12-31`;
  if (/上半年|年中|中/.test(part)) return `${year}-06-30`;
  if (/初/.test(part)) return `${year}-03-31`;
  const quarter = /([一二三四1-4])季度/.exec(part)?.[1] ?? '四';
  const q = '一二三四'.indexOf(quarter) + 1 || Number(quarter);
  return monthEnd(year, q * 3);
}

/**
 * The year the plan was issued: the latest full date standing alone on a line (the signature), else the year in
 * the document number (`〔2019〕`), else null. Deadlines before it describe the past.
 */
export function planYear(text: string): number | null {
  const signed = [...text.matchAll(/^\s*(\d{4})年\d{1,2}月\d{1,2}日\s*$/gm)].map((m) => Number(m[1]));
  if (signed.length > 0) return Math.max(...signed);
  const numbered = /[〔[(（](\d{4})[〕\])）]\s*\d+\s*号/.exec(text);
  return numbered ? Number(numbered[1]) : null;
}

/**
 * Every deadline in a paragraph, in order. A bare year counts only where a deadline stands: after 到/至/在/于,
 * before 前/底/末, or opening a clause (`2019年，在全国启动…`); a year before `issued` is the past and is skipped,
 * as is a year with 以来. Month-only deadlines (`3月底前`) take their year from the last year before them, else
 * from the plan's year.
 */
export function findDeadlines(paragraph: string, issued: number | null): Deadline[] {
  const found: Deadline[] = [];
  const taken: [number, number][] = [];
  for (const m of paragraph.matchAll(ABSOLUTE)) {
    const [text, prefix = '', y = '', month, part, tail] = m;
    const start = m.index ?? 0;
    const year = Number(y);
    const opensClause = start === 0 || /[，,；;。：:\s、]/.test(paragraph[start - 1] ?? '');
    const anchored = prefix.length > 0 || month !== undefined || part !== undefined || /前/.test(tail ?? '');
    // A full date (`2019年1月1日起施行`) marks when a rule applies, not a deadline.
    if (/^\d{1,2}月\d{1,2}[日号]/.test(paragraph.slice(start + text.length))) continue;
    if (tail === '以来' || /[—–\-~～至到]$/.test(paragraph.slice(0, start))) continue;
    if (!anchored && tail !== '起' && tail !== '开始' && !opensClause) continue;
    if (issued !== null && year < issued) continue;
    const iso = month ? monthEnd(year, Number(month), part) : yearPart(year, part);
    found.push({
      start,
      end: start + text.length,
      text,
      kind: tail === '起' || tail === '开始' ? 'start' : 'date',
      iso,
    });
    taken.push([start, start + text.length]);
  }
  const inside = (i: number) => taken.some(([s, e]) => i >= s && i < e);
  for (const m of paragraph.matchAll(MONTH)) {
    const [text, yearly, month = '', part, before] = m;
    const start = m.index ?? 0;
    if (inside(start) || (!before && !part) || Number(month) > 12) continue;
    const previous = found.filter((d) => d.start < start && d.iso).at(-1);
    const year = previous?.iso ? Number(previous.iso.slice(0, 4)) : issued;
    const iso = year === null ? null : monthEnd(year, Number(month), part);
    found.push({ start, end: start + text.length, text, kind: 'date', iso: yearly && !previous ? null : iso });
  }
  for (const m of paragraph.matchAll(RELATIVE)) {
    const start = m.index ?? 0;
    if (inside(start)) continue;
    const text = m[0];
    // 年底前 / 年内 on their own mean the current year of the passage: the last year named before them.
    const previous = found.filter((d) => d.start < start && d.iso).at(-1);
    const sameYear = /^(本|当)?年(内|底前|末前)$/.test(text);
    const year = previous?.iso ? Number(previous.iso.slice(0, 4)) : issued;
    const iso = sameYear && year !== null ? `${year}-12-31` : null;
    found.push({ start, end: start + text.length, text, kind: sameYear ? 'date' : 'relative', iso });
  }
  return found.sort((a, b) => a.start - b.start);
}
