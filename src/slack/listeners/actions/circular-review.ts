import type { BlockButtonAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Deps } from '../../../deps.js';
import { loadSchedules } from '../../../schedule/repository.js';
import { composeDraft, editDraft, postDraft, postponeDraft } from '../../../schedule/review.js';
import { findDraft } from '../../../schedule/review-repository.js';
import { createScheduler } from '../../../schedule/scheduler.js';
import { isAdmin } from '../../../workspace/repository.js';
import {
  ACTION_REVIEW_EDIT,
  ACTION_REVIEW_POST,
  ACTION_REVIEW_POSTPONE,
  ACTION_REVIEW_PREVIEW,
  draftEditModal,
  draftNoticeMessage,
  EDIT_ACTION_PREFIX,
  POSTPONE_BLOCK,
  POSTPONE_DAYS,
  postedText,
  postponeModal,
  REVIEW_EDIT_MODAL,
  REVIEW_POSTPONE_MODAL,
} from '../../blocks/circular-review.js';
import { formatWhen } from '../../blocks/text.js';
import { BlockAction, stateValue, ViewSubmission } from '../../payloads.js';
import type { Listeners } from '../../router.js';

/** 预览 / 编辑 / 发布 / 推迟 on a circular draft (DM or App Home), and the edit and postpone modals. Admins only. */

const NOT_ADMIN = '只有管理员可以审核和发布通报。';
const GONE = '找不到这份通报草稿。';

type Respond = (message: {
  text: string;
  blocks?: KnownBlock[];
  replace_original?: boolean;
  response_type?: 'ephemeral';
}) => Promise<unknown>;

async function timezoneOf(deps: Deps): Promise<string> {
  return (await loadSchedules(deps.db)).summary.config.timezone ?? deps.workspace.timezone;
}

/** The pressed button's draft slot and the admin who pressed it; null (after telling them) when not allowed. */
async function readPress(deps: Deps, body: unknown, respond: Respond) {
  const parsed = BlockAction.safeParse(body);
  const slot = parsed.success ? parsed.data.actions[0]?.value : undefined;
  if (!parsed.success || !slot) return null;
  if (!(await isAdmin(deps.db, parsed.data.user.id))) {
    await respond({ response_type: 'ephemeral', replace_original: false, text: NOT_ADMIN }).catch(() => {});
    return null;
  }
  return { slot, userId: parsed.data.user.id, triggerId: parsed.data.trigger_id };
}

