import {
  comparePeriods,
  currentPeriod,
  formatPeriod,
  localParts,
  type PeriodId,
  type PlanSpan,
  periodBounds,
  reportDue,
  splitPeriod,
} from '../progress/periods.js';

/**
 * A plan's span in time: when it starts and ends, whether it has ended, and the period a reading of the clock falls
 * in held inside the span. Pure: `now` is passed in.
 */

type Span = PlanSpan & { timezone: string };

/** The instant the plan's last period ends (local midnight after its last day). */
export function planEnd(span: Span): Date {
  return periodBounds(span.last, span.timezone).end;
}

export function planStart(span: Span): Date {
  return periodBounds(span.first, span.timezone).start;
}

export function hasEnded(span: Span, now: Date): boolean {
  return now.getTime() >= planEnd(span).getTime();
}

export function hasStarted(span: Span, now: Date): boolean {
  return now.getTime() >= planStart(span).getTime();
}

/** The period `now` falls in, held inside the span: before it starts the first, after it ends the last. */
export function periodInSpan(span: Span, now: Date): PeriodId {
  const p = currentPeriod(now, span.timezone);
  if (comparePeriods(p, span.first) < 0) return span.first;
  if (comparePeriods(p, span.last) > 0) return span.last;
  return p;
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2017年底`, `2016年6月底` (en `the end of 2017`, `the end of June 2016`): when a period closes, as plans write it. */
export function periodEndText(p: PeriodId, lang: 'zh' | 'en' = 'zh'): string {
  const { year, half } = splitPeriod(p);
  const month = half === 1 ? 6 : 12;
  if (lang === 'en') return month === 12 ? `the end of ${year}` : `the end of ${MONTHS_EN[month - 1]} ${year}`;
  return month === 12 ? `${year}年底` : `${year}年${month}月底`;
}

/** `2015年下半年至2017年下半年`: the span in words. */
export function spanText(span: PlanSpan, lang: 'zh' | 'en' = 'zh'): string {
  return lang === 'en' ? `${span.first} to ${span.last}` : `${formatPeriod(span.first)}至${formatPeriod(span.last)}`;
}

/** `2017年12月31日`: the plan's last day, local. */
export function lastDayText(span: Span, lang: 'zh' | 'en' = 'zh'): string {
  const d = localParts(new Date(planEnd(span).getTime() - 1), span.timezone);
  return lang === 'en'
    ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
    : `${d.year}年${d.month}月${d.day}日`;
}

/** The sentence status, App Home and `/report` show once the plan is over. */
export function endedText(span: Span, title: string, lang: 'zh' | 'en' = 'zh'): string {
  return lang === 'en'
    ? `${title} ended on ${lastDayText(span, 'en')}; figures are shown as at its last period, and no more reminders or circulars are sent.`
    : `${title}已于${lastDayText(span)}结束,以下为计划期末的情况;不再发送提醒和通报。`;
}

/**
 * Where the local workspace's clock starts: today when today lies inside the plan, else the plan's demo instant
 * (`rules.demo_clock`), else ten days before its first report is due, so reminders and circulars can be seen.
 */
export function demoStart(
  catalogue: { periods: Span & { due: { H1: string; H2: string } }; rules: { demo_clock?: string | undefined } },
  today: Date,
): Date {
  const span = catalogue.periods;
  if (hasStarted(span, today) && !hasEnded(span, today)) return today;
  if (catalogue.rules.demo_clock) return new Date(catalogue.rules.demo_clock);
  return new Date(reportDue(span.first, span).getTime() - 10 * 86_400_000);
}
