import type { RespondFn } from '@slack/bolt';
import { detectLang } from '../../../answer/lang.js';
import type { Lang } from '../../../answer/types.js';
import type { Deps } from '../../../deps.js';
import { userSentence } from '../../../errors.js';
import type { Catalogue } from '../../../plan/catalogue.js';
import { indicatorByKey } from '../../../plan/catalogue.js';
import { channelPlan, unitPlans } from '../../../plan/running.js';
import { type IndicatorMatch, matchIndicator } from '../../../progress/match-indicator.js';
import type { PeriodId } from '../../../progress/periods.js';
import {
  defaultPeriodFor,
  getUnit,
  listHistory,
  recordUpdate,
  refusal,
  resolveActor,
} from '../../../progress/use-cases.js';
import { historyBlocks } from '../../blocks/history.js';
import { periodNote } from '../../blocks/period-note.js';
import { didYouMeanText, fieldErrorsText, progressUsage, recordedBlocks } from '../../blocks/progress-messages.js';
import { safeText } from '../../blocks/text.js';
import { type ProgressCommand, parseProgressCommand } from '../../parse-progress.js';
import { acceptCommand, type CommandPayload } from '../../payloads.js';
import { planBySlug } from '../../plan-choice.js';
import {
  defaultUnit,
  findUnit,
  openProgressModal,
  progressDeps,
  reportablePeriod,
  reportingUnits,
} from '../../progress-surfaces.js';
import type { Listeners } from '../../router.js';

/** `/progress`: open the update modal, record a figure inline, or list a unit's history. */
export function registerProgressCommand(app: Listeners, deps: Deps): void {
  app.command('/progress', async ({ ack, body, respond, client }) => {
    await ack();
    const cmd = await acceptCommand(body, respond);
    if (!cmd) return;
    // `/progress <plan-slug>`: the form for that plan (a unit may report on several).
    const plan = planBySlug(deps, cmd.text);
    const action: ProgressCommand = plan ? { kind: 'open' } : parseProgressCommand(cmd.text);
    // A bare keyword (history, help) says nothing of the asker's language: Chinese first.
    const lang = detectLang(languageText(action));
    const say = (text: string, blocks?: unknown[]) =>
      respond({ response_type: 'ephemeral', text, ...(blocks ? { blocks: blocks as never } : {}) });
    try {
      switch (action.kind) {
        case 'open': {
          const refused = await openProgressModal(deps, client, {
            userId: cmd.user_id,
            triggerId: cmd.trigger_id,
            channel: cmd.channel_id,
            lang,
            ...(plan ? { plan } : {}),
          });
          if (refused) await say(`⛔ ${refused}`);
          return;
        }
        case 'help':
          await say(progressUsage(lang, undefined, deps.catalogue));
          return;
        case 'usage':
          await say(progressUsage(lang, action.problem, deps.catalogue));
          return;
        case 'history':
          await showHistory(deps, respond, cmd.user_id, lang, action.unit);
          return;
        case 'record':
          await recordInline(deps, respond, cmd, lang, action);
          return;
      }
    } catch (error) {
      deps.logger.warn('/progress failed', { error, user: cmd.user_id });
      await say(userSentence(error, lang));
    }
  });
}

/**
 * The indicator typed, among the approved indicators of the plans the unit reports on: the plan bound to the channel
 * is tried first, then the others in the workspace file's order. No match anywhere: the first plan's suggestions.
 */
function matchAcrossPlans(
  deps: Deps,
  unit: { id: string; kind: string },
  typed: string,
  channel: string,
): { catalogue: Catalogue; match: IndicatorMatch } {
  const running = deps.running();
  const own = unitPlans(
    running,
    deps.workspace.units.find((u) => u.id === unit.id),
  );
  const bound = channelPlan(own, deps.workspace, channel);
  const order = bound ? [bound, ...own.filter((e) => e !== bound)] : own;
  const tried = (order.length ? order : [deps.plans.shipped]).map((e) => ({
    catalogue: e.catalogue,
    match: matchIndicator(e.catalogue, typed, unit.kind),
  }));
  return tried.find((t) => t.match.kind === 'match') ?? (tried[0] as (typeof tried)[number]);
}

function languageText(action: ProgressCommand): string {
  if (action.kind === 'record') return `${action.indicator} ${action.note ?? ''}`;
  // A unit is an id or a Chinese name: it says nothing of the asker's language either.
  return '';
}

