import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Lang } from '../answer/types.js';
import type { Deps } from '../deps.js';
import { inLang } from '../messages/index.js';
import type { Catalogue } from '../plan/catalogue.js';
import type { PlanEntry } from '../plan/registry.js';
import { channelPlan } from '../plan/running.js';
import { comparePeriods, type PeriodId, periodsOfPlan } from '../progress/periods.js';
import type { Actor, FieldErrors, UnitInfo } from '../progress/types.js';
import {
  can,
  getUnit,
  listUnits,
  type ProgressDeps,
  periodNow,
  planOfUpdate,
  refusal,
  resolveActor,
  standingForQuestion,
} from '../progress/use-cases.js';
import { BLOCK, progressModal } from './blocks/progress-modal.js';
import { standingAnswerBlocks } from './blocks/status.js';
import { safeText } from './blocks/text.js';
import { plansOfUnit } from './plan-choice.js';

/**
 * What the `/progress` and `/report` listeners share: the progress use cases' deps, the modal opener, picking a
 * unit by what someone typed, and getting a confirmation to the person. Slack-side glue only; no rules live here.
 */

/** The progress use cases' deps for one plan (default: the deployment's primary plan). */
export function progressDeps(deps: Deps, catalogue: Catalogue = deps.catalogue): ProgressDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    catalogue,
    timezone: deps.workspace.timezone,
    legacyPlan: deps.plans.shipped.slug,
    metrics: deps.metrics,
  };
}

/** The progress deps of the plan an update was recorded under (the primary plan when it is not known). */
export async function progressDepsForUpdate(deps: Deps, id: number): Promise<ProgressDeps> {
  const slug = await planOfUpdate(deps, id);
  const entry = (slug ? deps.plans.get(slug) : undefined) ?? deps.running()[0] ?? deps.plans.shipped;
  return progressDeps(deps, entry.catalogue);
}

/** The current period, held inside the plan's span (before it starts: the first; after it ends: the last). */
export function reportablePeriod(deps: ProgressDeps): PeriodId {
  return periodNow(deps);
}

/** The units a person may report for: their own, or every unit for admins. */
export async function reportingUnits(deps: ProgressDeps, actor: Actor): Promise<UnitInfo[]> {
  const all = await listUnits(deps.db);
  if (actor.isAdmin) return all;
  const own = new Set(actor.units.map((u) => u.unitId));
  return all.filter((u) => own.has(u.id));
}

/** A unit named by id, short name or full name (as typed after a command), among all active units. */
export async function findUnit(deps: ProgressDeps, typed: string): Promise<UnitInfo | null> {
  const t = typed.normalize('NFKC').trim().toLowerCase();
  if (!t) return null;
  const exact = await getUnit(deps.db, t);
  if (exact) return exact;
  const all = await listUnits(deps.db);
  return (
    all.find((u) => u.short.toLowerCase() === t || u.name.toLowerCase() === t) ??
    all.find((u) => u.name.includes(typed.trim())) ??
    null
  );
}

/**
 * The unit a command acts on when none is named: for an admin, the unit whose channel this is; otherwise the
 * person's only unit, else the one of their units whose channel this is. Null when that does not settle it.
 */
export function defaultUnit(actor: Actor, units: UnitInfo[], channel?: string): UnitInfo | null {
  const own = units.filter((u) => actor.units.some((m) => m.unitId === u.id));
  const channelUnit = (pool: UnitInfo[]) => (channel ? pool.find((u) => u.channel === channel) : undefined);
  if (actor.isAdmin) return channelUnit(units) ?? (own.length === 1 ? (own[0] ?? null) : null);
  if (own.length === 1) return own[0] ?? null;
  return channelUnit(own) ?? null;
}

