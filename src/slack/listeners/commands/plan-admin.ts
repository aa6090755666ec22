import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps.js';
import { userSentence } from '../../../errors.js';
import { type Lang, t } from '../../../messages/index.js';
import { isAdmin } from '../../../workspace/repository.js';
import { plansListBlocks } from '../../blocks/plan-review.js';
import type { CommandPayload } from '../../payloads.js';
import { currentReview, planSummaries } from '../../plan-review-surfaces.js';
import type { PlanCommand } from './parse-plan.js';

/** `/plan plans`, `/plan import` and `/plan review SLUG`: the admins' plan commands. */
export async function planAdminCommand(
  deps: Deps,
  client: WebClient,
  respond: RespondFn,
  cmd: CommandPayload,
  lang: Lang,
  action: Extract<PlanCommand, { kind: 'plans' | 'import' | 'review' }>,
): Promise<void> {
  const say = (text: string, blocks?: ReturnType<typeof plansListBlocks>) =>
    respond({ response_type: 'ephemeral', text, ...(blocks ? { blocks } : {}) });
  if (!(await isAdmin(deps.db, cmd.user_id))) return void (await say(t(lang, 'plans.notAdmin')));
  await deps.plans.refresh(true);
  const summaries = planSummaries(deps);
  switch (action.kind) {
    case 'plans':
      await say(t(lang, 'plans.heading'), plansListBlocks(summaries, lang));
      return;
    case 'import':
      await say(t(lang, 'plans.importHelp'));
      return;
    case 'review': {
      const imported = summaries.filter((s) => !s.builtIn);
      // With no slug, the one plan that awaits review, if there is exactly one.
      const awaiting = imported.filter((s) => s.counts.draft > 0);
      const slug = action.slug ?? (awaiting.length === 1 ? awaiting[0]?.slug : undefined);
      if (!slug) {
        await say(t(lang, 'plans.reviewUsage', { slug: imported[0]?.slug ?? 'my-plan' }));
        return;
      }
      try {
        const view = await currentReview(deps, slug, 0, lang);
        await client.views.open({ trigger_id: cmd.trigger_id, view });
      } catch (error) {
        await say(userSentence(error, lang));
      }
    }
  }
}
