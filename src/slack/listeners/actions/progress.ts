import type { BlockButtonAction } from '@slack/bolt';
import type { Lang } from '../../../answer/types.js';
import type { Deps } from '../../../deps.js';
import { userSentence } from '../../../errors.js';
import { inLang, t } from '../../../messages/index.js';
import { indicatorByKey } from '../../../plan/catalogue.js';
import type { PeriodId } from '../../../progress/periods.js';
import { findUpdate } from '../../../progress/repository.js';
import { getUnit, listHistory, resolveActor, withdrawUpdate } from '../../../progress/use-cases.js';
import { ACTION_EDIT_UPDATE, ACTION_WITHDRAW_UPDATE, historyBlocks } from '../../blocks/history.js';
import { ACTION_OPEN_PROGRESS } from '../../blocks/home.js';
import { editProgressModal } from '../../blocks/progress-modal.js';
import { ACTION_OPEN_REPORT } from '../../blocks/report-modal.js';
import { BlockAction, IdValue, OpenReportValue } from '../../payloads.js';
import { ensureCan, openProgressModal, progressDepsForUpdate } from '../../progress-surfaces.js';
import { openReportModal } from '../../report-surface.js';
import type { Listeners } from '../../router.js';

/** Chinese unless the message the button sits on is in English. */
function langOf(body: unknown): Lang {
  const text = JSON.stringify((body as { message?: { blocks?: unknown } }).message?.blocks ?? '');
  return /\b(Edit|Withdraw|Updates of)\b/.test(text) && !/修改|撤回/.test(text) ? 'en' : 'zh';
}

/** Edit and Withdraw on `/progress history`, and the buttons that open the update and report modals. */
export function registerProgressActions(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION_EDIT_UPDATE, async ({ ack, body, respond, client }) => {
    await ack();
    const lang = langOf(body);
    const parsed = BlockAction.safeParse(body);
    const id = IdValue.safeParse(parsed.success ? parsed.data.actions[0]?.value : undefined);
    if (!parsed.success || !id.success) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: t(lang, 'history.unreadable') });
      return;
    }
    try {
      const actor = await resolveActor(deps.db, parsed.data.user.id);
      // TODO(progress): switch to a `getUpdate(deps, actor, id)` use case once there is one.
      const update = await findUpdate(deps.db, id.data);
      const unit = update ? await getUnit(deps.db, update.unitId) : null;
      if (!update || !unit) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: lang === 'en' ? 'That entry no longer exists.' : '找不到这条记录。',
        });
        return;
      }
      ensureCan(actor, 'edit', unit);
      const { catalogue } = await progressDepsForUpdate(deps, update.id);
      const indicator = indicatorByKey(catalogue, update.indicatorKey);
      const channel = parsed.data.channel?.id ?? parsed.data.container?.channel_id;
      await client.views.open({
        trigger_id: parsed.data.trigger_id,
        view: editProgressModal({
          update,
          unit,
          ...(indicator ? { indicator } : {}),
          meta: { lang, updateId: update.id, ...(channel ? { channel } : {}) },
        }),
      });
    } catch (error) {
      deps.logger.info('edit not opened', { error });
      await respond({ response_type: 'ephemeral', replace_original: false, text: userSentence(error, lang) });
    }
  });

  app.action<BlockButtonAction>(ACTION_WITHDRAW_UPDATE, async ({ ack, body, respond }) => {
    await ack();
    const lang = langOf(body);
    const parsed = BlockAction.safeParse(body);
    const id = IdValue.safeParse(parsed.success ? parsed.data.actions[0]?.value : undefined);
    if (!parsed.success || !id.success) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: t(lang, 'history.unreadable') });
      return;
    }
    try {
      const pd = await progressDepsForUpdate(deps, id.data);
      const actor = await resolveActor(deps.db, parsed.data.user.id);
      const result = await withdrawUpdate(pd, actor, id.data);
      if (!result.ok) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: Object.values(result.errors)
            .map((e) => (e ? inLang(e, lang) : ''))
            .join('\n'),
        });
        return;
      }
      // The history the button sat on, shown again with the entry marked withdrawn.
      const unit = await getUnit(deps.db, result.update.unitId);
      const entries = await listHistory(pd, actor, result.update.unitId);
      const { text, blocks } = historyBlocks(
        pd.catalogue,
        {
          unit: unit ?? { short: result.update.unitId, name: result.update.unitId },
          updates: entries,
          timezone: pd.timezone,
          actions: true,
        },
        lang,
      );
      const done = lang === 'en' ? `Entry #${id.data} withdrawn.` : `已撤回记录 #${id.data}。`;
      await respond({
        response_type: 'ephemeral',
        replace_original: true,
        text: `${done} ${text}`,
        blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: `↩️ ${done}` }] }, ...blocks].slice(0, 50),
      });
    } catch (error) {
      deps.logger.info('withdraw refused', { error });
      await respond({ response_type: 'ephemeral', replace_original: false, text: userSentence(error, lang) });
    }
  });

  app.action<BlockButtonAction>(ACTION_OPEN_REPORT, async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = BlockAction.safeParse(body);
    if (!parsed.success)
      return void deps.logger.warn('open_report: unexpected payload', { issue: parsed.error.issues[0]?.message });
    const value = OpenReportValue.safeParse(parsed.data.actions[0]?.value);
    const target: { unitId?: string; period?: PeriodId; plan?: string } = value.success ? value.data : {};
    const channel = parsed.data.channel?.id ?? parsed.data.container?.channel_id;
    try {
      const refused = await openReportModal(deps, client, {
        userId: parsed.data.user.id,
        triggerId: parsed.data.trigger_id,
        lang: 'zh',
        ...(channel ? { channel } : {}),
        ...(target.unitId ? { unitId: target.unitId } : {}),
        ...(target.period ? { period: target.period } : {}),
        ...(target.plan ? { plan: target.plan } : {}),
      });
      if (refused) await tellOrDm(deps, client, respond, parsed.data.user.id, refused, channel);
    } catch (error) {
      deps.logger.warn('open_report failed', { error });
      await tellOrDm(deps, client, respond, parsed.data.user.id, userSentence(error), channel);
    }
  });

  app.action<BlockButtonAction>(ACTION_OPEN_PROGRESS, async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = BlockAction.safeParse(body);
    if (!parsed.success) return;
    const unitId = parsed.data.actions[0]?.value;
    try {
      const refused = await openProgressModal(deps, client, {
        userId: parsed.data.user.id,
        triggerId: parsed.data.trigger_id,
        lang: 'zh',
        ...(unitId ? { presetUnitId: unitId } : {}),
      });
      if (refused) await tellOrDm(deps, client, respond, parsed.data.user.id, refused);
    } catch (error) {
      deps.logger.warn('open_progress failed', { error });
      await tellOrDm(deps, client, respond, parsed.data.user.id, userSentence(error));
    }
  });
}

/** A button on a message answers through its response_url; one on the App Home (no channel) by DM. */
async function tellOrDm(
  deps: Deps,
  client: import('@slack/web-api').WebClient,
  respond: import('@slack/bolt').RespondFn,
  userId: string,
  text: string,
  channel?: string,
): Promise<void> {
  try {
    if (channel) return void (await respond({ response_type: 'ephemeral', replace_original: false, text }));
    await client.chat.postMessage({ channel: userId, text });
  } catch (error) {
    deps.logger.warn('could not tell the user', { error });
  }
}
