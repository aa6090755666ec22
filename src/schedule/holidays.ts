import { createRequire } from 'node:module';

/** The package's own table: public holidays (weekend ones too) and make-up workdays, by `YYYY-MM-DD`. */
const TABLE = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

/**
 * Which days jobs post on. Public holidays and the weekend days worked in exchange (调休) come from `chinese-days`,
 * a maintained table shipped inside the package (no network; 2004 onwards); the workspace file adds days off (`skipDates`) and
 * days worked (`workDates`) on top, and can turn the public holidays off (`publicHolidays: false`).
 */

export interface WorkingDays {
  /** Follow the State Council's public holidays and make-up workdays. */
  publicHolidays: boolean;
  /** Also treat Saturdays and Sundays as days off (unless a make-up workday or in `workDates`). */
  skipWeekends: boolean;
  /** Extra days off, `YYYY-MM-DD`. */
  skipDates: readonly string[];
  /** Extra working days, `YYYY-MM-DD`; they win over everything else. */
  workDates: readonly string[];
}

/** A weekday date (`YYYY-MM-DD`) read as a calendar day: 0 Sunday … 6 Saturday. */
function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/** True when nothing should be posted on that day. */
export function isDayOff(iso: string, days: WorkingDays): boolean {
  if (days.workDates.includes(iso)) return false;
  if (days.skipDates.includes(iso)) return true;
  const weekend = weekday(iso) === 0 || weekday(iso) === 6;
  if (days.publicHolidays) {
    // Outside the years the package knows, only the weekday counts, which `skipWeekends` decides.
    if (iso in TABLE.holidays) return true;
    if (iso in TABLE.workdays) return false;
  }
  return days.skipWeekends && weekend;
}
