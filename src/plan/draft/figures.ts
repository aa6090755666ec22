import { CHINESE_NUMERAL, measureFactor, parseNumber } from './numerals.js';
import type { Comparator } from './types.js';

/** A figure with its measure as it stands in a text: `5项以上`, `1-2家`, `2万亿元`, `60%—70%`, `1.5%`. */
export interface Figure {
  start: number;
  end: number;
  /** The span as written, from the number to the end of the measure and any suffix (`5项以上`). */
  written: string;
  value: number;
  valueMax: number | null;
  measure: string;
  /** From a suffix as written (以上 → `>=`, 以下/以内 → `<=`, 左右 → `~`), else null. */
  suffix: Comparator | null;
  chinese: boolean;
}

const ARABIC = '(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[０-９]+(?:[．.][０-９]+)?)';
const NUMBER = `(?:${ARABIC}|${CHINESE_NUMERAL}+)`;
const MULTIPLIER = '(?:万亿|千亿|百亿|千万|百万|亿|万|千|百)?';
// Longest first: 个百分点 before 个, 平方公里 before 公里, 人次 before 人.
const UNITS = [
  '个百分点',
  '百分点',
  '个工作日',
  '工作日',
  '个月',
  '个',
  '人次',
  '户次',
  '平方公里',
  '平方千米',
  '平方米',
  '立方米',
  '公里',
  '千米',
  '毫米',
  '厘米',
  '微米',
  '纳米',
  '米',
  '公顷',
  '亩',
  '千瓦时',
  '千瓦',
  '兆瓦',
  '吨',
  '千克',
  '公斤',
  '美元',
  '元',
  '%',
  '％',
  '‰',
  '倍',
  '家',
  '项',
  '座',
  '所',
  '处',
  '条',
  '种',
  '台',
  '套',
  '件',
  '篇',
  '部',
  '名',
  '位',
  '人',
  '次',
  '场',
  '户',
  '张',
  '辆',
  '艘',
  '架',
  '株',
  '棵',
  '册',
  '份',
  '年',
  '周',
  '天',
  '小时',
  '分钟',
  '分',
  '岁',
];
const UNIT = `(?:${UNITS.join('|')})`;
/** A rate's denominator (`100元/吨`, `3人/万人`). */
const PER = '(?:[/／](?:万人|千人|百人|吨|人次|人|亩|户|床|平方米|公斤|千克|年|月|天|日|小时|次))?';
const RANGE = '[-－—–~～至到]';
const SUFFIX = '(?:及|或)?(?:以上|以下|以内|之内|左右|上下)';

const FIGURE = new RegExp(
  `(${NUMBER})(?:(${MULTIPLIER}${UNIT})?\\s*${RANGE}\\s*(${NUMBER}))?(${MULTIPLIER}${UNIT}${PER})(${SUFFIX})?`,
  'g',
);

function suffixComparator(suffix: string | undefined): Comparator | null {
  if (!suffix) return null;
  if (suffix.endsWith('以上')) return '>=';
  if (/左右|上下/.test(suffix)) return '~';
  return '<=';
}

/**
 * Every figure with a measure in `text`. Years (`2019年`), dates, document numbers (`〔2019〕6号`), ordinals
 * (`第一次`) and factors of a formula (`×100%`) are left out; so is a duration that ends in 内 (`三年内`), which
 * is a deadline, not a figure.
 */
export function findFigures(text: string): Figure[] {
  const figures: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const [written, first = '', firstUnit, second, unit = ''] = m;
    const start = m.index ?? 0;
    const end = start + written.length;
    // A range's first half may carry its own unit (60%—70%); it must then be the same unit.
    if (firstUnit && firstUnit !== unit) continue;
    const chinese = !/\d|[０-９]/.test(first);
    const before = text[start - 1] ?? '';
    const after = text[end] ?? '';
    if (/[第×*/÷〔[.．\d]/.test(before) || /^[号号]/.test(after)) continue;
    // A figure inside a title (《…三年行动计划》) names the document, it is not a target.
    const opened = text.slice(0, start);
    if (opened.split('《').length > opened.split('》').length) continue;
    // A Chinese numeral glued to a preceding numeral-like word (一一, 统一, 唯一) is not a count.
    if (chinese && /[一二三四五六七八九十统唯万同]/.test(before)) continue;
    const plain = unit.replace(/^(万亿|千亿|百亿|千万|百万|亿|万|千|百)/, '');
    if (plain === '年' && !chinese && Number(first) >= 1900) continue;
    if (
      /^(年|个月|周|天|小时|工作日|个工作日)$/.test(plain) &&
      /^(以内|之内|内)/.test(text.slice(end - (m[5]?.length ?? 0)))
    )
      continue;
    if (/^(?:内|(?:左右)?(?:的)?时间)/.test(text.slice(end)) && /^(年|个月|周|天|小时|工作日|个工作日)$/.test(plain))
      continue;
    const value = parseNumber(first);
    const valueMax = second === undefined ? null : parseNumber(second);
    if (Number.isNaN(value) || (valueMax !== null && Number.isNaN(valueMax))) continue;
    figures.push({
      start,
      end,
      written,
      value,
      valueMax,
      measure: unit,
      suffix: suffixComparator(m[5]),
      chinese,
    });
  }
  return figures;
}

/** The figure in base units (2 with 万亿元 → 2e12), to compare figures written with different multipliers. */
export function scaledValue(value: number, measure: string | null): number {
  return value * measureFactor(measure);
}
