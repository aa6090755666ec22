/**
 * Reporting periods: half-years (`2016H1` = 上半年, `2016H2` = 下半年) by default, or months, quarters or years for a
 * plan with another cadence (cadence.ts), computed by the local calendar of a time zone.
 * Pure: the clock is passed in as `now`, the time zone and due dates come from the plan's catalogue.
 */

import {
  type Cadence,
  cadenceOf,
  comparePeriodIds,
  formatPeriodId,
  fromOrdinal,
  type Half,
  type PeriodId,
  parsePeriodText,
  periodMonths,
  periodOfMonth,
  periodOrdinal,
  periodParts,
} from './cadence.js';

export { CADENCES, type Cadence, cadenceOf, type Half, isPeriodId, type PeriodId, periodOfMonth } from './cadence.js';

/**
 * Which day a period's report is due, in the plan's time zone: `MM-DD` per half for half-yearly plans; a plan with
 * another cadence reports by the last day of each period.
 */
export interface PeriodCalendar {
  timezone: string;
  due: { H1: string; H2: string };
  cadence?: Cadence;
}

/** The first and last period a plan runs over, both included. */
export interface PlanSpan {
  first: PeriodId;
  last: PeriodId;
}

export const DEFAULT_DUE = { H1: '06-30', H2: '12-31' } as const;

export function periodId(year: number, half: Half): PeriodId {
  return `${year}H${half}`;
}

/** The year and half of a half-year id; any other id throws. */
export function splitPeriod(p: PeriodId): { year: number; half: Half } {
  const parts = /^\d{4}H[12]$/.test(p) ? periodParts(p) : null;
  if (!parts) throw new RangeError(`not a period id: ${p}`);
  return { year: parts.year, half: parts.index as Half };
}

/**
 * Reads `2016H1`, `2016h1`, `2016-H1`, `H1 2016`, `2016上半年`, `2016年下半年`, and quarters and months
 * (`2020Q1`, `2020-03`); a bare year only for a yearly plan. Anything else is null.
 */
export function parsePeriod(text: string, cadence?: Cadence): PeriodId | null {
  return parsePeriodText(text, cadence);
}

export function formatPeriod(p: PeriodId, lang: 'zh' | 'en' = 'zh'): string {
  return formatPeriodId(p, lang);
}

export function comparePeriods(a: PeriodId, b: PeriodId): number {
  return comparePeriodIds(a, b);
}

export function nextPeriod(p: PeriodId): PeriodId {
  return fromOrdinal(cadenceOf(p), periodOrdinal(p) + 1);
}

export function prevPeriod(p: PeriodId): PeriodId {
  return fromOrdinal(cadenceOf(p), periodOrdinal(p) - 1);
}

/** The first period of `p`'s year in `p`'s cadence (`2020Q3` → `2020Q1`). */
export function firstOfYear(p: PeriodId): PeriodId {
  return periodOfMonth(cadenceOf(p), periodParts(p).year, 1);
}

/** The last period of `p`'s year in `p`'s cadence (`2020Q3` → `2020Q4`). */
export function lastOfYear(p: PeriodId): PeriodId {
  return periodOfMonth(cadenceOf(p), periodParts(p).year, 12);
}

/** The period holding the local date of `now` in `tz`: for half-years, January–June is H1, July–December H2. */
export function currentPeriod(now: Date, tz: string, cadence: Cadence = 'half-yearly'): PeriodId {
  const { year, month } = localParts(now, tz);
  return periodOfMonth(cadence, year, month);
}

/** The instants a period spans in `tz`: from local midnight of its first day up to, not including, the next period's. */
export function periodBounds(p: PeriodId, tz: string): { start: Date; end: Date } {
  const first = periodMonths(p);
  const next = periodMonths(nextPeriod(p));
  return {
    start: zonedTime({ year: first.year, month: first.month, day: 1 }, tz),
    end: zonedTime({ year: next.year, month: next.month, day: 1 }, tz),
  };
}

