import type { ModalView } from '@slack/types';
import type { Deps } from '../deps.js';
import { PlanbotError } from '../errors.js';
import { type Lang, t } from '../messages/index.js';
import type { PlanEntry } from '../plan/registry.js';
import { type PlanSummary, planSummary } from '../plan/review.js';
import { reviewModal } from './blocks/plan-review.js';

/** What the plan listeners share: the plans at a glance, a plan to review, and its review modal as it is now. */

export const runningSlugs = (deps: Deps): string[] => deps.running().map((e) => e.slug);

export function planSummaries(deps: Deps): PlanSummary[] {
  const running = runningSlugs(deps);
  return deps.plans.all().map((e) => planSummary(e, running));
}

/** An imported plan by slug; the shipped one or an unknown slug is refused with the sentence to show. */
export function reviewablePlan(deps: Deps, slug: string, lang: Lang): PlanEntry {
  const entry = deps.plans.get(slug);
  if (!entry) throw new PlanbotError('not_found', `no plan ${slug}`, bilingual(lang, 'plans.notFound', { slug }));
  if (entry.builtIn)
    throw new PlanbotError('invalid_input', `${slug} is built in`, bilingual(lang, 'plans.builtIn', { slug }));
  return entry;
}

function bilingual(_lang: Lang, key: Parameters<typeof t>[1], params: Record<string, string>) {
  return { zh: t('zh', key, params), en: t('en', key, params) };
}

/** The review modal of a plan as stored now (re-read, so a change made in any process shows). */
export async function currentReview(
  deps: Deps,
  slug: string,
  page: number,
  lang: Lang,
  notice?: string,
): Promise<ModalView> {
  await deps.plans.refresh(true);
  const entry = reviewablePlan(deps, slug, lang);
  const running = runningSlugs(deps);
  return reviewModal({
    summary: planSummary(entry, running),
    indicators: entry.indicators,
    page,
    lang,
    runningSlugs: running,
    ...(notice ? { notice } : {}),
  });
}
