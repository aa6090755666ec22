import type { UnitKind } from '../plan/catalogue.js';
import { periodInSpan } from '../plan/span.js';
import type { ProgressDeps } from './deps.js';
import { currentPeriod, isWithinPlan, type PeriodId, prevPeriod, reportDue } from './periods.js';
import { reportTopicsFor } from './report-rules.js';
import { getReport, isReportLocked } from './reports.js';

/**
 * The period `/report` and `/progress` use when none is typed. A unit that still owes the previous period's report
 * (not submitted, circular not yet posted, deadline passed less than `OWED_DAYS` ago) gets that period: on 2 July its
 * first-half report is what it is working on, not the second half that has just begun. Otherwise the period the
 * clock is in, held inside the plan's span.
 */

/** How long after its deadline a missing report is still what a unit is working on (the circular follows sooner). */
export const OWED_DAYS = 31;
export interface DefaultPeriod {
  period: PeriodId;
  /** Why: `owed` when the previous period's report is still outstanding, `current` otherwise. */
  reason: 'owed' | 'current';
}

export async function defaultPeriodFor(
  deps: ProgressDeps,
  unit: { id: string; kind: UnitKind },
): Promise<DefaultPeriod> {
  const now = deps.clock.now();
  const span = { ...deps.catalogue.periods, timezone: deps.timezone };
  const current = periodInSpan(span, now);
  const previous = prevPeriod(currentPeriod(now, deps.timezone));
  const overdueMs = now.getTime() - reportDue(previous, deps.catalogue.periods).getTime();
  const owes =
    isWithinPlan(previous, span) &&
    overdueMs > 0 &&
    overdueMs <= OWED_DAYS * 86_400_000 &&
    reportTopicsFor(deps.catalogue, unit.kind).length > 0 &&
    (await getReport(deps, unit.id, previous))?.status !== 'submitted' &&
    !(await isReportLocked(deps, previous));
  return owes ? { period: previous, reason: 'owed' } : { period: current, reason: 'current' };
}
