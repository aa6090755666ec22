import { describe, expect, it } from 'vitest';
import { defaultScheduleConfig, ScheduleConfigSchema, setField } from '../../../src/schedule/config.js';
import { dueSlots, nextWorkingDay, planSlots, type Slot, slotKey } from '../../../src/schedule/due.js';

const calendar = { timezone: 'Asia/Shanghai', due: { H1: '06-30', H2: '12-31' } };
const span = { first: '2015H2', last: '2017H2' } as const;
const noHolidays = ScheduleConfigSchema.parse({ publicHolidays: false, skipWeekends: false });
const shanghai = (iso: string) => new Date(`${iso}+08:00`);
const find = (slots: Slot[], name: string) => {
  const s = slots.find((x) => x.slot === name);
  if (!s) throw new Error(`no slot ${name}`);
  return s;
};

describe('what is due', () => {
  const slots = planSlots(noHolidays, calendar, span);

  it('reminds 14, 7 and 1 days before a mid-year deadline at 09:00 Shanghai time', () => {
    expect(find(slots, '2016H1/before-14').at).toEqual(shanghai('2016-06-16T09:00:00'));
    expect(find(slots, '2016H1/before-7').at).toEqual(shanghai('2016-06-23T09:00:00'));
    expect(find(slots, '2016H1/before-1').at).toEqual(shanghai('2016-06-29T09:00:00'));
  });

  it('nudges 1 and 7 days after a year-end deadline in the next year, escalates after, and circulates on day 15', () => {
    expect(find(slots, '2016H2/after-1').at).toEqual(shanghai('2017-01-01T09:00:00'));
    expect(find(slots, '2016H2/after-7').at).toEqual(shanghai('2017-01-07T09:00:00'));
    expect(find(slots, '2016H2/escalation').at).toEqual(shanghai('2017-01-08T09:00:00'));
    expect(find(slots, '2016H2/circular')).toMatchObject({
      job: 'summary',
      kind: 'circular',
      at: shanghai('2017-01-15T09:00:00'),
    });
  });

  it('covers the plan from its first period (2015H2) to its last (2017H2) and nothing outside it', () => {
    const periods = [...new Set(slots.map((s) => s.period))];
    expect(periods).toEqual(['2015H2', '2016H1', '2016H2', '2017H1', '2017H2']);
    expect(slots[0]?.slot).toBe('2015H2/before-14');
    expect(slots[0]?.at).toEqual(shanghai('2015-12-17T09:00:00'));
    expect(slots.at(-1)).toMatchObject({ slot: '2017H2/circular', at: shanghai('2018-01-15T09:00:00') });
    expect(new Set(slots.map(slotKey)).size).toBe(slots.length);
  });

  it('moves a nudge that falls on New Year holidays to the next working day, keeping the day it was meant for', () => {
    const withHolidays = planSlots(defaultScheduleConfig(), calendar, span);
    expect(find(withHolidays, '2016H2/after-1')).toMatchObject({
      at: shanghai('2017-01-03T09:00:00'),
      movedFrom: '2017-01-01',
    });
    expect(find(withHolidays, '2015H2/after-1')).toMatchObject({
      at: shanghai('2016-01-04T09:00:00'),
      movedFrom: '2016-01-01',
    });
    expect(find(withHolidays, '2016H1/before-14').movedFrom).toBeUndefined();
  });

  it('with weekends skipped, a Saturday reminder moves to Monday across a month boundary', () => {
    // 2016-12-17 is a Saturday; 2017-04-29 (a holiday Saturday) … 2017-05-01 (holiday) → 2017-05-02.
    expect(nextWorkingDay({ year: 2016, month: 12, day: 17 }, { skipDates: [], skipWeekends: true })).toEqual({
      year: 2016,
      month: 12,
      day: 19,
    });
    expect(
      nextWorkingDay({ year: 2017, month: 4, day: 29 }, { skipDates: ['2017-05-01'], skipWeekends: true }),
    ).toEqual({
      year: 2017,
      month: 5,
      day: 2,
    });
  });

  it('follows the public holidays and make-up workdays (调休) of chinese-days, offline, 2015 to 2026', () => {
    const holidays = { publicHolidays: true, skipWeekends: true };
    // National Day 2016: 1–7 October off, Saturday 8 October worked in exchange.
    expect(nextWorkingDay({ year: 2016, month: 10, day: 3 }, holidays)).toEqual({ year: 2016, month: 10, day: 8 });
    // Spring Festival 2015 (18–24 February), then the first working day.
    expect(nextWorkingDay({ year: 2015, month: 2, day: 20 }, holidays)).toEqual({ year: 2015, month: 2, day: 25 });
    // National Day 2026 (1–7 October off); Saturday 10 October is worked in exchange.
    expect(nextWorkingDay({ year: 2026, month: 10, day: 1 }, holidays)).toEqual({ year: 2026, month: 10, day: 8 });
    expect(nextWorkingDay({ year: 2026, month: 10, day: 10 }, holidays)).toEqual({ year: 2026, month: 10, day: 10 });
  });

  it('takes the workspace file’s own days off and working days over the public calendar', () => {
    const days = { publicHolidays: true, skipWeekends: true, skipDates: ['2016-06-16'], workDates: ['2016-10-03'] };
    expect(nextWorkingDay({ year: 2016, month: 6, day: 16 }, days)).toEqual({ year: 2016, month: 6, day: 17 });
    expect(nextWorkingDay({ year: 2016, month: 10, day: 3 }, days)).toEqual({ year: 2016, month: 10, day: 3 });
    const config = ScheduleConfigSchema.parse({ workDates: ['2016-10-03'] });
    expect(config).toMatchObject({ publicHolidays: true, skipWeekends: true, workDates: ['2016-10-03'] });
  });

  it('runs a slot at its minute, not a minute before', () => {
    const at = shanghai('2016-06-16T09:00:00');
    expect(dueSlots(slots, new Date(at.getTime() - 60_000), new Set(), 48).run).toEqual([]);
    expect(dueSlots(slots, at, new Set(), 48).run.map((s) => s.slot)).toEqual(['2016H1/before-14']);
  });

  it('after downtime, runs missed slots within 48 hours and skips older ones', () => {
    const now = shanghai('2017-01-08T10:00:00');
    const settled = new Set(slots.filter((s) => s.at < shanghai('2017-01-01T00:00:00')).map(slotKey));
    const { run, skip } = dueSlots(slots, now, settled, 48);
    expect(run.map((s) => s.slot)).toEqual(['2016H2/after-7', '2016H2/escalation']);
    expect(skip.map((s) => s.slot)).toEqual(['2016H2/after-1']);
  });

  it('does not offer a slot another process has already claimed', () => {
    const at = shanghai('2016-06-16T09:00:00');
    expect(dueSlots(slots, at, new Set(['reminders 2016H1/before-14']), 48).run).toEqual([]);
  });

  it('follows a changed time of day and offsets', () => {
    const changed = setField(noHolidays, 'time', '14:30');
    if (!('config' in changed)) throw new Error(changed.error);
    const again = setField(changed.config, 'remindDaysBefore', '10,3');
    if (!('config' in again)) throw new Error(again.error);
    const s = planSlots(again.config, calendar, span);
    expect(find(s, '2017H1/before-10').at).toEqual(shanghai('2017-06-20T14:30:00'));
    expect(s.some((x) => x.slot === '2017H1/before-14')).toBe(false);
  });

  it('refuses a time of day that is not one', () => {
    expect(setField(noHolidays, 'time', '25:00')).toHaveProperty('error');
    expect(setField(noHolidays, 'nonsense', '1')).toHaveProperty('error');
  });
});
