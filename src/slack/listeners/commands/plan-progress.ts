import type { RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Lang } from '../../../answer/types.js';
import type { Deps } from '../../../deps.js';
import { reportPointsSheets } from '../../../export/points-sheets.js';
import { whyEmpty } from '../../../export/rows.js';
import { planCited } from '../../../plan/rules.js';
import { channelPlan, unitPlans } from '../../../plan/running.js';
import { endedText, hasEnded, spanText } from '../../../plan/span.js';
import { formatPeriod, isWithinPlan, type PeriodId } from '../../../progress/periods.js';
import {
  exportRows,
  personNames,
  regionStanding,
  resolveActor,
  toCsv,
  toXlsx,
  unitStanding,
} from '../../../progress/use-cases.js';
import { buildPeriodReportPoints } from '../../../schedule/circular-points.js';
import { planJobDeps } from '../../../schedule/plans.js';
import { statusBlocks, statusText } from '../../blocks/status.js';
import { safeText } from '../../blocks/text.js';
import type { CommandPayload } from '../../payloads.js';
import { planNameBlocks } from '../../plan-choice.js';
import { defaultUnit, findUnit, progressDeps, reportablePeriod, reportingUnits } from '../../progress-surfaces.js';

/** `/plan status [unit]` and `/plan export <period> [csv|xlsx]`: the progress side of `/plan`. */

export async function planStatus(
  deps: Deps,
  respond: RespondFn,
  cmd: CommandPayload,
  lang: Lang,
  typedUnit?: string,
): Promise<void> {
  const base = progressDeps(deps);
  const actor = await resolveActor(deps.db, cmd.user_id);
  const unit = typedUnit
    ? await findUnit(base, typedUnit)
    : defaultUnit(actor, await reportingUnits(base, actor), cmd.channel_id);
  if (typedUnit && !unit) {
    await respond({
      response_type: 'ephemeral',
      text: lang === 'en' ? `There is no unit "${safeText(typedUnit)}".` : `找不到单位“${safeText(typedUnit)}”。`,
    });
    return;
  }
  // The plan bound to the channel, else every plan the unit (or, with none, the deployment) reports on.
  const running = deps.running();
  const bound = channelPlan(running, deps.workspace, cmd.channel_id);
  const shown = bound
    ? [bound]
    : unitPlans(running, unit ? deps.workspace.units.find((u) => u.id === unit.id) : undefined);
  const blocks: KnownBlock[] = [];
  for (const entry of shown.length ? shown : [deps.plans.shipped]) {
    const pd = progressDeps(deps, entry.catalogue);
    const period = reportablePeriod(pd);
    const [region, own] = await Promise.all([
      regionStanding(pd, period),
      unit ? unitStanding(pd, unit.id, period) : Promise.resolve([]),
    ]);
    const span = { ...entry.catalogue.periods, timezone: pd.timezone };
    const ended = hasEnded(span, deps.clock.now()) ? endedText(span, planCited(entry.catalogue), lang) : undefined;
    blocks.push(
      ...planNameBlocks(deps, entry, lang),
      ...statusBlocks(
        entry.catalogue,
        { ...(ended ? { ended } : {}), region, ...(unit ? { unit: { info: unit, standings: own } } : {}) },
        lang,
      ),
    );
  }
  const first = shown[0] ?? deps.plans.shipped;
  await respond({ response_type: 'ephemeral', text: statusText(first.catalogue, lang), blocks: blocks.slice(0, 50) });
}

const USAGE = {
  zh: '用法:`/plan export <期间> [csv|xlsx] [zh]`,例如 `/plan export 2016H1 xlsx`;加 `zh` 则表头用中文、填报人显示姓名。',
  en: 'Usage: `/plan export <period> [csv|xlsx] [zh]`, e.g. `/plan export 2016H1 xlsx`; `zh` gives Chinese headers and people’s names.',
} as const;

