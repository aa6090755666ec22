import type { PlanEntry } from '../plan/registry.js';
import { unitPlans } from '../plan/running.js';
import type { PlanScope } from './circular-repository.js';
import type { JobDeps } from './jobs.js';

/**
 * The scheduled jobs run per plan: each running plan with its own catalogue (cadence, deadlines, topics, scoring,
 * words) over the units that report on it. A slot names its plan (`<plan>/2016H1/circular`), so each plan's
 * reminders and circulars are claimed and posted once, apart from the other plans'.
 */

/** The jobs' deps for one plan: its catalogue, and the units of the workspace file that report on it. */
export function planJobDeps(deps: JobDeps, entry: Pick<PlanEntry, 'slug' | 'catalogue'>): JobDeps {
  const running = deps.running?.() ?? [];
  const units = running.length
    ? new Set(
        deps.workspace.units.filter((u) => unitPlans(running, u).some((e) => e.slug === entry.slug)).map((u) => u.id),
      )
    : undefined;
  const out: JobDeps = {
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    workspace: deps.workspace,
    tasks: deps.tasks,
    catalogue: entry.catalogue,
    ...(units ? { units } : {}),
    ...(deps.config ? { config: deps.config } : {}),
    ...(deps.running ? { running: deps.running } : {}),
    ...(deps.plans ? { plans: deps.plans } : {}),
  };
  return out;
}

/** Each running plan's jobs' deps, in the workspace file's order; with no registry, the deps' own plan. */
export function jobPlans(deps: JobDeps): JobDeps[] {
  const running = deps.running?.() ?? [];
  return running.length ? running.map((e) => planJobDeps(deps, e)) : [deps];
}

/** The plan a slot belongs to: its first part (`<plan>/2016H1/circular`); none for a slot named before plans were. */
export function planOfSlot(slot: string): string | undefined {
  const parts = slot.split('/');
  return parts.length >= 3 ? parts[0] : undefined;
}

/** The jobs' deps for the plan of a slot; a slot of no plan is the shipped plan's. Undefined when it no longer runs. */
export function jobDepsForSlot(deps: JobDeps, slot: string): JobDeps | undefined {
  const slug = planOfSlot(slot) ?? deps.plans?.shipped.slug ?? deps.catalogue.plan.slug;
  return jobPlans(deps).find((d) => d.catalogue.plan.slug === slug);
}

/** Which plan's rows a job reads. */
export function scopeOf(deps: Pick<JobDeps, 'catalogue' | 'units'>): PlanScope {
  return { plan: deps.catalogue.plan.slug, ...(deps.units ? { units: deps.units } : {}) };
}

/** The settled `job slot` keys, with each slot named before plans were (`reminders 2016H1/before-14`) also under the plan. */
export function withLegacySlots(settled: ReadonlySet<string>, plan: string): ReadonlySet<string> {
  const out = new Set(settled);
  for (const key of settled) {
    const [job, slot] = key.split(' ');
    if (job && slot && !planOfSlot(slot)) out.add(`${job} ${plan}/${slot}`);
  }
  return out;
}
