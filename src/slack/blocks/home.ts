import type { HomeView, KnownBlock } from '@slack/types';
import type { Lang } from '../../answer/types.js';
import type { Catalogue } from '../../plan/catalogue.js';
import { planShort } from '../../plan/rules.js';
import { formatPeriod, type PeriodId } from '../../progress/periods.js';
import type { HalfYearReport, Standing, UnitInfo } from '../../progress/types.js';
import { unitLabel } from './progress-modal.js';
import { ACTION_OPEN_REPORT } from './report-modal.js';
import { standingLine } from './status.js';
import { formatWhen, truncate } from './text.js';

const W = {
  zh: {
    title: (plan: string) => `planbot · ${plan}`,
    intro: (plans: string) =>
      `我可以回答关于${plans}的问题(\`/plan 问题\`),并帮助各单位填报进展(\`/progress\`)和工作报告(\`/report\`)。`,
    outsider: (admins: string) => `您目前不属于任何填报单位;如需填报,请联系${admins}在工作区配置中添加您。`,
    period: (p: string, due: string) => `本期:*${p}*,半年报告截止 ${due}`,
    report: {
      none: '📄 半年报告:未填写',
      draft: (v: number) => `📝 半年报告:草稿(第 ${v} 版)`,
      submitted: (v: number, when: string) => `✅ 半年报告:已提交(第 ${v} 版,${when})`,
    },
    noReport: '📄 本单位类型无需提交半年报告',
    openReport: '填写半年报告',
    progress: '填报进展',
    role: { lead: '负责人', member: '填报人' },
    indicators: '本单位指标',
  },
  en: {
    title: (plan: string) => `planbot · ${plan}`,
    intro: (_plans: string) =>
      'Ask me about the plan (`/plan question`); units report progress with `/progress` and half-year reports with `/report`.',
    outsider: (_admins: string) =>
      'You are not in any reporting unit; ask the admins to add you to the workspace file to report.',
    period: (p: string, due: string) => `This period: *${p}*, half-year report due ${due}`,
    report: {
      none: '📄 Half-year report: not started',
      draft: (v: number) => `📝 Half-year report: draft (v${v})`,
      submitted: (v: number, when: string) => `✅ Half-year report: submitted (v${v}, ${when})`,
    },
    noReport: '📄 No half-year report for units of this kind',
    openReport: 'Write the report',
    progress: 'Report progress',
    role: { lead: 'lead', member: 'member' },
    indicators: 'Indicators',
  },
} as const;

export interface HomeUnit {
  unit: UnitInfo;
  role: 'lead' | 'member';
  /** Null when units of this kind write no half-year report. */
  report: HalfYearReport | null | 'none_required';
  standings: Standing[];
}

/** One plan as the person sees it: its period, what is due, and their units that report on it. */
export interface HomePlan {
  catalogue: Catalogue;
  period: PeriodId;
  reportDue: Date;
  units: HomeUnit[];
  /** For admins: the bureau's overview of this plan, shown before their own units (home-admin.ts). */
  overview?: KnownBlock[];
  /** Set once the plan is over: the sentence saying so. */
  ended?: string;
}

export interface HomeInput {
  /** The plans the person's units report on (for admins, every running plan); the first one when none. */
  plans: HomePlan[];
  timezone: string;
  lang: Lang;
}

/** The App Home: per plan the person's units run, what is due this period, the report's status, the unit's indicators. */
export function homeView(input: HomeInput): HomeView {
  const w = W[input.lang];
  const first = input.plans[0];
  const name = (p: HomePlan) => planShort(p.catalogue);
  const several = input.plans.length > 1;
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(several || !first ? 'planbot' : w.title(name(first)), 150) },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: w.intro(input.plans.map((p) => `《${name(p)}》`).join('、')) },
    },
  ];
  const anyUnit = input.plans.some((p) => p.units.length || p.overview);
  if (!anyUnit) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: w.outsider(first?.catalogue.rules.words.admins ?? '') }],
    });
    return { type: 'home', blocks };
  }
  for (const plan of input.plans) {
    if (several)
      blocks.push({ type: 'header', text: { type: 'plain_text', text: truncate(`《${name(plan)}》`, 150) } });
    blocks.push(...planBlocks(plan, input.timezone, input.lang, several ? 6 : 12));
  }
  return { type: 'home', blocks: blocks.slice(0, 100) };
}

function planBlocks(input: HomePlan, timezone: string, lang: Lang, maxUnits: number): KnownBlock[] {
  const w = W[lang];
  const blocks: KnownBlock[] = [];
  if (input.ended) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `🏁 ${input.ended}` } });
  if (input.overview) blocks.push(...input.overview);
  if (!input.units.length) return blocks;
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: w.period(formatPeriod(input.period, lang), formatWhen(input.reportDue, timezone).slice(0, 10)),
      },
    ],
  });
  // Each unit takes up to six blocks; the App Home allows 100.
  for (const u of input.units.slice(0, maxUnits)) {
    blocks.push({ type: 'divider' });
    blocks.push({
      type: 'header',
      text: { type: 'plain_text', text: truncate(`${unitLabel(u.unit)} · ${w.role[u.role]}`, 150) },
    });
    const r = u.report;
    const reportLine =
      r === 'none_required'
        ? w.noReport
        : !r
          ? w.report.none
          : r.status === 'submitted'
            ? w.report.submitted(r.version, formatWhen(r.submittedAt ?? r.updatedAt, timezone))
            : w.report.draft(r.version);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: reportLine } });
    const lines = u.standings.slice(0, 12).map((s) => standingLine(input.catalogue, s, lang));
    if (lines.length) {
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: truncate(`*${w.indicators}*\n${lines.join('\n')}`, 3000) },
      });
    }
    blocks.push({
      type: 'actions',
      block_id: `home_${input.catalogue.plan.slug}_${u.unit.id}`.slice(0, 255),
      elements: [
        ...(r === 'none_required'
          ? []
          : [
              {
                type: 'button' as const,
                action_id: ACTION_OPEN_REPORT,
                text: { type: 'plain_text' as const, text: w.openReport },
                value: `${u.unit.id}:${input.period}:${input.catalogue.plan.slug}`,
              },
            ]),
        {
          type: 'button' as const,
          action_id: ACTION_OPEN_PROGRESS,
          text: { type: 'plain_text' as const, text: w.progress },
          value: u.unit.id,
        },
      ],
    });
  }
  return blocks;
}

/** Opens the update modal from the App Home, with the unit preset. */
export const ACTION_OPEN_PROGRESS = 'open_progress';
