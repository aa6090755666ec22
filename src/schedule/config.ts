import { z } from 'zod';
import { isTimeZone } from '../progress/periods.js';

/**
 * The schedule of the reminder and circular jobs. Every field has a default, so `{}` is a whole config; admins
 * change fields with `/plan schedule set`, and the changed config is stored in the `schedules` table.
 */

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as 09:00');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2016-10-03');
const days = z.array(z.number().int().min(1).max(90));

export const ScheduleConfigSchema = z.object({
  /** Empty: the workspace's time zone. */
  timezone: z.string().optional(),
  /** Local time of day every job runs at. */
  time: time.default('09:00'),
  /** Reminders this many days before each report deadline. */
  remindDaysBefore: days.default([14, 7, 1]),
  /** Nudges to units still without a report this many days after the deadline. */
  overdueDaysAfter: days.default([1, 7]),
  /** After the last nudge: the units still missing are listed in the admins' channel. */
  escalateDaysAfter: z.number().int().min(1).max(90).default(8),
  /** The half-year circular (通报), this many days after the deadline. */
  circularDaysAfter: z.number().int().min(1).max(90).default(15),
  /** The circular goes to the admins as a draft first and posts only when one of them posts it (src/schedule/review.ts). */
  circularReview: z.boolean().default(false),
  /** Move jobs off China's public holidays, and onto the weekend days worked in exchange (调休), from chinese-days. */
  publicHolidays: z.boolean().default(true),
  /** Further dates on which nothing is posted: a job falling on one moves to the next working day. */
  skipDates: z.array(date).default([]),
  /** Dates that are working days whatever the calendar says. */
  workDates: z.array(date).default([]),
  /** Move jobs off Saturdays and Sundays too (make-up workdays excepted): offices post on working days. */
  skipWeekends: z.boolean().default(true),
  /** Missed slots younger than this still run when a process starts; older ones are skipped with a log line. */
  catchUpHours: z
    .number()
    .min(0)
    .max(24 * 30)
    .default(48),
  /** Overrides of the plan's scoring rules (`rules.scoring` in its catalogue); unset fields follow the plan. */
  scoring: z
    .object({
      /** Points for the unit's duties (indicators of its kind), out of 100 with `timeliness`. */
      duties: z.number().min(0).max(100).optional(),
      timeliness: z.number().min(0).max(100).optional(),
      /** Share of the timeliness points a late report still earns. */
      lateCredit: z.number().min(0).max(1).optional(),
      /** How many of the lowest-ranked units get the card. */
      yellowCards: z.number().int().min(0).max(20).optional(),
      /** Unit kinds ranked; empty: the kinds that owe the half-year report. */
      rankKinds: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a unit kind id')).optional(),
    })
    .prefault({}),
});

export type ScheduleConfig = z.infer<typeof ScheduleConfigSchema>;
export type ScoringOverrides = ScheduleConfig['scoring'];

export const JOBS = ['reminders', 'summary'] as const;
export type JobName = (typeof JOBS)[number];

export function defaultScheduleConfig(): ScheduleConfig {
  return ScheduleConfigSchema.parse({});
}

/** The fields `/plan schedule set <field> <value>` may change, with how to read the value. */
export const SETTABLE: Record<string, (raw: string) => unknown> = {
  time: (raw) => raw,
  remindDaysBefore: (raw) => numberList(raw),
  overdueDaysAfter: (raw) => numberList(raw),
  escalateDaysAfter: (raw) => Number(raw),
  circularDaysAfter: (raw) => Number(raw),
  skipDates: (raw) => (raw === '-' ? [] : raw.split(/[,,\s]+/).filter(Boolean)),
  workDates: (raw) => (raw === '-' ? [] : raw.split(/[,,\s]+/).filter(Boolean)),
  skipWeekends: (raw) => /^(true|yes|on|是|1)$/i.test(raw),
  circularReview: (raw) => /^(true|yes|on|是|1)$/i.test(raw),
  publicHolidays: (raw) => /^(true|yes|on|是|1)$/i.test(raw),
  catchUpHours: (raw) => Number(raw),
  timezone: (raw) => raw,
  'scoring.duties': (raw) => Number(raw),
  'scoring.timeliness': (raw) => Number(raw),
  'scoring.lateCredit': (raw) => Number(raw),
  'scoring.yellowCards': (raw) => Number(raw),
};

function numberList(raw: string): number[] {
  return raw
    .split(/[,,\s]+/)
    .filter(Boolean)
    .map(Number);
}

/** Applies one `field value` change to a config; returns the new config or a sentence saying what is wrong. */
export function setField(
  config: ScheduleConfig,
  field: string,
  raw: string,
): { config: ScheduleConfig } | { error: string } {
  const read = SETTABLE[field];
  if (!read) return { error: `没有可设置的字段“${field}”。可设置:${Object.keys(SETTABLE).join(', ')}` };
  const next: Record<string, unknown> = structuredClone(config) as unknown as Record<string, unknown>;
  if (field.startsWith('scoring.')) {
    next.scoring = { ...(next.scoring as object), [field.slice('scoring.'.length)]: read(raw) };
  } else {
    next[field] = read(raw);
  }
  const parsed = ScheduleConfigSchema.safeParse(next);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `${issue?.path.join('.') || field}: ${issue?.message ?? '无效'}` };
  }
  if (parsed.data.timezone && !isTimeZone(parsed.data.timezone))
    return { error: `timezone: 不是有效的时区 ${parsed.data.timezone}` };
  return { config: parsed.data };
}
