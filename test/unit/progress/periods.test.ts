import { describe, expect, it } from 'vitest';
import {
  comparePeriods,
  currentPeriod,
  formatPeriod,
  isFuture,
  isWithinPlan,
  nextPeriod,
  parsePeriod,
  periodBounds,
  periodsOfPlan,
  prevPeriod,
  reportDue,
  zonedTime,
} from '../../../src/progress/periods.js';

const SH = 'Asia/Shanghai';
const plan = { first: '2015H2', last: '2017H2' } as const;
const calendar = { timezone: SH, due: { H1: '06-30', H2: '12-31' } };

describe('reading a period someone typed', () => {
  it.each([
    ['2016H1', '2016H1'],
    ['2016h2', '2016H2'],
    [' 2016 H1 ', '2016H1'],
    ['２０１６Ｈ１', '2016H1'],
    ['2016-H2', '2016H2'],
    ['H1 2016', '2016H1'],
    ['2016上半年', '2016H1'],
    ['2016年下半年', '2016H2'],
    ['2017年上半年度', '2017H1'],
  ])('accepts %j as %s', (text, period) => {
    expect(parsePeriod(text)).toBe(period);
  });

  it.each(['', '2016', '2016H3', '2016H0', '16H1', '2016年', '上半年', 'next half', '2016H1x', '2016年中半年'])(
    'refuses %j',
    (text) => {
      expect(parsePeriod(text)).toBeNull();
    },
  );

  it('writes a period back in Chinese or English, and reads what it wrote', () => {
    expect(formatPeriod('2016H1', 'zh')).toBe('2016年上半年');
    expect(formatPeriod('2016H2')).toBe('2016年下半年');
    expect(formatPeriod('2016H1', 'en')).toBe('H1 2016');
    for (const lang of ['zh', 'en'] as const) expect(parsePeriod(formatPeriod('2017H2', lang))).toBe('2017H2');
  });
});

describe('the period a moment falls in, by the local date in Asia/Shanghai', () => {
  it('at 23:30 on 30 June local time it is still H1, though UTC already reads 15:30 that day', () => {
    expect(currentPeriod(new Date('2016-06-30T23:30:00+08:00'), SH)).toBe('2016H1');
  });

  it('at local midnight starting 1 July it is H2, though UTC still reads 30 June', () => {
    expect(currentPeriod(new Date('2016-06-30T16:00:00Z'), SH)).toBe('2016H2');
    expect(currentPeriod(new Date('2016-06-30T15:59:59Z'), SH)).toBe('2016H1');
  });

  it('at 16:30 UTC on New Year’s Eve it is already the next year’s H1 in Shanghai', () => {
    expect(currentPeriod(new Date('2016-12-31T16:30:00Z'), SH)).toBe('2017H1');
    expect(currentPeriod(new Date('2016-12-31T16:30:00Z'), 'UTC')).toBe('2016H2');
  });

  it('in a zone west of UTC the year turns later', () => {
    expect(currentPeriod(new Date('2017-01-01T03:00:00Z'), 'America/New_York')).toBe('2016H2');
  });
});

describe('the span of a period', () => {
  it('runs from local midnight of 1 January or 1 July to the next period’s start', () => {
    expect(periodBounds('2016H1', SH)).toEqual({
      start: new Date('2015-12-31T16:00:00Z'),
      end: new Date('2016-06-30T16:00:00Z'),
    });
    expect(periodBounds('2016H2', SH)).toEqual({
      start: new Date('2016-06-30T16:00:00Z'),
      end: new Date('2016-12-31T16:00:00Z'),
    });
  });

  it('holds every moment currentPeriod assigns to it, across a DST zone too', () => {
    for (const tz of [SH, 'America/New_York', 'Europe/London', 'Australia/Sydney']) {
      const { start, end } = periodBounds('2016H1', tz);
      expect(currentPeriod(start, tz), tz).toBe('2016H1');
      expect(currentPeriod(new Date(end.getTime() - 1), tz), tz).toBe('2016H1');
      expect(currentPeriod(end, tz), tz).toBe('2016H2');
    }
  });
});

describe('when a period’s report is due', () => {
  it('is the end of 30 June for H1 and of 31 December for H2, Shanghai time', () => {
    expect(reportDue('2016H1', calendar)).toEqual(new Date('2016-06-30T23:59:59.999+08:00'));
    expect(reportDue('2017H2', calendar)).toEqual(new Date('2017-12-31T23:59:59.999+08:00'));
  });

  it('follows a configured day, moving an early-January H2 due date into the next year', () => {
    const late = { timezone: SH, due: { H1: '07-10', H2: '01-15' } };
    expect(reportDue('2016H1', late)).toEqual(new Date('2016-07-10T23:59:59.999+08:00'));
    expect(reportDue('2016H2', late)).toEqual(new Date('2017-01-15T23:59:59.999+08:00'));
  });

  it('is the end of the local day in a zone with daylight saving', () => {
    const ny = { timezone: 'America/New_York', due: { H1: '06-30', H2: '12-31' } };
    expect(reportDue('2016H1', ny)).toEqual(new Date('2016-06-30T23:59:59.999-04:00'));
    expect(reportDue('2016H2', ny)).toEqual(new Date('2016-12-31T23:59:59.999-05:00'));
  });

  it('refuses a due day that is not a day', () => {
    expect(() => reportDue('2016H1', { timezone: SH, due: { H1: '06-31', H2: '12-31' } })).toThrow(/MM-DD/);
  });
});