/**
 * The last instant of the day a period's report is due, local time. A half-year's due day earlier in the year than
 * the period's first month falls in the following year (an H2 report due `01-15` is due in January after the period).
 * Other cadences are due on the last day of the period.
 */
export function reportDue(p: PeriodId, calendar: PeriodCalendar): Date {
  if (cadenceOf(p) !== 'half-yearly') return new Date(periodBounds(p, calendar.timezone).end.getTime() - 1);
  const { year, half } = splitPeriod(p);
  const { month, day } = parseMonthDay(calendar.due[half === 1 ? 'H1' : 'H2']);
  const dueYear = month < (half === 1 ? 1 : 7) ? year + 1 : year;
  const clampedDay = Math.min(day, daysInMonth(dueYear, month));
  const nextDay = new Date(Date.UTC(dueYear, month - 1, clampedDay + 1));
  const startOfNextDay = zonedTime(
    { year: nextDay.getUTCFullYear(), month: nextDay.getUTCMonth() + 1, day: nextDay.getUTCDate() },
    calendar.timezone,
  );
  return new Date(startOfNextDay.getTime() - 1);
}

export function periodsOfPlan(span: PlanSpan): PeriodId[] {
  const out: PeriodId[] = [];
  const cadence = cadenceOf(span.first);
  for (let i = periodOrdinal(span.first); i <= periodOrdinal(span.last); i++) out.push(fromOrdinal(cadence, i));
  return out;
}

/** True when `p` is one of the plan's periods: of the plan's cadence, between its first and last. */
export function isWithinPlan(p: PeriodId, span: PlanSpan): boolean {
  if (cadenceOf(p) !== cadenceOf(span.first)) return false;
  return comparePeriods(p, span.first) >= 0 && comparePeriods(p, span.last) <= 0;
}

/** True when the period has not begun yet at `now` in `tz`. */
export function isFuture(p: PeriodId, now: Date, tz: string): boolean {
  return comparePeriods(p, currentPeriod(now, tz, cadenceOf(p))) > 0;
}

/** `MM-DD` → month and day; throws RangeError on anything that is not a real day of some year. */
export function parseMonthDay(text: string): { month: number; day: number } {
  const match = /^(\d{2})-(\d{2})$/.exec(text);
  const month = Number(match?.[1]);
  const day = Number(match?.[2]);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) {
    throw new RangeError(`not a month-day (MM-DD): ${text}`);
  }
  return { month, day };
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether `tz` is an IANA time zone this runtime knows, such as `Asia/Shanghai`. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a time zone. */
export function localParts(at: Date, tz: string): LocalParts {
  let fmt = formatters.get(tz);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, fmt);
  }
  const parts: Record<string, number> = {};
  for (const part of fmt.formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? Number.NaN,
    month: parts.month ?? Number.NaN,
    day: parts.day ?? Number.NaN,
    hour: parts.hour ?? Number.NaN,
    minute: parts.minute ?? Number.NaN,
    second: parts.second ?? Number.NaN,
  };
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offsetAt(at: Date, tz: string): number {
  const p = localParts(at, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a local wall-clock time (midnight by default) names in `tz`. Two passes settle the offset across a
 * DST change; a time skipped by a spring-forward gap resolves to the instant just after the gap.
 */
export function zonedTime(
  local: { year: number; month: number; day: number; hour?: number; minute?: number },
  tz: string,
): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0);
  const first = wall - offsetAt(new Date(wall), tz);
  const second = wall - offsetAt(new Date(first), tz);
  if (first === second) return new Date(first);
  // The offsets disagree near a transition: take the reading whose wall clock matches, else the later one.
  const matches = (t: number) => t + offsetAt(new Date(t), tz) === wall;
  if (matches(second)) return new Date(second);
  if (matches(first)) return new Date(first);
  return new Date(Math.max(first, second));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
