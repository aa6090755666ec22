/**
 * The forms of a reporting period's id, one per cadence (CONTRACT §5): `2020-03` a month, `2020Q1` a quarter,
 * `2016H1` a half-year, `2020` a year. Pure arithmetic on ids; time zones and due dates are in periods.ts.
 */

export const CADENCES = ['monthly', 'quarterly', 'half-yearly', 'yearly'] as const;
export type Cadence = (typeof CADENCES)[number];

export type Half = 1 | 2;
export type HalfId = `${number}H${Half}`;
export type PeriodId = HalfId | `${number}Q${1 | 2 | 3 | 4}` | `${number}-${string}` | `${number}`;

/** Months in one period of each cadence. */
const MONTHS: Record<Cadence, number> = { monthly: 1, quarterly: 3, 'half-yearly': 6, yearly: 12 };

const ID_FORMS: { cadence: Cadence; re: RegExp }[] = [
  { cadence: 'half-yearly', re: /^(\d{4})H([12])$/ },
  { cadence: 'quarterly', re: /^(\d{4})Q([1-4])$/ },
  { cadence: 'monthly', re: /^(\d{4})-(0[1-9]|1[0-2])$/ },
  { cadence: 'yearly', re: /^(\d{4})()$/ },
];

export interface PeriodParts {
  cadence: Cadence;
  year: number;
  /** 1-based: the half, quarter or month within the year; 1 for a year. */
  index: number;
}

/** The parts of a period id, or null when `p` is not one. */
export function readPeriodId(p: string): PeriodParts | null {
  for (const { cadence, re } of ID_FORMS) {
    const match = re.exec(p);
    if (match) return { cadence, year: Number(match[1]), index: match[2] ? Number(match[2]) : 1 };
  }
  return null;
}

export function isPeriodId(p: string, cadence?: Cadence): p is PeriodId {
  const parts = readPeriodId(p);
  return parts !== null && (cadence === undefined || parts.cadence === cadence);
}

export function periodParts(p: PeriodId): PeriodParts {
  const parts = readPeriodId(p);
  if (!parts) throw new RangeError(`not a period id: ${p}`);
  return parts;
}

export function cadenceOf(p: PeriodId): Cadence {
  return periodParts(p).cadence;
}

export function makePeriodId(cadence: Cadence, year: number, index: number): PeriodId {
  switch (cadence) {
    case 'half-yearly':
      return `${year}H${index as Half}`;
    case 'quarterly':
      return `${year}Q${index as 1 | 2 | 3 | 4}`;
    case 'monthly':
      return `${year}-${String(index).padStart(2, '0')}`;
    case 'yearly':
      return `${year}`;
  }
}

/** The period of a cadence that holds a given month (1–12) of a year. */
export function periodOfMonth(cadence: Cadence, year: number, month: number): PeriodId {
  return makePeriodId(cadence, year, Math.floor((month - 1) / MONTHS[cadence]) + 1);
}

/** The first month (1–12) of a period and how many months it lasts. */
export function periodMonths(p: PeriodId): { year: number; month: number; months: number } {
  const { cadence, year, index } = periodParts(p);
  const months = MONTHS[cadence];
  return { year, month: (index - 1) * months + 1, months };
}

/** Periods counted from year 0 in the period's own cadence: consecutive periods differ by one. */
export function periodOrdinal(p: PeriodId): number {
  const { cadence, year, index } = periodParts(p);
  return year * (12 / MONTHS[cadence]) + index - 1;
}

export function fromOrdinal(cadence: Cadence, n: number): PeriodId {
  const perYear = 12 / MONTHS[cadence];
  return makePeriodId(cadence, Math.floor(n / perYear), (n % perYear) + 1);
}

/** Orders two periods; periods of different cadences are ordered by their first month. */
export function comparePeriodIds(a: PeriodId, b: PeriodId): number {
  const pa = periodParts(a);
  const pb = periodParts(b);
  if (pa.cadence === pb.cadence) return periodOrdinal(a) - periodOrdinal(b);
  const start = (p: PeriodId) => {
    const m = periodMonths(p);
    return m.year * 12 + m.month;
  };
  return start(a) - start(b);
}

const QUARTERS_ZH = ['一', '二', '三', '四'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatPeriodId(p: PeriodId, lang: 'zh' | 'en'): string {
  const { cadence, year, index } = periodParts(p);
  switch (cadence) {
    case 'half-yearly':
      return lang === 'en' ? `H${index} ${year}` : `${year}年${index === 1 ? '上' : '下'}半年`;
    case 'quarterly':
      return lang === 'en' ? `Q${index} ${year}` : `${year}年第${QUARTERS_ZH[index - 1]}季度`;
    case 'monthly':
      return lang === 'en' ? `${MONTHS_EN[index - 1]} ${year}` : `${year}年${index}月`;
    case 'yearly':
      return lang === 'en' ? `${year}` : `${year}年`;
  }
}

const PATTERNS: { cadence: Cadence; re: RegExp; year: number; index: number }[] = [
  { cadence: 'half-yearly', re: /^(\d{4})[-/]?h([12])$/, year: 1, index: 2 },
  { cadence: 'half-yearly', re: /^h([12])[-/]?(\d{4})$/, year: 2, index: 1 },
  { cadence: 'half-yearly', re: /^(\d{4})年?([上下])半年度?$/, year: 1, index: 2 },
  { cadence: 'quarterly', re: /^(\d{4})[-/]?q([1-4])$/, year: 1, index: 2 },
  { cadence: 'quarterly', re: /^q([1-4])[-/]?(\d{4})$/, year: 2, index: 1 },
  { cadence: 'quarterly', re: /^(\d{4})年?第?([一二三四1-4])季度?$/, year: 1, index: 2 },
  { cadence: 'monthly', re: /^(\d{4})[-/](0?[1-9]|1[0-2])$/, year: 1, index: 2 },
  { cadence: 'monthly', re: /^(\d{4})年(0?[1-9]|1[0-2])月(?:份)?$/, year: 1, index: 2 },
  { cadence: 'monthly', re: /^([a-z]{3})[a-z]*(\d{4})$/, year: 2, index: 1 },
  { cadence: 'yearly', re: /^(\d{4})年?度?$/, year: 1, index: 0 },
];

function indexOf(cadence: Cadence, text: string | undefined): number {
  if (cadence === 'yearly' || text === undefined) return 1;
  if (text === '上') return 1;
  if (text === '下') return 2;
  const zh = QUARTERS_ZH.indexOf(text);
  if (zh >= 0) return zh + 1;
  const en = MONTHS_EN.findIndex((m) => m.toLowerCase() === text);
  if (en >= 0) return en + 1;
  return Number(text);
}

/**
 * Reads a period someone typed: `2016H1`, `2016上半年`, `2020Q1`, `2020年第一季度`, `2020-03`, `2020年3月`, `Mar 2020`.
 * A bare year (`2020`) is read only when the plan reports yearly, since elsewhere it names no single period.
 */
export function parsePeriodText(text: string, cadence?: Cadence): PeriodId | null {
  const t = text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  for (const p of PATTERNS) {
    if (p.cadence === 'yearly' && cadence !== 'yearly') continue;
    const match = p.re.exec(t);
    if (!match) continue;
    const year = Number(match[p.year]);
    const index = indexOf(p.cadence, p.index ? match[p.index] : undefined);
    if (year < 1900 || year > 2999 || !(index >= 1)) return null;
    return makePeriodId(p.cadence, year, index);
  }
  return null;
}
