import type { KnownBlock } from '@slack/types';
import type { Lang } from '../../answer/types.js';
import { inLang } from '../../messages/index.js';
import type { Catalogue, Indicator } from '../../plan/catalogue.js';
import { formatPeriod } from '../../progress/periods.js';
import type { FieldErrors, ProgressUpdate, Standing, UnitInfo } from '../../progress/types.js';
import { aggregationText } from './aggregation-text.js';
import { exampleIndicator } from './help.js';
import { indicatorLabel } from './progress-modal.js';
import { standingLine, withMeasure } from './status.js';
import { safeText, truncate } from './text.js';

/** The messages `/progress` answers with: usage, did-you-mean, confirmations. Chinese first, English when asked in English. */

/** The examples name one of the plan's own indicators (`x`), never one that belongs to another plan. */
const USAGE = {
  zh: (x: string) => [
    '*填报进展*',
    '• `/progress` 打开填报表单;`/progress <计划标识>` 打开某个计划的表单(运行多个计划时)',
    `• \`/progress <指标> <数值> [说明]\`,例如 \`/progress ${x} 3 说明\``,
    `• 数值可写 \`3\`、\`12.5\`、\`5%\`;可在数值后加期间,如 \`/progress ${x} 3 2016H1\``,
    '• `/progress history [单位]` 查看本单位的填报记录(可修改、撤回)',
    '• `/report` 填写半年工作报告',
  ],
  en: (x: string) => [
    '*Reporting progress*',
    '• `/progress` opens the update form; `/progress <plan-slug>` opens the form for one plan (with several plans)',
    `• \`/progress <indicator> <value> [note]\`, e.g. \`/progress ${x} 3 note\``,
    `• Values like \`3\`, \`12.5\`, \`5%\`; a period may follow the value: \`/progress ${x} 3 2016H1\``,
    "• `/progress history [unit]` lists your unit's updates (edit, withdraw)",
    '• `/report` fills in the half-year report',
  ],
} as const;

const PROBLEM = {
  zh: { no_value: '没有找到数值。', no_indicator: '请先写指标名称,再写数值。' },
  en: { no_value: 'I could not find a value.', no_indicator: 'Put the indicator first, then the value.' },
} as const;

export function progressUsage(
  lang: Lang,
  problem?: keyof (typeof PROBLEM)['zh'],
  catalogue?: Pick<Catalogue, 'indicators'>,
): string {
  return [...(problem ? [PROBLEM[lang][problem]] : []), ...USAGE[lang](exampleIndicator(catalogue, lang))].join('\n');
}

/** An unknown or ambiguous indicator: the candidates, each with the command that would record it. */
export function didYouMeanText(
  typed: string,
  candidates: Indicator[],
  lang: Lang,
  opts: { ambiguous: boolean; value: string; notApplicable?: Indicator },
): string {
  const lines: string[] = [];
  if (opts.notApplicable) {
    lines.push(
      lang === 'en'
        ? `“${safeText(typed)}” (${safeText(opts.notApplicable.name_en)}) is not reported by your unit.`
        : `“${safeText(typed)}”(${safeText(opts.notApplicable.name)})不由本单位填报。`,
    );
  } else if (opts.ambiguous) {
    lines.push(
      lang === 'en' ? `“${safeText(typed)}” could mean several indicators:` : `“${safeText(typed)}”可能指以下几个指标:`,
    );
  } else {
    lines.push(
      lang === 'en'
        ? `I don't know an indicator called “${safeText(typed)}”.`
        : `没有找到名为“${safeText(typed)}”的指标。`,
    );
  }
  if (candidates.length) {
    if (!opts.ambiguous) lines.push(lang === 'en' ? 'Did you mean:' : '您是不是要找:');
    for (const c of candidates.slice(0, 8)) {
      lines.push(`• ${safeText(indicatorLabel(c, lang))}  \`/progress ${c.name} ${opts.value}\``);
    }
  } else {
    lines.push(
      lang === 'en' ? 'Type `/progress` to pick one from the list.' : '输入 `/progress` 可在表单中从列表选择指标。',
    );
  }
  return lines.join('\n');
}

/** Field errors as one sentence list, for the inline path where there is no modal to show them in. */
export function fieldErrorsText(errors: FieldErrors, lang: Lang): string {
  const head = lang === 'en' ? 'Not saved:' : '未保存:';
  return [
    head,
    ...Object.values(errors)
      .filter(Boolean)
      .map((e) => `• ${safeText(e ? inLang(e, lang) : '')}`),
  ].join('\n');
}

export interface Recorded {
  update: ProgressUpdate;
  unit: Pick<UnitInfo, 'short' | 'name'>;
  indicator?: Indicator;
  standing?: Standing | null;
  duplicate?: boolean;
  edited?: boolean;
}

/** What was recorded, and where the indicator now stands against its target. */
export function recordedBlocks(catalogue: Catalogue, r: Recorded, lang: Lang): { text: string; blocks: KnownBlock[] } {
  const u = r.update;
  const name = r.indicator ? indicatorLabel(r.indicator, lang) : u.indicatorKey;
  const value = r.indicator ? withMeasure(u.value, r.indicator.measure, lang) : String(u.value);
  const verb = r.edited
    ? lang === 'en'
      ? 'Updated'
      : '已修改'
    : r.duplicate
      ? lang === 'en'
        ? 'Already recorded'
        : '已记录过(重复提交未重复保存)'
      : lang === 'en'
        ? 'Recorded'
        : '已记录';
  const head = `✅ ${verb}:${r.unit.short || r.unit.name} · ${name} · ${formatPeriod(u.period, lang)} = ${value}`;
  const text = truncate(head, 3000);
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: safeText(text) } }];
  const details: string[] = [];
  if (u.note) details.push(`${lang === 'en' ? 'Note' : '说明'}:${safeText(u.note)}`);
  if (u.evidenceUrl) details.push(`${lang === 'en' ? 'Evidence' : '佐证'}:${safeText(u.evidenceUrl)}`);
  if (r.indicator) details.push(aggregationText(catalogue, r.indicator, lang));
  details.push(`#${u.id} · v${u.version}`);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(details.join('  ·  '), 2900) }] });
  if (r.standing) {
    const title = lang === 'en' ? 'Where it stands' : '目前进展';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`${title}\n${standingLine(catalogue, r.standing, lang)}`, 3000) },
    });
  }
  return { text, blocks };
}

export function refusalText(sentence: string): string {
  return `⛔ ${sentence}`;
}
