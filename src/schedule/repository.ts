import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { memberships, progressUpdates, reports, schedules, settings, units } from '../../db/schema.js';
import type { UnitKind } from '../plan/catalogue.js';
import type { PeriodId } from '../progress/periods.js';
import type { PlanScope } from './circular-repository.js';
import { defaultScheduleConfig, JOBS, type JobName, type ScheduleConfig, ScheduleConfigSchema } from './config.js';

/** The rows a reminder run decides from, read in a fixed number of queries. */
export interface ReminderRows {
  units: Array<{ id: string; name: string; short: string; kind: UnitKind; channel: string | null; leads: string[] }>;
  /** Units with a submitted report for the period. */
  submitted: Set<string>;
  /** Per unit, the indicators it recorded a current update for in the period. */
  updated: Map<string, Set<string>>;
}

/** The rows of one plan: its units (those in `scope.units`, else all active), its reports and its updates. */
export async function loadReminderRows(db: Db, period: PeriodId, scope: PlanScope): Promise<ReminderRows> {
  const [unitRows, leadRows, reportRows, updateRows] = await Promise.all([
    db
      .select({ id: units.id, name: units.name, short: units.short, kind: units.kind, channel: units.channel })
      .from(units)
      .where(eq(units.active, true))
      .orderBy(units.id),
    db
      .select({ unitId: memberships.unitId, userId: memberships.userId })
      .from(memberships)
      .where(eq(memberships.role, 'lead')),
    db
      .select({ unitId: reports.unitId })
      .from(reports)
      .where(and(eq(reports.plan, scope.plan), eq(reports.period, period), eq(reports.status, 'submitted'))),
    db
      .selectDistinct({ unitId: progressUpdates.unitId, indicatorKey: progressUpdates.indicatorKey })
      .from(progressUpdates)
      .where(
        and(
          eq(progressUpdates.plan, scope.plan),
          eq(progressUpdates.period, period),
          eq(progressUpdates.status, 'current'),
        ),
      ),
  ]);
  const leads = new Map<string, string[]>();
  for (const l of leadRows) leads.set(l.unitId, [...(leads.get(l.unitId) ?? []), l.userId]);
  const updated = new Map<string, Set<string>>();
  for (const u of updateRows) {
    const set = updated.get(u.unitId) ?? new Set<string>();
    set.add(u.indicatorKey);
    updated.set(u.unitId, set);
  }
  return {
    units: unitRows
      .filter((u) => !scope.units || scope.units.has(u.id))
      .map((u) => ({ ...u, leads: (leads.get(u.id) ?? []).sort() })),
    submitted: new Set(reportRows.map((r) => r.unitId)),
    updated,
  };
}

export interface StoredSchedule {
  job: JobName;
  config: ScheduleConfig;
  paused: boolean;
  updatedBy: string | null;
  updatedAt: Date | null;
}

/**
 * Each job's schedule: the one an admin set with `/plan schedule`, else the workspace file's `schedule:`
 * (synced into the `schedule` setting), else the defaults.
 */
export async function loadSchedules(db: Db): Promise<Record<JobName, StoredSchedule>> {
  const rows = await db
    .select()
    .from(schedules)
    .where(inArray(schedules.job, [...JOBS]));
  const [fileRow] = await db.select().from(settings).where(eq(settings.key, 'schedule'));
  const fromFile = fileRow ? ScheduleConfigSchema.safeParse(fileRow.value) : undefined;
  const base = fromFile?.success ? fromFile.data : defaultScheduleConfig();
  const out = {} as Record<JobName, StoredSchedule>;
  for (const job of JOBS) {
    const row = rows.find((r) => r.job === job);
    const parsed = row ? ScheduleConfigSchema.safeParse(row.config) : undefined;
    out[job] = {
      job,
      config: parsed?.success ? parsed.data : base,
      paused: row?.paused ?? false,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt ?? null,
    };
  }
  return out;
}

export async function saveSchedule(
  db: Db,
  job: JobName,
  change: { config: ScheduleConfig; paused: boolean },
  by: string,
  now: Date,
): Promise<void> {
  await db
    .insert(schedules)
    .values({ job, config: change.config, paused: change.paused, updatedBy: by, updatedAt: now })
    .onConflictDoUpdate({
      target: schedules.job,
      set: { config: change.config, paused: change.paused, updatedBy: by, updatedAt: now },
    });
}