async function showHistory(
  deps: Deps,
  respond: RespondFn,
  userId: string,
  lang: Lang,
  typedUnit?: string,
): Promise<void> {
  const pd = progressDeps(deps);
  const actor = await resolveActor(deps.db, userId);
  let unitId: string | undefined;
  if (typedUnit) {
    const unit = await findUnit(pd, typedUnit);
    if (!unit) {
      await respond({
        response_type: 'ephemeral',
        text: lang === 'en' ? `There is no unit "${safeText(typedUnit)}".` : `找不到单位“${safeText(typedUnit)}”。`,
      });
      return;
    }
    unitId = unit.id;
  } else {
    unitId = defaultUnit(actor, await reportingUnits(pd, actor))?.id;
  }
  const entries = await listHistory(pd, actor, unitId);
  const unit = unitId ? await getUnit(deps.db, unitId) : null;
  const { text, blocks } = historyBlocks(
    deps.catalogue,
    {
      unit: unit ?? { short: lang === 'en' ? 'All units' : '全部单位', name: lang === 'en' ? 'All units' : '全部单位' },
      updates: entries,
      timezone: pd.timezone,
      actions: true,
      mixed: !unit,
    },
    lang,
  );
  await respond({ response_type: 'ephemeral', text, blocks });
}

async function recordInline(
  deps: Deps,
  respond: RespondFn,
  cmd: CommandPayload,
  lang: Lang,
  typed: { indicator: string; value: number; note?: string; period?: PeriodId },
): Promise<void> {
  const say = (text: string, blocks?: unknown[]) =>
    respond({ response_type: 'ephemeral', text, ...(blocks ? { blocks: blocks as never } : {}) });
  const actor = await resolveActor(deps.db, cmd.user_id);
  const units = await reportingUnits(progressDeps(deps), actor);
  const unit = defaultUnit(actor, units, cmd.channel_id);
  if (!unit) {
    if (!actor.units.length && !actor.isAdmin)
      return void (await say(`⛔ ${refusal(actor, 'record').userMessage[lang]}`));
    await say(
      actor.isAdmin
        ? lang === 'en'
          ? 'Which unit is this for? Type the command in that unit’s channel, or type `/progress` and choose the unit in the form.'
          : '请问为哪个单位填报?请在该单位的频道中输入本命令,或输入 `/progress` 在表单中选择单位。'
        : lang === 'en'
          ? 'You report for several units; type `/progress` in the unit’s channel, or use the form to choose the unit.'
          : '您属于多个单位:请在本单位频道中填报,或输入 `/progress` 在表单中选择单位。',
    );
    return;
  }
  const { catalogue, match } = matchAcrossPlans(deps, unit, typed.indicator, cmd.channel_id);
  const pd = progressDeps(deps, catalogue);
  if (match.kind !== 'match') {
    const candidates = match.kind === 'ambiguous' ? match.candidates : match.suggestions;
    await say(
      didYouMeanText(typed.indicator, candidates, lang, {
        ambiguous: match.kind === 'ambiguous',
        value: String(typed.value),
        ...(match.kind === 'unknown' && match.notApplicable ? { notApplicable: match.notApplicable } : {}),
      }),
    );
    return;
  }
  const chosen = typed.period ? null : await defaultPeriodFor(pd, unit);
  const result = await recordUpdate(pd, actor, {
    unitId: unit.id,
    indicatorKey: match.indicator.key,
    period: typed.period ?? chosen?.period ?? reportablePeriod(pd),
    value: typed.value,
    note: typed.note ?? null,
    // Slack gives each command invocation its own trigger id; a redelivered request carries the same one.
    idempotencyKey: `command:${cmd.trigger_id}`,
  });
  if (!result.ok) {
    await say(`${fieldErrorsText(result.errors, lang)}\n${progressUsage(lang, undefined, deps.catalogue)}`);
    return;
  }
  const indicator = indicatorByKey(catalogue, result.update.indicatorKey);
  const { text, blocks } = recordedBlocks(
    catalogue,
    {
      update: result.update,
      unit,
      ...(indicator ? { indicator } : {}),
      standing: result.standing,
      duplicate: result.duplicate,
    },
    lang,
  );
  const note = chosen ? periodNote(chosen, `/progress ${typed.indicator} ${typed.value}`, lang) : null;
  await say(text, note ? [...blocks, { type: 'context', elements: [{ type: 'mrkdwn', text: note }] }] : blocks);
}
