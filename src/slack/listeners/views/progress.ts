import type { WebClient } from '@slack/web-api';
import type { Lang } from '../../../answer/types.js';
import type { Deps } from '../../../deps.js';
import { isPlanbotError, userSentence } from '../../../errors.js';
import { t } from '../../../messages/index.js';
import { indicatorByKey } from '../../../plan/catalogue.js';
import type { PeriodId } from '../../../progress/periods.js';
import type { Bilingual, FieldErrors } from '../../../progress/types.js';
import {
  editUpdate,
  getUnit,
  type ProgressUpdate,
  recordUpdate,
  resolveActor,
  type Standing,
} from '../../../progress/use-cases.js';
import { recordedBlocks } from '../../blocks/progress-messages.js';
import { BLOCK, PROGRESS_EDIT_MODAL, PROGRESS_MODAL } from '../../blocks/progress-modal.js';
import { ProgressModalMeta, readMeta, stateValue, ViewSubmission } from '../../payloads.js';
import { errorsFor, progressDeps, progressDepsForUpdate, tellUser } from '../../progress-surfaces.js';
import type { Listeners } from '../../router.js';

type Ack = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;
type Meta = { channel?: string; lang: Lang; updateId?: number; plan?: string };

/** A typed number: empty is "missing", anything else must read as a finite number. */
function readNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text.normalize('NFKC').trim());
  return Number.isFinite(n) ? n : null;
}

const NEED_NUMBER: Bilingual = { zh: t('zh', 'form.needNumber'), en: t('en', 'form.needNumber') };
const PLAN_GONE: Bilingual = { zh: t('zh', 'form.planGone'), en: t('en', 'form.planGone') };
// Without readable metadata the form's language is unknown: the bureau's own.
const UNREADABLE = t('zh', 'form.unreadable');

/** Submissions of the update and edit modals: validated by the use case, problems shown beside their inputs. */
export function registerProgressViews(app: Listeners, deps: Deps): void {
  app.view(PROGRESS_MODAL, async ({ ack, body, client }) => {
    const parsed = ViewSubmission.safeParse(body);
    if (!parsed.success) {
      deps.logger.warn('progress modal: unexpected payload', { issue: parsed.error.issues[0]?.message });
      await (ack as Ack)({ response_action: 'errors', errors: { [BLOCK.value]: UNREADABLE } });
      return;
    }
    const { user, view } = parsed.data;
    const meta: Meta = readMeta(ProgressModalMeta, view.private_metadata) ?? { lang: 'zh' };
    await submitOnce(deps, client, ack as Ack, { userId: user.id, meta, errorBlock: BLOCK.unit }, async () => {
      const value = readNumber(stateValue(view.state, BLOCK.value));
      if (value === null) return { ok: false, errors: { value: NEED_NUMBER } };
      const actor = await resolveActor(deps.db, user.id);
      // A form from before updates named their plan is the primary plan's; a plan that no longer runs takes nothing.
      const entry = meta.plan ? deps.plans.get(meta.plan) : (deps.running()[0] ?? deps.plans.shipped);
      if (!entry) return { ok: false, errors: { value: PLAN_GONE } };
      return recordUpdate(progressDeps(deps, entry.catalogue), actor, {
        unitId: stateValue(view.state, BLOCK.unit) ?? '',
        indicatorKey: stateValue(view.state, BLOCK.indicator) ?? '',
        // Checked by the use case against the plan's periods, like every other field.
        period: (stateValue(view.state, BLOCK.period) ?? '') as PeriodId,
        value,
        note: stateValue(view.state, BLOCK.note) ?? null,
        evidenceUrl: stateValue(view.state, BLOCK.evidence) ?? null,
        // One submission of one version of the view: a double click or a redelivery carries the same pair.
        idempotencyKey: `view:${view.id}:${view.hash}`,
      });
    });
  });

  app.view(PROGRESS_EDIT_MODAL, async ({ ack, body, client }) => {
    const parsed = ViewSubmission.safeParse(body);
    const meta = parsed.success ? readMeta(ProgressModalMeta, parsed.data.view.private_metadata) : null;
    const updateId = meta?.updateId;
    if (!parsed.success || !meta || !updateId) {
      await (ack as Ack)({ response_action: 'errors', errors: { [BLOCK.value]: UNREADABLE } });
      return;
    }
    const { user, view } = parsed.data;
    await submitOnce(
      deps,
      client,
      ack as Ack,
      { userId: user.id, meta, errorBlock: BLOCK.value, edited: true },
      async () => {
        const value = readNumber(stateValue(view.state, BLOCK.value));
        if (value === null) return { ok: false, errors: { value: NEED_NUMBER } };
        const actor = await resolveActor(deps.db, user.id);
        const changes = {
          value,
          note: stateValue(view.state, BLOCK.note) ?? null,
          evidenceUrl: stateValue(view.state, BLOCK.evidence) ?? null,
        };
        const pd = await progressDepsForUpdate(deps, updateId);
        return editUpdate(pd, actor, updateId, changes, `view:${view.id}:${view.hash}`);
      },
    );
  });
}

type Saved =
  | { ok: true; update: ProgressUpdate; duplicate: boolean; standing: Standing }
  | { ok: false; errors: FieldErrors };

/**
 * Runs the save, answers the submission (errors beside their inputs, or close the modal), then confirms to the
 * person. A refusal before the answer is shown in the modal; a failure after it is sent as a message.
 */
async function submitOnce(
  deps: Deps,
  client: WebClient,
  ack: Ack,
  who: { userId: string; meta: Meta; errorBlock: string; edited?: boolean },
  save: () => Promise<Saved>,
): Promise<void> {
  const { meta } = who;
  let result: Saved;
  try {
    result = await save();
  } catch (error) {
    if (isPlanbotError(error)) deps.logger.info('progress modal refused', { code: error.code, message: error.message });
    else deps.logger.error('progress modal failed', { error });
    await ack({ response_action: 'errors', errors: { [who.errorBlock]: userSentence(error, meta.lang) } });
    return;
  }
  if (!result.ok) {
    await ack({ response_action: 'errors', errors: errorsFor(result.errors, meta.lang) });
    return;
  }
  await ack();
  const to = { userId: who.userId, ...(meta.channel ? { channel: meta.channel } : {}) };
  try {
    const { update } = result;
    const unit = await getUnit(deps.db, update.unitId);
    const { catalogue } = await progressDepsForUpdate(deps, update.id);
    const indicator = indicatorByKey(catalogue, update.indicatorKey);
    const message = recordedBlocks(
      catalogue,
      {
        update,
        unit: unit ?? { short: update.unitId, name: update.unitId },
        ...(indicator ? { indicator } : {}),
        standing: result.standing,
        duplicate: result.duplicate,
        ...(who.edited ? { edited: true } : {}),
      },
      meta.lang,
    );
    await tellUser(deps, client, to, message);
  } catch (error) {
    deps.logger.error('progress saved but not confirmed', { error, id: result.update.id });
  }
}
