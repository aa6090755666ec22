import { detectLang } from '../../../answer/lang.js';
import type { Deps } from '../../../deps.js';
import { userSentence } from '../../../errors.js';
import { parsePeriod } from '../../../progress/periods.js';
import { acceptCommand } from '../../payloads.js';
import { planBySlug } from '../../plan-choice.js';
import { openReportModal } from '../../report-surface.js';
import type { Listeners } from '../../router.js';

/** `/report [unit] [period] [plan]`: the report modal, for the current period unless one is named. */
export function registerReportCommand(app: Listeners, deps: Deps): void {
  app.command('/report', async ({ ack, body, respond, client }) => {
    await ack();
    const cmd = await acceptCommand(body, respond);
    if (!cmd) return;
    // Unit ids are Latin letters and names Chinese: only a longer English text makes the reply English.
    const lang = cmd.text.trim().split(/\s+/).length > 2 ? detectLang(cmd.text) : 'zh';
    const words = cmd.text.trim().split(/\s+/).filter(Boolean);
    const periodAt = words.findIndex((w) => parsePeriod(w) !== null);
    const period = periodAt >= 0 ? (parsePeriod(words[periodAt] ?? '') ?? undefined) : undefined;
    // A word that is a running plan's slug names the plan (a unit reporting on several plans chooses so).
    const planAt = words.findIndex((w, i) => i !== periodAt && planBySlug(deps, w) !== undefined);
    const plan = planAt >= 0 ? planBySlug(deps, words[planAt] ?? '')?.slug : undefined;
    const typedUnit = words.filter((_, i) => i !== periodAt && i !== planAt).join(' ');
    try {
      const refused = await openReportModal(deps, client, {
        userId: cmd.user_id,
        triggerId: cmd.trigger_id,
        channel: cmd.channel_id,
        lang,
        ...(typedUnit ? { typedUnit } : {}),
        ...(period ? { period } : {}),
        ...(plan ? { plan } : {}),
      });
      if (refused) await respond({ response_type: 'ephemeral', text: refused });
    } catch (error) {
      deps.logger.warn('/report failed', { error, user: cmd.user_id });
      await respond({ response_type: 'ephemeral', text: userSentence(error, lang) });
    }
  });
}
