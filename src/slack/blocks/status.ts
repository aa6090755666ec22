import type { KnownBlock } from '@slack/types';
import type { Lang } from '../../answer/types.js';
import { type Catalogue, indicatorByKey } from '../../plan/catalogue.js';
import { periodEndText } from '../../plan/span.js';
import { formatPeriod, type PeriodId } from '../../progress/periods.js';
import type { Standing, UnitInfo } from '../../progress/types.js';
import { englishMeasure } from './measure-en.js';
import { formatWhen, safeText, truncate } from './text.js';

const FULL = '█';
const EMPTY = '░';

/** `████████░░ 80%`: ten cells, rounded down so a bar is full only when the target is met; past 100% it stays full. */
export function progressBar(ratio: number | null, width = 10): string {
  if (ratio === null || !Number.isFinite(ratio)) return `${EMPTY.repeat(width)} —`;
  const clamped = Math.max(0, ratio);
  const filled = Math.min(width, Math.floor(clamped * width + 1e-9));
  return `${FULL.repeat(filled)}${EMPTY.repeat(width - filled)} ${Math.round(clamped * 100)}%`;
}

// `toLocaleString` with options builds a formatter on every call; one is enough.
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** `3`, `12.5`, `1,200`: a figure without float noise. */
export function formatNumber(n: number): string {
  return NUMBER.format(Number(n.toFixed(2)));
}

/** `5%`, `3家`, `20万元`; in English `3 organizations`, `200,000 yuan`. A milestone reads done or not done. */
export function withMeasure(n: number, measure: string | null, lang: Lang = 'zh'): string {
  if (measure === null) return n >= 1 ? (lang === 'en' ? 'done' : '已完成') : lang === 'en' ? 'not done' : '未完成';
  if (measure === '%') return `${formatNumber(n)}%`;
  if (lang === 'en') {
    const en = englishMeasure(n, measure);
    if (!en) return `${formatNumber(n)} ${measure}`;
    return en.noun ? `${formatNumber(en.value)} ${en.noun}` : formatNumber(en.value);
  }
  // A bare `1月` reads as January: a count of months is `1个月`.
  return `${formatNumber(n)}${measure === '月' ? '个月' : measure}`;
}

const W = {
  zh: {
    region: (r: string) => `${r}目标完成情况`,
    unit: (u: string) => `${u} 的职责指标`,
    target: '目标',
    due: (d: string) => `${d}前`,
    none: '尚未填报',
    latest: '最近填报',
    empty: '暂无指标。',
    footer: '数字来自各单位填报的进展;`/progress` 填报,`/progress history` 查看记录。',
  },
  en: {
    region: (_r: string) => 'Targets and progress',
    unit: (u: string) => `Duties of ${u}`,
    target: 'target',
    due: (d: string) => `by ${d}`,
    none: 'nothing reported',
    latest: 'latest',
    empty: 'No indicators.',
    footer: "Figures come from the units' updates; report with `/progress`, review with `/progress history`.",
  },
} as const;

/** `2017年底前`, `2016年6月底前`: the end of the period a target falls due, as a plan says it. */
export function dueText(due: string, lang: Lang): string {
  if (due === 'yearly') return lang === 'en' ? 'each year' : '每年';
  return W[lang].due(periodEndText(due as PeriodId, lang));
}

/** One line per indicator: name, bar, actual of target, and when due. */
export function standingLine(catalogue: Catalogue, s: Standing, lang: Lang): string {
  const w = W[lang];
  const indicator = indicatorByKey(catalogue, s.indicatorKey);
  const name = indicator ? (lang === 'en' ? indicator.name_en : indicator.name) : s.indicatorKey;
  // A range: `60–70%`; in English each end in full, as a measure may scale the figure (20–30万元 → 200,000–300,000).
  const low = (lang === 'en' && s.measure !== null && englishMeasure(s.target, s.measure)?.value) || s.target;
  const target =
    s.targetMax === undefined
      ? withMeasure(s.target, s.measure, lang)
      : `${formatNumber(low)}–${withMeasure(s.targetMax, s.measure, lang)}`;
  const actual = s.actual === null ? w.none : withMeasure(s.actual, s.measure, lang);
  const due = lang === 'en' ? ` (${dueText(s.due, lang)})` : `(${dueText(s.due, lang)})`;
  return `*${safeText(name)}*\n\`${progressBar(s.ratio)}\`  ${actual} / ${w.target} ${target}${due}`;
}

