import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { userSentence } from '../../../errors.js';
import { type Lang, t } from '../../../messages/index.js';
import { addIndicator, editIndicator, FORM_FIELDS, type IndicatorForm } from '../../../plan/review.js';
import { isAdmin } from '../../../workspace/repository.js';
import { formErrors } from '../../blocks/indicator-form.js';
import { ADD_MODAL, EDIT_MODAL, type FormMeta } from '../../blocks/plan-review.js';
import { readMeta, ViewSubmission } from '../../payloads.js';
import { currentReview, reviewablePlan } from '../../plan-review-surfaces.js';
import type { Listeners } from '../../router.js';

/** The indicator form's submissions (edit, add): checked, saved, and the review modal beneath refreshed. */

type Ack = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

const Meta = z.object({
  slug: z.string().min(1),
  lang: z.enum(['zh', 'en']),
  parent: z.string(),
  page: z.number().int().min(0),
  key: z.string().optional(),
});

/** What each input holds: typed text, a select's value or a picked date. */
function formOf(state: ViewSubmission['view']['state']): IndicatorForm {
  const form: IndicatorForm = {};
  for (const field of FORM_FIELDS) {
    const input = Object.values(state.values[field] ?? {})[0] as
      | { value?: string | null; selected_option?: { value: string } | null; selected_date?: string | null }
      | undefined;
    form[field] = input?.value ?? input?.selected_option?.value ?? input?.selected_date ?? null;
  }
  return form;
}

export function registerPlanReviewViews(app: Listeners, deps: Deps): void {
  for (const callbackId of [EDIT_MODAL, ADD_MODAL]) {
    app.view(callbackId, async ({ ack, body, client }) => {
      const parsed = ViewSubmission.safeParse(body);
      const meta: FormMeta | null = parsed.success ? readMeta(Meta, parsed.data.view.private_metadata) : null;
      const lang: Lang = meta?.lang ?? 'zh';
      if (!parsed.success || !meta) {
        await (ack as Ack)({ response_action: 'errors', errors: { quote: t(lang, 'form.unreadable') } });
        return;
      }
      const userId = parsed.data.user.id;
      if (!(await isAdmin(deps.db, userId))) {
        await (ack as Ack)({ response_action: 'errors', errors: { quote: t(lang, 'plans.notAdmin') } });
        return;
      }
      const form = formOf(parsed.data.view.state);
      let result: Awaited<ReturnType<typeof addIndicator>>;
      try {
        const entry = reviewablePlan(deps, meta.slug, lang);
        const request = { slug: meta.slug, plan: entry.plan, by: userId, at: deps.clock.now() };
        result =
          callbackId === EDIT_MODAL
            ? await editIndicator(deps.db, { ...request, key: meta.key ?? '' }, form)
            : await addIndicator(deps.db, request, form);
      } catch (error) {
        deps.logger.warn('indicator form not saved', { error, slug: meta.slug });
        await (ack as Ack)({ response_action: 'errors', errors: { quote: userSentence(error, lang) } });
        return;
      }
      if (!result.ok) {
        await (ack as Ack)({ response_action: 'errors', errors: formErrors(result.errors, lang) });
        return;
      }
      await ack();
      const notice =
        callbackId === EDIT_MODAL
          ? t(lang, 'review.edited', { key: result.key })
          : t(lang, 'review.added', { key: result.key, name: String(form.name ?? '').trim() });
      if (!meta.parent) return;
      const view = await currentReview(deps, meta.slug, meta.page, lang, `✅ ${notice}`);
      await client.views.update({ view_id: meta.parent, view });
    });
  }
}
