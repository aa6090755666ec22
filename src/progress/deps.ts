import type { Deps } from '../deps.js';
import type { Metrics } from '../ops/metrics.js';
import { periodInSpan } from '../plan/span.js';
import type { PeriodId } from './periods.js';
import type { PeriodRules } from './validate.js';

/** What the progress use cases need: the database, the clock, the log, the catalogue, and the deployment's time zone. */
export type ProgressDeps = Pick<Deps, 'db' | 'clock' | 'logger' | 'catalogue'> & {
  timezone: string;
  metrics?: Pick<Metrics, 'updateRecorded'>;
};

export function periodRules(deps: ProgressDeps): PeriodRules {
  return { catalogue: deps.catalogue, now: deps.clock.now(), timezone: deps.timezone };
}

/** The period the clock is in, in the deployment's time zone, held inside the plan's span. */
export function periodNow(deps: ProgressDeps): PeriodId {
  return periodInSpan({ ...deps.catalogue.periods, timezone: deps.timezone }, deps.clock.now());
}