export function registerCircularReview(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION_REVIEW_PREVIEW, async ({ ack, body, respond }) => {
    await ack();
    const press = await readPress(deps, body, respond);
    if (!press) return;
    const draft = await findDraft(deps.db, press.slot);
    if (!draft) return void (await respond({ replace_original: false, text: GONE }));
    const messages = composeDraft(draft).filter(
      (m) => m.payload.method === 'chat.postMessage' && (m.kind === 'circular' || m.kind.startsWith('circular_points')),
    );
    for (const [i, m] of messages.entries()) {
      if (m.payload.method !== 'chat.postMessage') continue;
      const note: KnownBlock = {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: '预览:通报将以下列内容发布(仅您可见)。' }],
      };
      const blocks = (m.payload.blocks ?? []) as KnownBlock[];
      await respond({
        replace_original: false,
        text: `【预览】${m.payload.text}`.slice(0, 3000),
        blocks: (i === 0 ? [note, ...blocks] : blocks).slice(0, 50),
      });
    }
  });

  app.action<BlockButtonAction>(ACTION_REVIEW_EDIT, async ({ ack, body, respond, client }) => {
    await ack();
    const press = await readPress(deps, body, respond);
    if (!press) return;
    const draft = await findDraft(deps.db, press.slot);
    if (!draft) return void (await respond({ replace_original: false, text: GONE }));
    if (draft.status !== 'pending')
      return void (await respond({ replace_original: false, text: postedText(draft, await timezoneOf(deps)) }));
    await client.views.open({ trigger_id: press.triggerId, view: draftEditModal(draft) });
  });

  app.action<BlockButtonAction>(ACTION_REVIEW_POSTPONE, async ({ ack, body, respond, client }) => {
    await ack();
    const press = await readPress(deps, body, respond);
    if (!press) return;
    await client.views.open({ trigger_id: press.triggerId, view: postponeModal(press.slot) });
  });

  app.action<BlockButtonAction>(ACTION_REVIEW_POST, async ({ ack, body, respond, client }) => {
    await ack();
    const press = await readPress(deps, body, respond);
    if (!press) return;
    const result = await postDraft(deps, press.slot, press.userId, deps.clock.now());
    const tz = await timezoneOf(deps);
    if (!result.ok) {
      const text = result.reason === 'missing' ? GONE : postedText(result.draft, tz);
      await respond({ replace_original: false, text });
      return;
    }
    deps.logger.info('circular posted after review', { slot: press.slot, by: press.userId });
    // Sent now rather than at the scheduler's next tick; the outbox sends each message once whoever drains it.
    const drained = await createScheduler(deps, client).drainOutbox(deps.clock.now());
    await respond({
      replace_original: true,
      text: `${postedText(result.draft, tz)}${drained.failed ? `(${drained.failed} 条消息未能送达,见 /plan schedule)` : ''}`,
    });
  });

  app.view(REVIEW_EDIT_MODAL, async ({ ack, body, client }) => {
    const parsed = ViewSubmission.safeParse(body);
    if (!parsed.success || !(await isAdmin(deps.db, parsed.data.user.id))) {
      await ack();
      return;
    }
    const { user, view } = parsed.data;
    const values: Record<string, string> = {};
    for (const [blockId, inputs] of Object.entries(view.state.values)) {
      const actionId = Object.keys(inputs)[0] ?? '';
      if (actionId.startsWith(EDIT_ACTION_PREFIX))
        values[actionId.slice(EDIT_ACTION_PREFIX.length)] = stateValue(view.state, blockId) ?? '';
    }
    await ack();
    const updated = await editDraft(deps, view.private_metadata, user.id, values, deps.clock.now());
    const tz = await timezoneOf(deps);
    const draft = updated ?? (await findDraft(deps.db, view.private_metadata));
    if (!draft) return;
    const message = updated
      ? draftNoticeMessage(updated, {
          timezone: tz,
          summaryChannel: deps.workspace.channels.summary,
          note: '✏️ 修改已保存,发布的通报将使用修改后的文字。',
        })
      : { text: postedText(draft, tz) };
    await client.chat.postMessage({ channel: user.id, ...message });
  });

  app.view(REVIEW_POSTPONE_MODAL, async ({ ack, body, client }) => {
    const parsed = ViewSubmission.safeParse(body);
    if (!parsed.success || !(await isAdmin(deps.db, parsed.data.user.id))) {
      await ack();
      return;
    }
    const { user, view } = parsed.data;
    const days = Number(stateValue(view.state, POSTPONE_BLOCK));
    if (!POSTPONE_DAYS.includes(days as (typeof POSTPONE_DAYS)[number])) {
      await (ack as (r: unknown) => Promise<void>)({
        response_action: 'errors',
        errors: { [POSTPONE_BLOCK]: '请选择推迟天数。' },
      });
      return;
    }
    await ack();
    const { config } = (await loadSchedules(deps.db)).summary;
    const tz = config.timezone ?? deps.workspace.timezone;
    const updated = await postponeDraft(deps, view.private_metadata, user.id, days, deps.clock.now(), {
      config,
      timezone: tz,
    });
    const draft = updated ? null : await findDraft(deps.db, view.private_metadata);
    const text = updated
      ? `⏸ 通报已推迟 ${days} 天,将于 ${formatWhen(updated.dueAt, tz)} 按届时数据重新生成草稿并发给管理员审核。`
      : draft
        ? postedText(draft, tz)
        : GONE;
    await client.chat.postMessage({ channel: user.id, text });
  });
}
