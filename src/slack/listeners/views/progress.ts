import type { App } from '@slack/bolt';
import type { Deps } from '../../../deps.js';
import { isPlanbotError, userSentence } from '../../../errors.js';
import { indicatorByKey } from '../../../plan/catalogue.js';
import { editUpdate, getUnit, recordUpdate, resolveActor } from '../../../progress/use-cases.js';
import { recordedBlocks } from '../../blocks/progress-messages.js';
import { BLOCK, PROGRESS_EDIT_MODAL, PROGRESS_MODAL } from '../../blocks/progress-modal.js';
import { ProgressModalMeta, readMeta, stateValue, ViewSubmission } from '../../payloads.js';
import { errorsFor, progressDeps, tellUser } from '../../progress-surfaces.js';

type Ack = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/** A typed number: empty is "missing", anything else must read as a finite number. */
function readNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text.normalize('NFKC').trim());
  return Number.isFinite(n) ? n : Number.NaN;
}

const NEED_NUMBER = '请填写一个数字 / Enter a number';

/** Submissions of the update and edit modals: validated by the use case, problems shown beside their inputs. */
export function registerProgressViews(app: App, deps: Deps): void {
  app.view(PROGRESS_MODAL, async ({ ack, body, client }) => {
    const respond = ack as Ack;
    const parsed = ViewSubmission.safeParse(body);
    if (!parsed.success) {
      deps.logger.warn('progress modal: unexpected payload', { issue: parsed.error.issues[0]?.message });
      await respond({ response_action: 'errors', errors: { [BLOCK.value]: '无法读取表单内容,请重新打开。' } });
      return;
    }
    const { user, view } = parsed.data;
    const meta = readMeta(ProgressModalMeta, view.private_metadata) ?? { lang: 'zh' as const };
    const value = readNumber(stateValue(view.state, BLOCK.value));
    if (value === null || Number.isNaN(value)) {
      await respond({ response_action: 'errors', errors: { [BLOCK.value]: NEED_NUMBER } });
      return;
    }
    const pd = progressDeps(deps);
    try {
      const actor = await resolveActor(deps.db, user.id);
      const result = await recordUpdate(pd, actor, {
        unitId: stateValue(view.state, BLOCK.unit) ?? '',
        indicatorKey: stateValue(view.state, BLOCK.indicator) ?? '',
        period: (stateValue(view.state, BLOCK.period) ?? '') as `${number}H1`,
        value,
        note: stateValue(view.state, BLOCK.note) ?? null,
        evidenceUrl: stateValue(view.state, BLOCK.evidence) ?? null,
        // One submission of one version of the view: a double click or a redelivery carries the same pair.
        idempotencyKey: `view:${view.id}:${view.hash}`,
      });
      if (!result.ok) {
        await respond({ response_action: 'errors', errors: errorsFor(result.errors) });
        return;
      }
      await respond();
      const unit = await getUnit(deps.db, result.update.unitId);
      const indicator = indicatorByKey(deps.catalogue, result.update.indicatorKey);
      const message = recordedBlocks(
        deps.catalogue,
        {
          update: result.update,
          unit: unit ?? { short: result.update.unitId, name: result.update.unitId },
          ...(indicator ? { indicator } : {}),
          standing: result.standing,
          duplicate: result.duplicate,
        },
        meta.lang,
      );
      await tellUser(deps, client, { userId: user.id, ...(meta.channel ? { channel: meta.channel } : {}) }, message);
    } catch (error) {
      await refuseInModal(deps, respond, error, meta.lang, BLOCK.unit);
    }
  });

  app.view(PROGRESS_EDIT_MODAL, async ({ ack, body, client }) => {
    const respond = ack as Ack;
    const parsed = ViewSubmission.safeParse(body);
    const meta = parsed.success ? readMeta(ProgressModalMeta, parsed.data.view.private_metadata) : null;
    if (!parsed.success || !meta?.updateId) {
      await respond({ response_action: 'errors', errors: { [BLOCK.value]: '无法读取表单内容,请重新打开。' } });
      return;
    }
    const { user, view } = parsed.data;
    const value = readNumber(stateValue(view.state, BLOCK.value));
    if (value === null || Number.isNaN(value)) {
      await respond({ response_action: 'errors', errors: { [BLOCK.value]: NEED_NUMBER } });
      return;
    }
    const pd = progressDeps(deps);
    try {
      const actor = await resolveActor(deps.db, user.id);
      const result = await editUpdate(
        pd,
        actor,
        meta.updateId,
        {
          value,
          note: stateValue(view.state, BLOCK.note) ?? null,
          evidenceUrl: stateValue(view.state, BLOCK.evidence) ?? null,
        },
        `view:${view.id}:${view.hash}`,
      );
      if (!result.ok) {
        await respond({ response_action: 'errors', errors: errorsFor(result.errors) });
        return;
      }
      await respond();
      const unit = await getUnit(deps.db, result.update.unitId);
      const indicator = indicatorByKey(deps.catalogue, result.update.indicatorKey);
      const message = recordedBlocks(
        deps.catalogue,
        {
          update: result.update,
          unit: unit ?? { short: result.update.unitId, name: result.update.unitId },
          ...(indicator ? { indicator } : {}),
          standing: result.standing,
          edited: true,
          duplicate: result.duplicate,
        },
        meta.lang,
      );
      await tellUser(deps, client, { userId: user.id, ...(meta.channel ? { channel: meta.channel } : {}) }, message);
    } catch (error) {
      await refuseInModal(deps, respond, error, meta.lang, BLOCK.value);
    }
  });
}

/** A refusal or a failure shown in the modal, beside `blockId`, so what was typed stays. */
async function refuseInModal(
  deps: Deps,
  respond: Ack,
  error: unknown,
  lang: 'zh' | 'en',
  blockId: string,
): Promise<void> {
  if (isPlanbotError(error)) deps.logger.info('progress modal refused', { code: error.code, message: error.message });
  else deps.logger.error('progress modal failed', { error });
  await respond({ response_action: 'errors', errors: { [blockId]: userSentence(error, lang) } }).catch((e) =>
    deps.logger.warn('could not show the error in the modal', { error: e }),
  );
}
