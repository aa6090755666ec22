import type { KnownBlock } from '@slack/types';
import type { Lang } from '../answer/types.js';
import type { Deps } from '../deps.js';
import type { PlanEntry } from '../plan/registry.js';
import { channelPlan } from '../plan/running.js';
import { safeText } from './blocks/text.js';

/**
 * Which plan a question in Slack is answered from: the plan bound to the channel in the workspace file; with one
 * plan running, that one; otherwise the plan whose text answers it best (offline: grounded, most citations).
 */
export async function planForQuestion(deps: Deps, question: string, channel?: string): Promise<PlanEntry> {
  const running = deps.running();
  const bound = channelPlan(running, deps.workspace, channel);
  if (bound) return bound;
  if (running.length <= 1) return running[0] ?? deps.plans.shipped;
  let best: { entry: PlanEntry; score: number } | undefined;
  for (const entry of running) {
    const probe = await entry.answerer.ask(question, { offline: true });
    const score = (probe.grounded ? 1000 : 0) + probe.citations.length;
    if (!best || score > best.score) best = { entry, score };
  }
  return best?.entry ?? deps.plans.shipped;
}

/** A line naming the plan an answer or a status comes from, shown when the deployment runs more than one. */
export function planNameBlocks(deps: Deps, entry: PlanEntry, lang: Lang): KnownBlock[] {
  if (deps.running().length <= 1) return [];
  const text = lang === 'en' ? `Plan: 《${safeText(entry.title)}》` : `计划:《${safeText(entry.title)}》`;
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text }] }];
}
