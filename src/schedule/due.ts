import {
  localParts,
  type PeriodCalendar,
  type PeriodId,
  type PlanSpan,
  periodsOfPlan,
  reportDue,
  zonedTime,
} from '../progress/periods.js';
import type { JobName, ScheduleConfig } from './config.js';
import { isDayOff, type WorkingDays } from './holidays.js';

/**
 * What is due: every slot of the plan's calendar as a pure function of the config, and which of them a run at `now`
 * must run or skip. No database, no clock: the scheduler passes `now` in.
 */

export type SlotKind = 'reminder' | 'overdue' | 'escalation' | 'circular';

export interface Slot {
  job: JobName;
  /**
   * Unique within the job: `<plan>/2016H1/before-14`, `…/after-1`, `…/escalation`, `…/circular` (without a plan,
   * `2016H1/before-14`: as slots were named before plans were told apart).
   */
  slot: string;
  period: PeriodId;
  kind: SlotKind;
  /** Days before (negative) or after (positive) the report deadline, as configured. */
  offsetDays: number;
  /** When it runs: the configured time of day on the (working) day, in the schedule's time zone. */
  at: Date;
  /** The day it was first meant for, when a skip date moved it (`YYYY-MM-DD`). */
  movedFrom?: string;
}

export interface DueDecision {
  run: Slot[];
  /** Older than the catch-up window: recorded as skipped, never run. */
  skip: Slot[];
}

const DAY_MS = 86_400_000;

/** The local calendar date the report of `period` is due on, as year/month/day. */
export function deadlineDay(period: PeriodId, calendar: PeriodCalendar): { year: number; month: number; day: number } {
  const p = localParts(reportDue(period, calendar), calendar.timezone);
  return { year: p.year, month: p.month, day: p.day };
}

/** Every slot of every period of the plan, oldest first; named after the plan when its slug is given. */
export function planSlots(config: ScheduleConfig, calendar: PeriodCalendar, span: PlanSpan, plan?: string): Slot[] {
  const tz = config.timezone ?? calendar.timezone;
  const out: Slot[] = [];
  for (const period of periodsOfPlan(span)) {
    const due = deadlineDay(period, calendar);
    const add = (job: JobName, kind: SlotKind, offsetDays: number, name: string) => {
      const planned = addDays(due, offsetDays);
      const actual = nextWorkingDay(planned, config);
      const [hour, minute] = config.time.split(':').map(Number) as [number, number];
      out.push({
        job,
        slot: `${plan ? `${plan}/` : ''}${period}/${name}`,
        period,
        kind,
        offsetDays,
        at: zonedTime({ ...actual, hour, minute }, tz),
        ...(sameDay(planned, actual) ? {} : { movedFrom: isoDay(planned) }),
      });
    };
    for (const d of unique(config.remindDaysBefore)) add('reminders', 'reminder', -d, `before-${d}`);
    for (const d of unique(config.overdueDaysAfter)) add('reminders', 'overdue', d, `after-${d}`);
    add('reminders', 'escalation', config.escalateDaysAfter, 'escalation');
    add('summary', 'circular', config.circularDaysAfter, 'circular');
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.slot.localeCompare(b.slot));
}

/**
 * Of the slots, those due by `now` that are not done yet: run when younger than the catch-up window, skip when older.
 * `done` holds `job slot` keys already claimed (run, running or skipped) by any process.
 */
export function dueSlots(
  slots: readonly Slot[],
  now: Date,
  done: ReadonlySet<string>,
  catchUpHours: number,
): DueDecision {
  const run: Slot[] = [];
  const skip: Slot[] = [];
  const oldest = now.getTime() - catchUpHours * 3_600_000;
  for (const s of slots) {
    if (s.at.getTime() > now.getTime() || done.has(slotKey(s))) continue;
    (s.at.getTime() >= oldest ? run : skip).push(s);
  }
  return { run, skip };
}

export const slotKey = (s: { job: string; slot: string }): string => `${s.job} ${s.slot}`;

/** The next slot after `now`, for `/plan schedule` to show. */
export function nextSlot(slots: readonly Slot[], now: Date, job?: JobName): Slot | undefined {
  return slots.find((s) => s.at.getTime() > now.getTime() && (!job || s.job === job));
}

type Day = { year: number; month: number; day: number };

function addDays(d: Day, n: number): Day {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + n * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function isoDay(d: Day): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function sameDay(a: Day, b: Day): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** The day itself when it is a working day, else the first working day after it (a year at most). */
export function nextWorkingDay(d: Day, config: Partial<WorkingDays>): Day {
  const days: WorkingDays = {
    publicHolidays: config.publicHolidays ?? false,
    skipWeekends: config.skipWeekends ?? false,
    skipDates: config.skipDates ?? [],
    workDates: config.workDates ?? [],
  };
  let day = d;
  for (let i = 0; i < 366; i++) {
    if (!isDayOff(isoDay(day), days)) return day;
    day = addDays(day, 1);
  }
  return d;
}

function unique(xs: number[]): number[] {
  return [...new Set(xs)].sort((a, b) => b - a);
}
