import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { userSentence } from '../../../errors.js';
import { type Lang, t } from '../../../messages/index.js';
import { reviewIndicators } from '../../../plan/review.js';
import { isAdmin } from '../../../workspace/repository.js';
import { indicatorFormModal } from '../../blocks/indicator-form.js';
import {
  ACTION_ADD,
  ACTION_APPROVE_ALL,
  ACTION_OPEN_REVIEW,
  ACTION_PAGE,
  type FormMeta,
  INDICATOR_ACTION,
  type ReviewMeta,
  readReviewButton,
} from '../../blocks/plan-review.js';
import { readMeta } from '../../payloads.js';
import { currentReview, reviewablePlan } from '../../plan-review-surfaces.js';
import type { Listeners } from '../../router.js';

/** The buttons of plan review: open it (import reply, App Home), and in the modal approve, reject, edit, add, page. */

const Press = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().max(2000).optional() })).min(1),
  view: z.object({ id: z.string().min(1), private_metadata: z.string().default('') }).optional(),
  channel: z.object({ id: z.string() }).optional(),
});

const Meta = z.object({ slug: z.string().min(1), page: z.number().int().min(0), lang: z.enum(['zh', 'en']) });

type Pressed = z.infer<typeof Press>;

/** The press, its review modal's state and the admin who made it; null after telling a non-admin why not. */
async function readPress(deps: Deps, client: WebClient, body: unknown) {
  const parsed = Press.safeParse(body);
  if (!parsed.success) {
    deps.logger.warn('plan review: unexpected payload', { issue: parsed.error.issues[0]?.message });
    return null;
  }
  const press = parsed.data;
  const meta: ReviewMeta | null = press.view ? readMeta(Meta, press.view.private_metadata) : null;
  const lang: Lang = meta?.lang ?? 'zh';
  if (!(await isAdmin(deps.db, press.user.id))) {
    await tell(client, press, t(lang, 'plans.notAdmin'));
    return null;
  }
  return { press, meta, lang, action: press.actions[0] as Pressed['actions'][number] };
}

/** A sentence to the person outside the modal: in the message's channel, else their DM. */
async function tell(client: WebClient, press: Pressed, text: string): Promise<void> {
  await client.chat
    .postEphemeral({ channel: press.channel?.id ?? press.user.id, user: press.user.id, text })
    .catch(() => client.chat.postMessage({ channel: press.user.id, text }));
}

export function registerPlanReviewActions(app: Listeners, deps: Deps): void {
  app.action(ACTION_OPEN_REVIEW, async ({ ack, body, client }) => {
    await ack();
    const read = await readPress(deps, client, body);
    if (!read) return;
    const { slug, lang } = readReviewButton(read.action.value ?? '');
    try {
      const view = await currentReview(deps, slug, 0, lang);
      await client.views.open({ trigger_id: read.press.trigger_id, view });
    } catch (error) {
      await tell(client, read.press, userSentence(error, lang));
    }
  });

  // Every press inside the review modal updates it in place, with a line saying what the press did.
  const inModal = async (
    body: unknown,
    client: WebClient,
    act: (read: NonNullable<Awaited<ReturnType<typeof readPress>>>, meta: ReviewMeta) => Promise<string | undefined>,
  ) => {
    const read = await readPress(deps, client, body);
    const viewId = read?.press.view?.id;
    const meta = read?.meta;
    if (!read || !meta || !viewId) return;
    const { lang } = read;
    let notice: string | undefined;
    try {
      notice = await act(read, meta);
    } catch (error) {
      deps.logger.warn('plan review press failed', { error, slug: meta.slug });
      notice = `⚠️ ${userSentence(error, lang)}`;
    }
    if (notice === undefined) return;
    const view = await currentReview(deps, meta.slug, meta.page, lang, notice);
    await client.views.update({ view_id: viewId, view });
  };

  app.action(INDICATOR_ACTION, async ({ ack, body, client }) => {
    await ack();
    await inModal(body, client, async (read, meta) => {
      const [, verb, key = ''] = INDICATOR_ACTION.exec(read.action.action_id) ?? [];
      const who = { slug: meta.slug, by: read.press.user.id, at: deps.clock.now() };
      if (verb === 'edit') {
        const entry = reviewablePlan(deps, meta.slug, read.lang);
        const indicator = entry.indicators.find((i) => i.key === key);
        if (!indicator) return t(read.lang, 'edit.err.gone');
        const form: FormMeta = { slug: meta.slug, lang: read.lang, parent: read.press.view?.id ?? '', page: meta.page };
        await client.views.push({ trigger_id: read.press.trigger_id, view: indicatorFormModal(form, indicator) });
        return undefined;
      }
      const status = verb === 'approve' ? 'approved' : 'rejected';
      await reviewIndicators(deps.db, who, { keys: [key], status });
      return `✅ ${t(read.lang, status === 'approved' ? 'review.approved' : 'review.rejected', { keys: key })}`;
    });
  });

  app.action(ACTION_APPROVE_ALL, async ({ ack, body, client }) => {
    await ack();
    await inModal(body, client, async (read, meta) => {
      reviewablePlan(deps, meta.slug, read.lang);
      const who = { slug: meta.slug, by: read.press.user.id, at: deps.clock.now() };
      const count = await reviewIndicators(deps.db, who, { allDrafts: true });
      return `✅ ${t(read.lang, 'review.approvedAll', { count })}`;
    });
  });

  app.action(ACTION_ADD, async ({ ack, body, client }) => {
    await ack();
    await inModal(body, client, async (read, meta) => {
      reviewablePlan(deps, meta.slug, read.lang);
      const form: FormMeta = { slug: meta.slug, lang: read.lang, parent: read.press.view?.id ?? '', page: meta.page };
      await client.views.push({ trigger_id: read.press.trigger_id, view: indicatorFormModal(form) });
      return undefined;
    });
  });

  app.action(new RegExp(`^${ACTION_PAGE}:`), async ({ ack, body, client }) => {
    await ack();
    const read = await readPress(deps, client, body);
    const viewId = read?.press.view?.id;
    if (!read?.meta || !viewId) return;
    const page = Math.max(0, Number(read.action.value) || 0);
    const view = await currentReview(deps, read.meta.slug, page, read.lang);
    await client.views.update({ view_id: viewId, view });
  });
}
