import { z } from 'zod';
import { detectLang } from '../../../answer/lang.js';
import type { Deps } from '../../../deps.js';
import { isPlanbotError, userSentence } from '../../../errors.js';
import { type Lang, t } from '../../../messages/index.js';
import { importSharedDocument } from '../../../plan/import.js';
import { planSummary } from '../../../plan/review.js';
import { CADENCES, type Cadence } from '../../../progress/periods.js';
import { isAdmin } from '../../../workspace/repository.js';
import { importedBlocks, runningNote } from '../../blocks/plan-review.js';
import { plainText } from '../../incoming-text.js';
import { runningSlugs } from '../../plan-review-surfaces.js';
import type { Listeners } from '../../router.js';
import { fetchSharedFile } from '../../shared-file.js';

/** A plan file an admin shares with the bot in a DM: imported as `planbot plan add` would, then offered for review. */

const FileShare = z.object({
  subtype: z.literal('file_share'),
  channel_type: z.literal('im'),
  user: z.string().min(1).max(64),
  channel: z.string().min(1).max(64),
  text: z.string().max(40_000).default(''),
  files: z
    .array(z.object({ id: z.string().min(1).max(64) }).loose())
    .min(1)
    .max(10),
});

/** `slug: my-plan` (or `--slug my-plan`) in the upload's comment names the plan's slug. */
const SLUG_ASKED = /(?:^|\s)(?:--)?slug\s*[:：=]?\s*([a-z0-9][a-z0-9-]{0,62})(?=\s|$)/i;
/** `cadence: quarterly` (or `--cadence quarterly`): how often units report on it, as `plan add --cadence`. */
const CADENCE_ASKED = new RegExp(`(?:^|\\s)(?:--)?cadence\\s*[:：=]?\\s*(${CADENCES.join('|')})(?=\\s|$)`, 'i');

export function registerPlanFileEvents(app: Listeners, deps: Deps): void {
  app.event('message', async ({ event, client, context }) => {
    // Every DM reaches this listener: most are questions, turned away before a failed parse builds its issues.
    if ((event as { subtype?: unknown }).subtype !== 'file_share') return;
    const parsed = FileShare.safeParse(event);
    if (!parsed.success) return;
    const share = parsed.data;
    if (share.user === context.botUserId) return;
    const comment = plainText(share.text);
    const slugAsked = SLUG_ASKED.exec(comment)?.[1]?.toLowerCase();
    const cadence = CADENCE_ASKED.exec(comment)?.[1]?.toLowerCase() as Cadence | undefined;
    const words = comment.replace(SLUG_ASKED, ' ').replace(CADENCE_ASKED, ' ').trim();
    // An upload with no comment says nothing of its sender's language: Chinese first.
    const lang: Lang = words ? detectLang(words) : 'zh';
    const say = (text: string, blocks?: ReturnType<typeof importedBlocks>['blocks']) =>
      client.chat.postMessage({ channel: share.channel, text, ...(blocks ? { blocks } : {}) });
    if (!(await isAdmin(deps.db, share.user))) {
      await say(t(lang, 'plans.notAdmin'));
      return;
    }
    const token = context.botToken ?? client.token ?? '';
    for (const [n, file] of share.files.entries()) {
      let result: Awaited<ReturnType<typeof importSharedDocument>>;
      try {
        const shared = await fetchSharedFile(client, file.id, token);
        result = await importSharedDocument(deps.db, {
          bytes: shared.bytes,
          fileName: shared.name,
          ...(slugAsked && n === 0 ? { slug: slugAsked } : {}),
          ...(cadence ? { cadence } : {}),
          by: share.user,
          now: deps.clock.now(),
          timezone: deps.workspace.timezone,
          reserved: [deps.plans.shipped.slug],
        });
      } catch (error) {
        if (isPlanbotError(error)) deps.logger.warn('shared plan file refused', { error, user: share.user });
        else deps.logger.error('shared plan file not imported', { error, user: share.user });
        await say(t(lang, 'import.refused', { reason: userSentence(error, lang) }));
        continue;
      }
      // Stored: whatever fails from here on, the admin is not told it was refused (a second share would import twice).
      deps.logger.info('plan imported from Slack', { slug: result.slug, by: share.user });
      const reply = await deps.plans
        .refresh(true)
        .then(() => {
          const running = runningSlugs(deps);
          const entry = deps.plans.get(result.slug);
          return importedBlocks(result, entry ? runningNote(planSummary(entry, running), running, lang) : '', lang);
        })
        .catch((error: unknown) => {
          deps.logger.warn('plan imported; its summary could not be read back', { error, slug: result.slug });
          return importedBlocks(result, '', lang);
        });
      await say(reply.text, reply.blocks).catch((error: unknown) =>
        deps.logger.warn('plan imported; the reply was not delivered', { error, slug: result.slug }),
      );
    }
  });
}