const NOTHING_TO_EXPORT = {
  outside: {
    zh: (p: string, first: string, last: string) => `${p}不在本计划的期间内(${first}至${last}),没有可导出的数据。`,
    en: (p: string, first: string, last: string) =>
      `${p} is outside the plan (${first} to ${last}); there is nothing to export.`,
  },
  empty: {
    zh: (p: string) => `${p}还没有任何填报数据,未生成文件。`,
    en: (p: string) => `No updates have been recorded for ${p} yet; no file was made.`,
  },
} as const;

/** Uploads the period's updates (CONTRACT §6) of the channel's plan (else the primary one) to the requester by DM. */
export async function planExport(
  deps: Deps,
  client: WebClient,
  respond: RespondFn,
  cmd: CommandPayload,
  lang: Lang,
  request: { period: PeriodId | null; format: 'csv' | 'xlsx'; lang?: 'zh' },
): Promise<void> {
  if (!request.period) {
    await respond({ response_type: 'ephemeral', text: USAGE[lang] });
    return;
  }
  // The plan bound to the channel, else the deployment's primary plan.
  const running = deps.running();
  const entry = channelPlan(running, deps.workspace, cmd.channel_id) ?? running[0] ?? deps.plans.shipped;
  const { catalogue } = entry;
  if (!isWithinPlan(request.period, catalogue.periods)) {
    const span = spanText(catalogue.periods, lang);
    await respond({
      response_type: 'ephemeral',
      text:
        lang === 'en'
          ? `${request.period} is outside the plan (${span}); there is nothing to export for it.`
          : `${formatPeriod(request.period)}不在计划期内(${span}),没有可导出的数据。`,
    });
    return;
  }
  const pd = progressDeps(deps, catalogue);
  const actor = await resolveActor(deps.db, cmd.user_id);
  const rows = await exportRows(pd, actor, request.period);
  const empty = whyEmpty(catalogue.periods, request.period, rows.length);
  if (empty) {
    const p = (x: PeriodId) => formatPeriod(x, lang);
    const text =
      empty.kind === 'outside'
        ? NOTHING_TO_EXPORT.outside[lang](p(request.period), p(empty.first), p(empty.last))
        : NOTHING_TO_EXPORT.empty[lang](p(request.period));
    await respond({ response_type: 'ephemeral', text });
    return;
  }
  const options = request.lang
    ? {
        lang: request.lang,
        names: await personNames(
          deps.db,
          rows.map((r) => r.submitted_by),
        ),
      }
    : {};
  // Admins' xlsx also carries the circular's report points, a sheet per topic: every unit's words, so admins only.
  const sheets =
    request.format === 'xlsx' && actor.isAdmin
      ? reportPointsSheets(await buildPeriodReportPoints(planJobDeps(deps, entry), request.period, null))
      : [];
  const file =
    request.format === 'xlsx' ? await toXlsx(rows, { ...options, sheets }) : Buffer.from(toCsv(rows, options), 'utf8');
  const scope = actor.isAdmin
    ? 'all'
    : actor.units
        .filter((u) => u.role === 'lead')
        .map((u) => u.unitId)
        .join('-');
  const filename = `planbot-${request.period}-${scope}.${request.format}`;
  const comment =
    lang === 'en'
      ? `Updates for ${formatPeriod(request.period, 'en')}: ${rows.length} rows, exported by <@${cmd.user_id}>.`
      : `${formatPeriod(request.period)}填报数据:共 ${rows.length} 条,由 <@${cmd.user_id}> 导出。`;
  // The file goes to the requester alone: a channel may hold people the export's scope does not cover.
  const dm = await client.conversations.open({ users: cmd.user_id });
  if (!dm.channel?.id) throw new Error('conversations.open returned no channel');
  await client.files.uploadV2({ channel_id: dm.channel.id, file, filename, title: filename, initial_comment: comment });
  await respond({
    response_type: 'ephemeral',
    text:
      lang === 'en'
        ? `I sent you ${filename} (${rows.length} rows) in a direct message.`
        : `已私信发送 ${filename}(共 ${rows.length} 条)。`,
  });
}
