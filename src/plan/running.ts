import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { progressUpdates, reports } from '../../db/schema.js';
import { PlanbotError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Workspace, WorkspaceUnit } from '../workspace/file.js';
import type { Catalogue } from './catalogue.js';
import type { PlanEntry, PlanRegistry } from './registry.js';

/** Which plans a deployment and each of its units run, from the workspace file (CONTRACT §8). */

const warned = new Set<string>();

/** The workspace's plans that exist, in the file's order; a slug not (yet) imported is skipped with one warning. */
export function runningPlans(registry: PlanRegistry, workspace: Workspace, logger: Logger): PlanEntry[] {
  const slugs = workspace.plans ?? [registry.shipped.slug];
  const out: PlanEntry[] = [];
  for (const slug of slugs) {
    const entry = registry.get(slug);
    if (entry) out.push(entry);
    else if (!warned.has(slug)) {
      warned.add(slug);
      logger.warn('the workspace file names a plan that is not imported', { slug });
    }
  }
  return out;
}

/** The plans a unit reports on: its own `plans`, else all of the deployment's. */
export function unitPlans(running: readonly PlanEntry[], unit: Pick<WorkspaceUnit, 'plans'> | undefined): PlanEntry[] {
  if (!unit?.plans) return [...running];
  return running.filter((e) => unit.plans?.includes(e.slug));
}

/** The plan bound to a channel in the workspace file (`channels.plans`), when it runs. */
export function channelPlan(
  running: readonly PlanEntry[],
  workspace: Workspace,
  channel?: string,
): PlanEntry | undefined {
  const slug = channel ? workspace.channels.plans[channel] : undefined;
  return slug ? running.find((e) => e.slug === slug) : undefined;
}

/** Updates and reports written before plans were told apart belong to the shipped plan: give them its slug (idempotent). */
export async function claimLegacyProgress(db: Db, shippedSlug: string): Promise<void> {
  await db.update(progressUpdates).set({ plan: shippedSlug }).where(eq(progressUpdates.plan, ''));
  await db.update(reports).set({ plan: shippedSlug }).where(eq(reports.plan, ''));
}

/** A shipped catalogue naming a unit kind the workspace does not declare is a configuration error. */
export function checkKinds(catalogue: Catalogue, workspace: Workspace): void {
  if (!workspace.kinds.length) return;
  const declared = new Set(workspace.kinds.map((k) => k.id));
  const named = [
    ...catalogue.indicators.flatMap((i) => i.applies_to ?? []),
    ...catalogue.report_topics.flatMap((t) => t.applies_to ?? []),
  ];
  const unknown = [...new Set(named.filter((k) => !declared.has(k)))];
  if (unknown.length) {
    throw new PlanbotError(
      'workspace_invalid',
      `the plan ${catalogue.plan.slug} names unit kinds the workspace file does not declare in kinds: ${unknown.join(', ')}`,
    );
  }
}
