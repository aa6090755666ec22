import type { WebClient } from '@slack/web-api';
import type { Lang } from '../answer/types.js';
import type { Deps } from '../deps.js';
import { planCited } from '../plan/rules.js';
import { endedText, hasEnded, spanText } from '../plan/span.js';
import { formatPeriod, isWithinPlan, type PeriodId } from '../progress/periods.js';
import type { UnitInfo } from '../progress/types.js';
import {
  can,
  defaultPeriodFor,
  getReport,
  getUnit,
  isReportLocked,
  refusal,
  reportTopicsFor,
  resolveActor,
  unitNumbers,
} from '../progress/use-cases.js';
import { periodNote } from './blocks/period-note.js';
import { reportModal } from './blocks/report-modal.js';
import { safeText } from './blocks/text.js';
import { planForReport, plansOfUnit } from './plan-choice.js';
import { defaultUnit, findUnit, progressDeps, reportablePeriod, reportingUnits } from './progress-surfaces.js';

/** `/report` and the report buttons: which unit, plan and period, and the modal for them. Slack-side glue only. */

/**
 * Opens the report modal for a unit, plan and period, prefilled with the latest version; returns the sentence to
 * show instead when the person may not, the unit writes no report on the plan, or the unit must name the plan.
 * `typedUnit` names the unit; else their own. `plan` is a slug; else the plan is chosen as `planForReport` says.
 */
export async function openReportModal(
  deps: Deps,
  client: WebClient,
  req: {
    userId: string;
    triggerId: string;
    channel?: string;
    lang: Lang;
    typedUnit?: string;
    unitId?: string;
    period?: PeriodId;
    plan?: string;
  },
): Promise<string | null> {
  const base = progressDeps(deps);
  const { lang } = req;
  const actor = await resolveActor(deps.db, req.userId);
  let unit: UnitInfo | null;
  if (req.unitId) unit = await getUnit(deps.db, req.unitId);
  else if (req.typedUnit) unit = await findUnit(base, req.typedUnit);
  else unit = defaultUnit(actor, await reportingUnits(base, actor), req.channel);
  if (!unit) {
    if (req.typedUnit || req.unitId)
      return lang === 'en'
        ? `There is no unit "${safeText(req.typedUnit ?? req.unitId ?? '')}".`
        : `找不到单位“${safeText(req.typedUnit ?? req.unitId ?? '')}”。`;
    if (!actor.units.length && !actor.isAdmin) return `⛔ ${refusal(actor, 'report').userMessage[lang]}`;
    return lang === 'en'
      ? 'Name the unit: `/report <unit>`, by its short name or id as the workspace file gives them.'
      : '请指明单位:`/report <单位>`,写单位简称或编号(见工作区配置文件)。';
  }
  if (!can(actor, 'report', unit.id))
    return `⛔ ${refusal(actor, 'report', unit.short || unit.name).userMessage[lang]}`;
  const named = req.plan ? plansOfUnit(deps, unit.id).find((e) => e.slug === req.plan) : undefined;
  if (req.plan && !named) {
    return lang === 'en'
      ? `${unit.short} does not report on the plan "${safeText(req.plan)}".`
      : `${unit.short}不填报计划“${safeText(req.plan)}”。`;
  }
  const choice = planForReport(deps, unit, {
    ...(req.channel ? { channel: req.channel } : {}),
    ...(named ? { named } : {}),
    period: Boolean(req.period),
    lang,
  });
  if ('ask' in choice) return choice.ask;
  const { catalogue } = choice.entry;
  const pd = progressDeps(deps, catalogue);
  const topics = reportTopicsFor(catalogue, unit.kind);
  if (!topics.length) {
    if (!catalogue.report_topics.length)
      return lang === 'en'
        ? `${safeText(choice.entry.title)} asks for no periodic report; record figures with \`/progress\`.`
        : `${planCited(catalogue)}没有规定定期报告;填报进展请用 \`/progress\`。`;
    return lang === 'en'
      ? `${unit.short} does not file a report on ${safeText(choice.entry.title)}; the plan asks it of other units.`
      : `${unit.short}不需要提交${planCited(catalogue)}的报告(计划要求${catalogue.rules.words.reporters}报告)。`;
  }
  const span = { ...catalogue.periods, timezone: pd.timezone };
  if (!req.period && hasEnded(span, deps.clock.now())) {
    const ended = endedText(span, planCited(catalogue), lang);
    return lang === 'en'
      ? `${ended} To see or correct a report of the plan, name its period: \`/report ${span.last}\`.`
      : `${ended}如需查看或更正计划期内的报告,请写明期次,例如 \`/report ${span.last}\`。`;
  }
  if (req.period && !isWithinPlan(req.period, span)) {
    return lang === 'en'
      ? `${req.period} is outside the plan (${spanText(span, 'en')}).`
      : `${formatPeriod(req.period)}不在计划期内(${spanText(span)})。`;
  }
  const chosen = req.period ? null : await defaultPeriodFor(pd, unit);
  const period = req.period ?? chosen?.period ?? reportablePeriod(pd);
  if (!actor.isAdmin && (await isReportLocked(pd, period))) {
    return lang === 'en'
      ? `The circular for ${period} has been posted, so this period's reports are locked. Ask the admins for a correction.`
      : `${formatPeriod(period)}的通报已经发布,本期报告已锁定,不能再修改。如确需更正,请联系管理员。`;
  }
  const [report, numbers] = await Promise.all([getReport(pd, unit.id, period), unitNumbers(pd, unit.id, period)]);
  await client.views.open({
    trigger_id: req.triggerId,
    view: reportModal({
      catalogue,
      unit,
      topics,
      numbers,
      report,
      timezone: pd.timezone,
      meta: {
        unitId: unit.id,
        plan: catalogue.plan.slug,
        period,
        ...(req.channel ? { channel: req.channel } : {}),
        lang,
      },
      ...(chosen ? { periodNote: periodNote(chosen, '/report', lang) } : {}),
    }),
  });
  return null;
}
