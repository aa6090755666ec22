import type { KnownBlock } from '@slack/types';
import type { Lang } from '../../answer/types.js';
import { formatPeriod, type PeriodId } from '../../progress/periods.js';
import type { HalfYearReport, UnitInfo } from '../../progress/types.js';
import { formatWhen, truncate } from './text.js';

/** The admins' App Home: the bureau at a glance — which units reported this period, which are overdue. */

export interface OverviewUnit {
  unit: Pick<UnitInfo, 'id' | 'short' | 'name'>;
  report: HalfYearReport | null;
}

export interface AdminOverview {
  period: PeriodId;
  due: Date;
  now: Date;
  timezone: string;
  units: OverviewUnit[];
  /** The period before, when its deadline has passed and some units still owe its report. */
  previous?: { period: PeriodId; missing: Array<Pick<UnitInfo, 'short' | 'name'>> };
}

const W = {
  zh: {
    heading: '全局概况(管理员)',
    period: (p: string, due: string, done: number, all: number) =>
      `*${p}* 半年报告截止 ${due}:已提交 ${done}/${all} 个单位`,
    submitted: '✅ 已提交',
    draft: '📝 草稿未提交',
    overdue: '⏰ 逾期未交',
    missing: '⬜ 未填写',
    previous: (p: string, names: string) => `⏰ *${p}* 的半年报告仍未提交:${names}`,
    none: '无',
    sep: '、',
  },
  en: {
    heading: 'The bureau at a glance (admins)',
    period: (p: string, due: string, done: number, all: number) =>
      `*${p}* half-year report due ${due}: ${done} of ${all} units submitted`,
    submitted: '✅ Submitted',
    draft: '📝 Draft, not submitted',
    overdue: '⏰ Overdue',
    missing: '⬜ Not started',
    previous: (p: string, names: string) => `⏰ Still owing the report for *${p}*: ${names}`,
    none: 'none',
    sep: ', ',
  },
} as const;

type Group = 'submitted' | 'draft' | 'overdue' | 'missing';

export function adminOverviewBlocks(o: AdminOverview, lang: Lang): KnownBlock[] {
  const w = W[lang];
  const late = o.now.getTime() > o.due.getTime();
  const groups: Record<Group, string[]> = { submitted: [], draft: [], overdue: [], missing: [] };
  for (const { unit, report } of o.units) {
    const name = unit.short || unit.name;
    if (report?.status === 'submitted') groups.submitted.push(name);
    else if (late) groups.overdue.push(name);
    else if (report) groups.draft.push(name);
    else groups.missing.push(name);
  }
  const due = formatWhen(o.due, o.timezone).slice(0, 10);
  const lines = (['overdue', 'draft', 'missing', 'submitted'] as const)
    .filter((g) => groups[g].length)
    .map((g) => `${w[g]}(${groups[g].length}):${groups[g].join(w.sep)}`);
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: w.heading } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          [w.period(formatPeriod(o.period, lang), due, groups.submitted.length, o.units.length), ...lines].join('\n'),
          3000,
        ),
      },
    },
  ];
  if (o.previous?.missing.length) {
    const names = o.previous.missing.map((u) => u.short || u.name).join(w.sep);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(w.previous(formatPeriod(o.previous.period, lang), names), 3000) },
    });
  }
  return blocks;
}