export interface StatusView {
  /** Set once the plan is over: the sentence saying so, shown first. */
  ended?: string;
  region: Standing[];
  unit?: { info: UnitInfo; standings: Standing[] };
}

/** `/plan status [unit]`: the region's totals, then the unit's own duties, each with a text progress bar. */
export function statusBlocks(catalogue: Catalogue, view: StatusView, lang: Lang): KnownBlock[] {
  const w = W[lang];
  const blocks: KnownBlock[] = [];
  if (view.ended) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `🏁 ${view.ended}` } });
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
  group(w.region(catalogue.rules.words.region), view.region);
  if (view.unit) group(w.unit(view.unit.info.short || view.unit.info.name), view.unit.standings);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: w.footer }] });
  return blocks.slice(0, 50);
}

export function statusText(catalogue: Catalogue, lang: Lang): string {
  return W[lang].region(catalogue.rules.words.region);
}

/** One answer to "where does X stand": the plan's target and its words, and the latest reported figure, who, when. */
export interface StandingAnswerView {
  indicator: { key: string; name: string; name_en: string; measure: string | null; scope: string };
  citation: { section: string; quote: string };
  standings: Standing[];
  latest: { value: number; unitName: string; byName: string; at: Date; period: PeriodId } | null;
}

const A = {
  zh: {
    head: (name: string) => `📊 *${name} 目前进展*`,
    latest: (who: string, unit: string, when: string, value: string, period: string) =>
      `最近填报:${unit} ${who} 于 ${when} 报 ${value}(${period})`,
    none: '尚无单位填报。',
    units: (reported: number, all: number, met: number) => `已填报 ${reported}/${all} 个单位,其中 ${met} 个达到目标`,
    basis: '依据',
  },
  en: {
    head: (name: string) => `📊 *${name}: where it stands*`,
    latest: (who: string, unit: string, when: string, value: string, period: string) =>
      `Latest: ${value} from ${unit}, reported by ${who} on ${when} (${period})`,
    none: 'No unit has reported yet.',
    units: (reported: number, all: number, met: number) => `${reported} of ${all} units reported, ${met} at target`,
    basis: 'Source',
  },
} as const;

export function standingAnswerBlocks(
  catalogue: Catalogue,
  answers: StandingAnswerView[],
  lang: Lang,
  timezone: string,
): KnownBlock[] {
  const a = A[lang];
  return answers.slice(0, 3).map((answer) => {
    const name = lang === 'en' ? answer.indicator.name_en : answer.indicator.name;
    const lines = [a.head(safeText(name))];
    const [one] = answer.standings;
    if (answer.indicator.scope === 'unit') {
      const reported = answer.standings.filter((s) => s.actual !== null).length;
      const met = answer.standings.filter((s) => (s.ratio ?? 0) >= 1).length;
      lines.push(a.units(reported, answer.standings.length, met));
    } else if (one) {
      lines.push(standingLine(catalogue, one, lang).split('\n').slice(1).join('\n'));
    }
    const l = answer.latest;
    lines.push(
      l
        ? a.latest(
            safeText(l.byName),
            safeText(l.unitName),
            formatWhen(l.at, timezone),
            withMeasure(l.value, answer.indicator.measure, lang),
            formatPeriod(l.period, lang),
          )
        : a.none,
    );
    lines.push(`${a.basis} *${safeText(answer.citation.section)}*「${safeText(answer.citation.quote)}」`);
    return { type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 3000) } } satisfies KnownBlock;
  });
}

/** Puts extra blocks after an answer's text and sources, before its buttons. */
export function withStanding(blocks: KnownBlock[], extra: KnownBlock[]): KnownBlock[] {
  if (!extra.length) return blocks;
  const last = blocks[blocks.length - 1];
  const tail = last?.type === 'actions' ? [last] : [];
  return [...blocks.slice(0, blocks.length - tail.length), ...extra, ...tail].slice(0, 50);
}
