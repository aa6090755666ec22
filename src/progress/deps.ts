import type { Deps } from '../deps.js';
import type { Metrics } from '../ops/metrics.js';
import { periodInSpan } from '../plan/span.js';
import type { PeriodId } from './periods.js';
import { circularPosted } from './report-repository.js';
import type { PeriodRules } from './validate.js';

/** What the progress use cases need: the database, the clock, the log, the catalogue, and the deployment's time zone. */
export type ProgressDeps = Pick<Deps, 'db' | 'clock' | 'logger' | 'catalogue'> & {
  timezone: string;
  /** The shipped plan's slug: circulars posted before slots named their plan were its. */
  legacyPlan?: string;
  metrics?: Pick<Metrics, 'updateRecorded'>;
};

/** The plan the deps' catalogue is, by slug. */
export const planOf = (deps: Pick<ProgressDeps, 'catalogue'>): string => deps.catalogue.plan.slug;

/** Whether this plan's circular for `period` has been posted (from then on only admins may change its reports). */
export function circularPostedFor(deps: ProgressDeps, period: PeriodId): Promise<boolean> {
  return circularPosted(deps.db, planOf(deps), period, deps.legacyPlan === planOf(deps));
}

export function periodRules(deps: ProgressDeps): PeriodRules {
  return { catalogue: deps.catalogue, now: deps.clock.now(), timezone: deps.timezone };
}

/** The period the clock is in, in the deployment's time zone, held inside the plan's span. */
export function periodNow(deps: ProgressDeps): PeriodId {
  return periodInSpan({ ...deps.catalogue.periods, timezone: deps.timezone }, deps.clock.now());
}
