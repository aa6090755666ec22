import type { KnownBlock } from '@slack/types';
import { type Lang, t } from '../../messages/index.js';
import type { PlanSummary } from '../../plan/review.js';
import { reviewButton, summaryLine } from './plan-review.js';
import { truncate } from './text.js';

/** The admins' App Home section on plans: each plan's review state and whether it runs, with a button to review. */
export function plansHomeBlocks(summaries: PlanSummary[], lang: Lang): KnownBlock[] {
  if (!summaries.length) return [];
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: t(lang, 'plans.heading') } },
  ];
  // One block a plan, at most eight: the home view holds 100 blocks and other sections need theirs.
  for (const s of summaries.slice(0, 8)) {
    const text = truncate(summaryLine(s, lang), 3000);
    blocks.push(
      s.builtIn
        ? { type: 'section', text: { type: 'mrkdwn', text } }
        : { type: 'section', text: { type: 'mrkdwn', text }, accessory: reviewButton(s.slug, lang) },
    );
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t(lang, 'plans.hint') }] });
  return blocks;
}
