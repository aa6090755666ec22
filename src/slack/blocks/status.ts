import type { KnownBlock } from '@slack/types';
import type { Lang } from '../../answer/types.js';
import { type Catalogue, indicatorByKey } from '../../plan/catalogue.js';
import { formatPeriod, type PeriodId } from '../../progress/periods.js';
import type { Standing, UnitInfo } from '../../progress/types.js';
import { safeText, truncate } from './text.js';

const FULL = '█';
const EMPTY = '░';

/** `████████░░ 80%`: ten cells, rounded down so a bar is full only when the target is met; past 100% it stays full. */
export function progressBar(ratio: number | null, width = 10): string {
  if (ratio === null || !Number.isFinite(ratio)) return `${EMPTY.repeat(width)} —`;
  const clamped = Math.max(0, ratio);
  const filled = Math.min(width, Math.floor(clamped * width + 1e-9));
  return `${FULL.repeat(filled)}${EMPTY.repeat(width - filled)} ${Math.round(clamped * 100)}%`;
}

/** `3`, `12.5`, `1,200`: a figure without float noise. */
export function formatNumber(n: number): string {
  return Number(n.toFixed(2)).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** `5%`, `3家`, `20万元`; in English a space before words. */
export function withMeasure(n: number, measure: string, lang: Lang = 'zh'): string {
  if (measure === '%') return `${formatNumber(n)}%`;
  return lang === 'en' ? `${formatNumber(n)} ${measure}` : `${formatNumber(n)}${measure}`;
}

const W = {
  zh: {
    region: '全区目标完成情况',
    unit: (u: string) => `${u} 的职责指标`,
    target: '目标',
    due: (d: string) => (d === 'yearly' ? '每年' : `${d}前`),
    none: '尚未填报',
    latest: '最近填报',
    empty: '暂无指标。',
    footer: '数字来自各单位填报的进展;`/progress` 填报,`/progress history` 查看记录。',
  },
  en: {
    region: 'Region targets and progress',
    unit: (u: string) => `Duties of ${u}`,
    target: 'target',
    due: (d: string) => (d === 'yearly' ? 'each year' : `by ${d}`),
    none: 'nothing reported',
    latest: 'latest',
    empty: 'No indicators.',
    footer: "Figures come from the units' updates; report with `/progress`, review with `/progress history`.",
  },
} as const;

function dueText(due: string, lang: Lang): string {
  return W[lang].due(due === 'yearly' ? due : formatPeriod(due as PeriodId, lang));
}

/** One line per indicator: name, bar, actual of target, and when due. */
export function standingLine(catalogue: Catalogue, s: Standing, lang: Lang): string {
  const w = W[lang];
  const indicator = indicatorByKey(catalogue, s.indicatorKey);
  const name = indicator ? (lang === 'en' ? indicator.name_en : indicator.name) : s.indicatorKey;
  const target =
    s.targetMax !== undefined
      ? `${formatNumber(s.target)}–${withMeasure(s.targetMax, s.measure, lang)}`
      : withMeasure(s.target, s.measure, lang);
  const actual = s.actual === null ? w.none : withMeasure(s.actual, s.measure, lang);
  return `*${safeText(name)}*\n\`${progressBar(s.ratio)}\`  ${actual} / ${w.target} ${target}(${dueText(s.due, lang)})`;
}

export interface StatusView {
  region: Standing[];
  unit?: { info: UnitInfo; standings: Standing[] };
}

/** `/plan status [unit]`: the region's totals, then the unit's own duties, each with a text progress bar. */
export function statusBlocks(catalogue: Catalogue, view: StatusView, lang: Lang): KnownBlock[] {
  const w = W[lang];
  const blocks: KnownBlock[] = [];
  const group = (title: string, standings: Standing[]) => {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: truncate(title, 150) } });
    if (!standings.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: w.empty } });
    // Several lines per section keep a long catalogue inside Slack's 50-block limit.
    for (let i = 0; i < standings.length; i += 6) {
      const text = standings
        .slice(i, i + 6)
        .map((s) => standingLine(catalogue, s, lang))
        .join('\n\n');
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } });
    }
  };
  group(w.region, view.region);
  if (view.unit) group(w.unit(view.unit.info.short || view.unit.info.name), view.unit.standings);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: w.footer }] });
  return blocks.slice(0, 50);
}

export function statusText(lang: Lang): string {
  return W[lang].region;
}
