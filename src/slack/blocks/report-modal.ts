import type { KnownBlock, ModalView } from '@slack/types';
import type { Lang } from '../../answer/types.js';
import { type Catalogue, indicatorByKey, type ReportTopic, topicAppliesTo } from '../../plan/catalogue.js';
import { formatPeriod, type PeriodId } from '../../progress/periods.js';
import type { HalfYearReport, UnitInfo } from '../../progress/types.js';
import { withMeasure } from './status.js';
import { formatWhen, safeText, truncate } from './text.js';

export const REPORT_MODAL = 'half_year_report';
/**
 * A button that opens the report modal (App Home, reminders). Its value is `<unitId>:<period>`, `<unitId>`, or empty
 * for the person's own unit and the current period.
 */
export const ACTION_OPEN_REPORT = 'open_report';
/** The checkbox that turns the submit button into "save a draft". */
export const BLOCK_DRAFT = 'save_mode';
export const ACTION_DRAFT = 'draft';
export const DRAFT_VALUE = 'draft';

const W = {
  zh: {
    title: '半年工作报告',
    submit: '提交',
    close: '取消',
    head: (unit: string, period: string) => `*${unit}* · ${period} 工作报告`,
    numbers: '本期填报的数字(只读,修改请用 `/progress history`)',
    noNumbers: '本期尚未填报任何数字。',
    hint: (max: number) => `提交时必填,最多 ${max} 字;保存草稿时可以留空。`,
    draftLabel: '仅保存草稿',
    draftOption: '仅保存草稿,暂不提交',
    draftHint: '勾选后点“提交”只保存草稿;不勾选则正式提交。提交后在本期通报发布前仍可修改。',
    status: {
      none: '尚未填写。',
      draft: (v: number, when: string) => `草稿(第 ${v} 版,${when} 保存),已预填。`,
      submitted: (v: number, when: string) => `已提交(第 ${v} 版,${when}),已预填;再次提交会保存为新版本。`,
    },
  },
  en: {
    title: 'Half-year report',
    submit: 'Submit',
    close: 'Cancel',
    head: (unit: string, period: string) => `*${unit}* · report for ${period}`,
    numbers: 'Figures reported this period (read-only; change them with `/progress history`)',
    noNumbers: 'No figures reported this period yet.',
    hint: (max: number) => `Required to submit, at most ${max} characters; may be left empty in a draft.`,
    draftLabel: 'Save a draft only',
    draftOption: 'Only save a draft, do not submit',
    draftHint:
      'Ticked, the submit button only saves a draft. Submitted reports stay editable until the circular is posted.',
    status: {
      none: 'Not started.',
      draft: (v: number, when: string) => `Draft (version ${v}, saved ${when}), filled in below.`,
      submitted: (v: number, when: string) =>
        `Submitted (version ${v}, ${when}), filled in below; submitting again saves a new version.`,
    },
  },
} as const;

export interface ReportModalMeta {
  unitId: string;
  /** The plan reported on (its slug). */
  plan: string;
  period: PeriodId;
  channel?: string;
  lang: Lang;
}

export interface ReportNumber {
  indicatorKey: string;
  value: number | null;
}

export interface ReportModalInput {
  catalogue: Catalogue;
  unit: UnitInfo;
  topics: ReportTopic[];
  numbers: ReportNumber[];
  report: HalfYearReport | null;
  timezone: string;
  meta: ReportModalMeta;
  /** Which period was chosen for the person and how to pick another, when they named none. */
  periodNote?: string;
}

/** The report topics that units of this kind write about. */
export function topicsFor(catalogue: Catalogue, kind: UnitInfo['kind']): ReportTopic[] {
  return catalogue.report_topics.filter((t) => topicAppliesTo(t, kind));
}

export function topicLabel(topic: ReportTopic, lang: Lang): string {
  return lang === 'en' ? topic.label_en : topic.label;
}

/** `/report`: the plan's topics as multiline inputs (prefilled from the latest version), the period's figures read-only. */
export function reportModal(input: ReportModalInput): ModalView {
  const { lang } = input.meta;
  const w = W[lang];
  const r = input.report;
  const status = !r
    ? w.status.none
    : r.status === 'submitted'
      ? w.status.submitted(r.version, formatWhen(r.submittedAt ?? r.updatedAt, input.timezone))
      : w.status.draft(r.version, formatWhen(r.updatedAt, input.timezone));
  const numbers = input.numbers
    .map((n) => {
      const indicator = indicatorByKey(input.catalogue, n.indicatorKey);
      if (!indicator || n.value === null) return null;
      const name = lang === 'en' ? indicator.name_en : indicator.name;
      return `• ${safeText(name)}:${withMeasure(n.value, indicator.measure, lang)}`;
    })
    .filter((line): line is string => line !== null);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `${w.head(safeText(input.unit.short || input.unit.name), formatPeriod(input.meta.period, lang))}\n${status}${input.periodNote ? `\n${input.periodNote}` : ''}`,
          3000,
        ),
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(`*${w.numbers}*\n${numbers.length ? numbers.join('\n') : w.noNumbers}`, 3000),
      },
    },
    { type: 'divider' },
  ];
  for (const topic of input.topics) {
    const initial = r?.topics[topic.key];
    blocks.push({
      type: 'input',
      block_id: topic.key,
      // Drafts may be partial, so Slack does not insist; the use case requires every topic on submit.
      optional: true,
      label: { type: 'plain_text', text: topicLabel(topic, lang) },
      hint: { type: 'plain_text', text: w.hint(topic.max_length) },
      element: {
        type: 'plain_text_input',
        action_id: topic.key,
        multiline: true,
        max_length: Math.min(topic.max_length, 3000),
        ...(initial ? { initial_value: initial.slice(0, 3000) } : {}),
      },
    });
  }
  blocks.push({
    type: 'input',
    block_id: BLOCK_DRAFT,
    optional: true,
    label: { type: 'plain_text', text: w.draftLabel },
    hint: { type: 'plain_text', text: w.draftHint },
    element: {
      type: 'checkboxes',
      action_id: ACTION_DRAFT,
      options: [{ text: { type: 'plain_text', text: w.draftOption }, value: DRAFT_VALUE }],
    },
  });
  return {
    type: 'modal',
    callback_id: REPORT_MODAL,
    title: { type: 'plain_text', text: w.title },
    submit: { type: 'plain_text', text: w.submit },
    close: { type: 'plain_text', text: w.close },
    private_metadata: JSON.stringify(input.meta),
    blocks,
  };
}

/** After saving: a draft saved, or the report submitted, with its version. */
export function reportSavedText(
  report: HalfYearReport,
  unit: Pick<UnitInfo, 'short' | 'name'>,
  lang: Lang,
  duplicate = false,
): string {
  const period = formatPeriod(report.period, lang);
  const u = unit.short || unit.name;
  const again = duplicate ? (lang === 'en' ? ' (repeated request, nothing saved twice)' : '(重复提交,未重复保存)') : '';
  if (report.status === 'draft') {
    return lang === 'en'
      ? `📝 Draft saved: ${u} · ${period} report, version ${report.version}${again}. Submit it with \`/report\` when ready.`
      : `📝 已保存草稿:${u} · ${period} 工作报告 第 ${report.version} 版${again}。完成后用 \`/report\` 正式提交。`;
  }
  return lang === 'en'
    ? `✅ Submitted: ${u} · ${period} report, version ${report.version}${again}.`
    : `✅ 已提交:${u} · ${period} 工作报告 第 ${report.version} 版${again}。`;
}
