import type { KnownBlock } from '@slack/types';
import { bestFit } from '../answer/extractive.js';
import type { Answer, Lang } from '../answer/types.js';
import type { Deps } from '../deps.js';
import type { PlanEntry } from '../plan/registry.js';
import { channelPlan, unitPlans } from '../plan/running.js';
import { hasEnded } from '../plan/span.js';
import { reportTopicsFor } from '../progress/report-rules.js';
import { safeText } from './blocks/text.js';

/** The plan a question is answered from, and the plans whose text was searched to choose it. */
export interface PlanChoice {
  entry: PlanEntry;
  searched: readonly PlanEntry[];
}

/**
 * Which plan a question in Slack is answered from: the plan bound to the channel in the workspace file; with one
 * plan running, that one; otherwise the plan whose text answers it best (offline, by `bestFit`).
 */
export async function planForQuestion(deps: Deps, question: string, channel?: string): Promise<PlanChoice> {
  const running = deps.running();
  const bound = channelPlan(running, deps.workspace, channel);
  if (bound) return { entry: bound, searched: [bound] };
  if (running.length <= 1) {
    const only = running[0] ?? deps.plans.shipped;
    return { entry: only, searched: [only] };
  }
  const answers: [PlanEntry, Answer][] = [];
  for (const entry of running) answers.push([entry, await entry.answerer.ask(question, { offline: true })]);
  return { entry: bestFit(answers) ?? deps.plans.shipped, searched: running };
}

/**
 * A line naming the plan an answer or a status comes from, shown when the deployment runs more than one. When the
 * answer found nothing and several plans were searched for it (`unanswered`), the line says none of them covers it
 * and names them all: the answer's own "not covered" speaks of one plan only.
 */
export function planNameBlocks(
  deps: Deps,
  entry: PlanEntry,
  lang: Lang,
  unanswered: readonly PlanEntry[] = [],
): KnownBlock[] {
  if (deps.running().length <= 1) return [];
  const title = (e: PlanEntry) => `《${safeText(e.title)}》`;
  let text: string;
  if (unanswered.length > 1) {
    const titles = unanswered.map(title);
    text =
      lang === 'en'
        ? `None of the plans running covers this: ${titles.join(', ')}.`
        : `正在执行的计划都没有涉及这个问题:${titles.join('、')}。`;
  } else {
    text = lang === 'en' ? `Plan: ${title(entry)}` : `计划:${title(entry)}`;
  }
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text }] }];
}

/** The plans a unit reports on (its own `plans`, else the deployment's), as the workspace file says. */
export function plansOfUnit(deps: Deps, unitId: string): PlanEntry[] {
  return unitPlans(
    deps.running(),
    deps.workspace.units.find((u) => u.id === unitId),
  );
}

/** A running plan named by its slug (as typed after a command). */
export function planBySlug(deps: Deps, typed: string): PlanEntry | undefined {
  const t = typed.trim().toLowerCase();
  return t ? deps.running().find((e) => e.slug.toLowerCase() === t) : undefined;
}

/**
 * Which plan's report a unit writes, as `/progress` chooses a plan: the plan named, else the plan bound to the
 * channel, else the one of the unit's plans that asks units of its kind for a report and is still running. When
 * several do, the person is asked to name one; when none does, the unit's first plan (its refusal says why).
 */
export function planForReport(
  deps: Deps,
  unit: { id: string; kind: string },
  req: { channel?: string; named?: PlanEntry; period?: boolean; lang: Lang },
): { entry: PlanEntry } | { ask: string } {
  const own = plansOfUnit(deps, unit.id);
  if (req.named) return { entry: req.named };
  const bound = channelPlan(own, deps.workspace, req.channel);
  if (bound) return { entry: bound };
  const now = deps.clock.now();
  const open = own.filter(
    (e) =>
      reportTopicsFor(e.catalogue, unit.kind).length > 0 &&
      (req.period || !hasEnded({ ...e.catalogue.periods, timezone: deps.workspace.timezone }, now)),
  );
  if (open.length === 1 && open[0]) return { entry: open[0] };
  if (open.length > 1) {
    const lines = open.map((e) => `• 《${safeText(e.title)}》:\`/report ${e.slug}\``).join('\n');
    return {
      ask:
        req.lang === 'en'
          ? `This unit reports on several plans; name the one to report on:\n${lines}`
          : `本单位填报多个计划的报告,请写明计划:\n${lines}`,
    };
  }
  return { entry: own[0] ?? deps.running()[0] ?? deps.plans.shipped };
}
