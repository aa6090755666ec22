import type { Deps } from '../../../deps.js';
import { isPlanbotError, userSentence } from '../../../errors.js';
import { t } from '../../../messages/index.js';
import { getUnit, reportTopicsFor, resolveActor, saveReport } from '../../../progress/use-cases.js';
import { BLOCK_DRAFT, DRAFT_VALUE, REPORT_MODAL, reportSavedText } from '../../blocks/report-modal.js';
import { ReportModalMeta, readMeta, stateValue, ViewSubmission } from '../../payloads.js';
import { errorsFor, progressDeps, tellUser } from '../../progress-surfaces.js';
import type { Listeners } from '../../router.js';

type Ack = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/** The half-year report modal: "仅保存草稿" ticked saves a draft, otherwise the report is submitted. */
export function registerReportViews(app: Listeners, deps: Deps): void {
  app.view(REPORT_MODAL, async ({ ack, body, client }) => {
    const respond = ack as Ack;
    const parsed = ViewSubmission.safeParse(body);
    const meta = parsed.success ? readMeta(ReportModalMeta, parsed.data.view.private_metadata) : null;
    if (!parsed.success || !meta) {
      deps.logger.warn('report modal: unexpected payload');
      await respond({ response_action: 'errors', errors: { [BLOCK_DRAFT]: t('zh', 'form.unreadable') } });
      return;
    }
    const { user, view } = parsed.data;
    // A modal from before reports named their plan is the primary plan's; a plan that no longer runs takes nothing.
    const entry = meta.plan ? deps.plans.get(meta.plan) : (deps.running()[0] ?? deps.plans.shipped);
    if (!entry) {
      await respond({ response_action: 'errors', errors: { [BLOCK_DRAFT]: t(meta.lang, 'form.planGone') } });
      return;
    }
    const pd = progressDeps(deps, entry.catalogue);
    const unit = await getUnit(deps.db, meta.unitId);
    const topicKeys = unit ? reportTopicsFor(entry.catalogue, unit.kind).map((t) => t.key) : [];
    const topics = Object.fromEntries(topicKeys.map((k) => [k, stateValue(view.state, k) ?? '']));
    const draft = (stateValue(view.state, BLOCK_DRAFT) ?? '').split(',').includes(DRAFT_VALUE);
    const firstTopic = topicKeys[0] ?? BLOCK_DRAFT;
    let result: Awaited<ReturnType<typeof saveReport>>;
    try {
      const actor = await resolveActor(deps.db, user.id);
      result = await saveReport(pd, actor, {
        unitId: meta.unitId,
        period: meta.period,
        topics,
        submit: !draft,
        idempotencyKey: `view:${view.id}:${view.hash}`,
      });
    } catch (error) {
      if (isPlanbotError(error)) deps.logger.info('report refused', { code: error.code, message: error.message });
      else deps.logger.error('report save failed', { error });
      await respond({ response_action: 'errors', errors: { [firstTopic]: userSentence(error, meta.lang) } });
      return;
    }
    if (!result.ok) {
      await respond({
        response_action: 'errors',
        errors: errorsFor(result.errors, meta.lang, new Set(topicKeys), firstTopic),
      });
      return;
    }
    await respond();
    const text = reportSavedText(
      result.report,
      unit ?? { short: meta.unitId, name: meta.unitId },
      meta.lang,
      result.duplicate,
    );
    await tellUser(
      deps,
      client,
      { userId: user.id, ...(meta.channel ? { channel: meta.channel } : {}) },
      { text },
    ).catch((error) => deps.logger.error('report saved but not confirmed', { error }));
  });
}