describe('the plan’s periods', () => {
  it('run from 2015H2 to 2017H2, five reports in all', () => {
    expect(periodsOfPlan(plan)).toEqual(['2015H2', '2016H1', '2016H2', '2017H1', '2017H2']);
  });

  it('include the first and last period but not the ones either side', () => {
    expect(isWithinPlan('2015H2', plan)).toBe(true);
    expect(isWithinPlan('2017H2', plan)).toBe(true);
    expect(isWithinPlan('2015H1', plan)).toBe(false);
    expect(isWithinPlan('2018H1', plan)).toBe(false);
  });

  it('step across the year boundary both ways', () => {
    expect(nextPeriod('2016H2')).toBe('2017H1');
    expect(nextPeriod('2016H1')).toBe('2016H2');
    expect(prevPeriod('2017H1')).toBe('2016H2');
    expect(prevPeriod(nextPeriod('2015H2'))).toBe('2015H2');
    expect(comparePeriods('2016H2', '2017H1')).toBeLessThan(0);
  });
});

describe('whether a period is still to come', () => {
  const now = new Date('2016-06-30T23:30:00+08:00');
  it('the current and past periods are not; the next one is', () => {
    expect(isFuture('2016H1', now, SH)).toBe(false);
    expect(isFuture('2015H2', now, SH)).toBe(false);
    expect(isFuture('2016H2', now, SH)).toBe(true);
  });
});

describe('local wall-clock time to an instant', () => {
  it('resolves a time skipped by spring-forward to just after the gap', () => {
    expect(zonedTime({ year: 2021, month: 3, day: 14, hour: 2, minute: 30 }, 'America/New_York')).toEqual(
      new Date('2021-03-14T03:30:00-04:00'),
    );
  });

  it('takes the first of a time repeated by fall-back', () => {
    expect(zonedTime({ year: 2021, month: 11, day: 7, hour: 1, minute: 30 }, 'America/New_York')).toEqual(
      new Date('2021-11-07T01:30:00-04:00'),
    );
  });
});

describe('periods of other cadences', () => {
  it('reads and writes quarters, months and (for a yearly plan) years', () => {
    expect(parsePeriod('2020Q1')).toBe('2020Q1');
    expect(parsePeriod('2020年第三季度')).toBe('2020Q3');
    expect(parsePeriod('2020-03')).toBe('2020-03');
    expect(parsePeriod('2020年3月')).toBe('2020-03');
    expect(parsePeriod('2020')).toBeNull();
    expect(parsePeriod('2020', 'yearly')).toBe('2020');
    expect(parsePeriod('2020年', 'yearly')).toBe('2020');
    for (const p of ['2020Q4', '2020-11', '2016H1'] as const) {
      for (const lang of ['zh', 'en'] as const) expect(parsePeriod(formatPeriod(p, lang))).toBe(p);
    }
    expect(formatPeriod('2020Q2')).toBe('2020年第二季度');
    expect(formatPeriod('2020-03', 'en')).toBe('Mar 2020');
    expect(formatPeriod('2020', 'en')).toBe('2020');
  });

  it('step, compare and list within one cadence', () => {
    expect(nextPeriod('2020Q4')).toBe('2021Q1');
    expect(prevPeriod('2021-01')).toBe('2020-12');
    expect(nextPeriod('2020')).toBe('2021');
    expect(periodsOfPlan({ first: '2020Q3', last: '2021Q2' })).toEqual(['2020Q3', '2020Q4', '2021Q1', '2021Q2']);
    expect(isWithinPlan('2021Q1', { first: '2020Q3', last: '2021Q2' })).toBe(true);
    expect(isWithinPlan('2021H1', { first: '2020Q3', last: '2021Q2' })).toBe(false);
    expect(comparePeriods('2020-02', '2020-11')).toBeLessThan(0);
  });

  it('place a moment in its quarter or month by the local date, and fall due at the period’s last day', () => {
    expect(currentPeriod(new Date('2020-03-31T16:30:00Z'), SH, 'quarterly')).toBe('2020Q2');
    expect(currentPeriod(new Date('2020-03-31T16:30:00Z'), 'UTC', 'monthly')).toBe('2020-03');
    expect(currentPeriod(new Date('2020-03-31T16:30:00Z'), SH, 'yearly')).toBe('2020');
    expect(periodBounds('2020Q1', SH)).toEqual({
      start: new Date('2019-12-31T16:00:00Z'),
      end: new Date('2020-03-31T16:00:00Z'),
    });
    expect(reportDue('2020Q1', calendar)).toEqual(new Date('2020-03-31T23:59:59.999+08:00'));
    expect(reportDue('2020-02', calendar)).toEqual(new Date('2020-02-29T23:59:59.999+08:00'));
    expect(reportDue('2020', calendar)).toEqual(new Date('2020-12-31T23:59:59.999+08:00'));
  });
});