/** Opens the update modal on a trigger; returns a refusal sentence instead when the person reports for no unit. */
export async function openProgressModal(
  deps: Deps,
  client: WebClient,
  req: { userId: string; triggerId: string; channel?: string; lang: Lang; presetUnitId?: string; plan?: PlanEntry },
): Promise<string | null> {
  const base = progressDeps(deps);
  const actor = await resolveActor(deps.db, req.userId);
  const units = await reportingUnits(base, actor);
  if (!units.length) return refusal(actor, 'record').userMessage[req.lang];
  const preset = req.presetUnitId ?? defaultUnit(actor, units, req.channel)?.id;
  // The plan: the one named, else the channel's, else the preset unit's first; the form offers that plan's
  // indicators and periods, and names the unit's other plans with how to open a form for each.
  const own = preset ? plansOfUnit(deps, preset) : deps.running();
  const named = req.plan && own.find((e) => e.slug === req.plan?.slug);
  if (req.plan && !named) {
    const title = safeText(req.plan.title);
    return req.lang === 'en' ? `This unit does not report on “${title}”.` : `本单位不填报《${title}》。`;
  }
  const entry =
    named ?? channelPlan(own, deps.workspace, req.channel) ?? own[0] ?? deps.running()[0] ?? deps.plans.shipped;
  const others = own.filter((e) => e !== entry).map((e) => ({ title: e.title, slug: e.slug }));
  const pd = progressDeps(deps, entry.catalogue);
  const current = reportablePeriod(pd);
  const periods = periodsOfPlan(entry.catalogue.periods).filter((p) => comparePeriods(p, current) <= 0);
  await client.views.open({
    trigger_id: req.triggerId,
    view: progressModal({
      catalogue: entry.catalogue,
      units,
      ...(preset ? { presetUnitId: preset } : {}),
      periods,
      current,
      bureau: actor.isAdmin,
      meta: { ...(req.channel ? { channel: req.channel } : {}), lang: req.lang, plan: entry.slug },
      ...(others.length ? { plans: { title: entry.title, others } } : {}),
    }),
  });
  return null;
}

/** Throws the use case's refusal unless the actor may do this for the unit (so no modal opens only to fail). */
export function ensureCan(actor: Actor, action: Parameters<typeof can>[1], unit: UnitInfo): void {
  if (!can(actor, action, unit.id)) throw refusal(actor, action, unit.short || unit.name);
}

const BLOCK_IDS = new Set<string>(Object.values(BLOCK));

/** The use case's field errors keyed by the modal's block ids; a problem with no input of its own goes on `fallback`. */
export function errorsFor(
  errors: FieldErrors,
  lang: Lang,
  blockIds: ReadonlySet<string> = BLOCK_IDS,
  fallback = 'value',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, both] of Object.entries(errors)) {
    if (!both) continue;
    // The reader's language only: a form in Chinese shows its problems in Chinese.
    const message = inLang(both, lang);
    const bare = key.replace(/^topics\./, '');
    const block = blockIds.has(bare) ? bare : fallback;
    out[block] = out[block] ? `${out[block]};${message}` : message;
  }
  return out;
}

/**
 * Shows a message only to the person: ephemeral in the channel they worked from, else (no channel, or the bot is not
 * in it) in a direct message.
 */
export async function tellUser(
  deps: Pick<Deps, 'logger'>,
  client: WebClient,
  to: { userId: string; channel?: string },
  message: { text: string; blocks?: KnownBlock[] },
): Promise<void> {
  if (to.channel && !to.channel.startsWith('D')) {
    try {
      await client.chat.postEphemeral({ channel: to.channel, user: to.userId, ...message });
      return;
    } catch (error) {
      deps.logger.info('ephemeral not delivered, sending a DM', { error, channel: to.channel });
    }
  }
  await client.chat.postMessage({ channel: to.userId, ...message, unfurl_links: false });
}

/**
 * For a question about where a target stands (`国家质检中心现在有几家了?`): the target with its citation and the
 * latest reported figure, as blocks to add to the answer. Empty when the question is not about standing; a failure
 * here never costs the answer itself.
 */
export async function standingBlocksFor(
  deps: Deps,
  question: string,
  lang: Lang,
  catalogue: Catalogue = deps.catalogue,
): Promise<KnownBlock[]> {
  try {
    const pd = progressDeps(deps, catalogue);
    const answers = await standingForQuestion(pd, question);
    return answers?.length ? standingAnswerBlocks(catalogue, answers, lang, pd.timezone) : [];
  } catch (error) {
    deps.logger.warn('standing not added to the answer', { error });
    return [];
  }
}
