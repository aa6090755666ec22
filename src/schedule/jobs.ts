import type { Deps } from '../deps.js';
import { scoringOf } from '../plan/rules.js';
import type { PeriodId } from '../progress/periods.js';
import { chartPng } from '../summary/chart.js';
import { buildCircular } from '../summary/figures.js';
import type { Circular } from '../summary/types.js';
import { buildPeriodReportPoints, withReportPoints } from './circular-points.js';
import { loadCircularRows } from './circular-repository.js';
import type { ScheduleConfig } from './config.js';
import type { Slot } from './due.js';
import { circularMessages, reminderMessages } from './messages.js';
import type { OutboxMessage } from './outbox.js';
import { scopeOf } from './plans.js';
import { loadReminderRows } from './repository.js';

/**
 * What the jobs need from the app's dependencies. `catalogue` is the plan the job runs for; `units`, the units that
 * report on it (unset: every active unit); `running` and `plans`, the deployment's plans (src/schedule/plans.ts).
 */
export type JobDeps = Pick<Deps, 'db' | 'clock' | 'logger' | 'catalogue' | 'workspace' | 'tasks'> &
  Partial<Pick<Deps, 'config' | 'running' | 'plans'>> & { units?: ReadonlySet<string> };

export const timezoneOf = (deps: Pick<JobDeps, 'workspace'>, config: ScheduleConfig) =>
  config.timezone ?? deps.workspace.timezone;

/** Reads the rows and decides a slot's messages for the deps' plan (nothing is written). */
export async function planSlotMessages(
  deps: JobDeps,
  slot: Slot,
  config: ScheduleConfig,
  now: Date,
): Promise<OutboxMessage[]> {
  const channels = { summary: deps.workspace.channels.summary, admins: deps.workspace.channels.admins };
  const timezone = timezoneOf(deps, config);
  if (slot.kind === 'circular') {
    const circular = await buildPeriodCircular(deps, slot.period, config, now);
    const messages = circularMessages(circular, chartPng(circular), { timezone, channels });
    return withReportPoints(messages, await buildPeriodReportPoints(deps, slot.period));
  }
  const rows = await loadReminderRows(deps.db, slot.period, scopeOf(deps));
  return reminderMessages(slot, rows, deps.catalogue, { timezone, channels, now });
}

export async function buildPeriodCircular(
  deps: Pick<JobDeps, 'db' | 'catalogue' | 'units'>,
  period: PeriodId,
  config: ScheduleConfig,
  now: Date,
): Promise<Circular> {
  const rows = await loadCircularRows(deps.db, period, scopeOf(deps));
  return buildCircular(rows, deps.catalogue, scoringOf(deps.catalogue.rules, config.scoring), now);
}
