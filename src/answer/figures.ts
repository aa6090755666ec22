/**
 * Figures in text — numbers with their measure, percentages, ratios, dates — reduced to comparable keys, so a model's
 * answer can be checked against the quotes that back it: a figure the quotes do not hold is not grounded.
 * Arabic and Chinese numerals both count (`10家` and `十家` are one figure); list numbering and ordinals do not.
 */
import { parseNumber } from '../plan/draft/numerals.js';

export interface Figure {
  /** As written in the text. */
  text: string;
  /** `n:10`, `pct:20`, `ratio:1:1`: equal keys are the same figure. */
  key: string;
  /** The same figure in other scales (`500万` is also `n:5000000`, as an English answer writes it). */
  alt: string[];
}

/** `十五` → 15, `二百零五` → 205, `三千` → 3000; null when it is not a Chinese numeral (one parser with the drafts'). */
export function chineseNumeral(text: string): number | null {
  if (!text || /\d/.test(text)) return null;
  const value = parseNumber(text);
  return Number.isNaN(value) ? null : value;
}

/** Measure words after which a Chinese numeral is a quantity (`三级`, `两次`, `五项`), not part of a name. */
const MEASURE = '个项家人名次年月日天级倍所座处台件批类条户元岁期届轮套张份';
const CN_NUM = '零〇一二两三四五六七八九十百千';

const PATTERN = new RegExp(
  [
    // A ratio: 1:1, 2∶1, 1比1
    '(?<ratio>\\d+(?:\\.\\d+)?\\s*[:：∶比]\\s*\\d+(?:\\.\\d+)?)',
    // An Arabic number, with thousands separators and decimals, and an optional percent sign
    '(?<num>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(?:(?<pct>%|％|percent\\b)|(?<scale>万|亿|thousand\\b|million\\b|billion\\b))?',
    // 百分之二十
    `百分之(?<pctcn>[${CN_NUM}]+)`,
    // A Chinese numeral followed by a measure word (not 十分 "very", not 千万 "by all means")
    `(?<cn>[${CN_NUM}]+)(?=[${MEASURE}]|成)`,
  ].join('|'),
  'giu',
);

/** Every figure in `text`, in order. */
export function extractFigures(text: string): Figure[] {
  const folded = text.normalize('NFKC');
  const out: Figure[] = [];
  for (const m of folded.matchAll(PATTERN)) {
    const at = m.index ?? 0;
    const before = folded.slice(Math.max(0, at - 1), at);
    const after = folded.slice(at + m[0].length, at + m[0].length + 1);
    const g = m.groups ?? {};
    if (g.ratio) {
      const [a, b] = g.ratio.split(/\s*[:：∶比]\s*/);
      // 09:00 is a time of day, not a ratio; a time is compared as written.
      out.push({ text: m[0], key: `ratio:${Number(a)}:${Number(b)}`, alt: [] });
      continue;
    }
    if (g.num) {
      if (isListNumber(folded, at, m[0], after) || before === '第' || /[A-Za-z]/.test(before)) continue;
      const value = Number(g.num.replace(/,/g, ''));
      const scaled = g.scale ? value * (SCALE[g.scale.toLowerCase()] ?? 1) : value;
      const key = g.pct ? `pct:${value}` : `n:${value}`;
      // 500万 is written 500 beside 万; its English reading is 5 million: both name the same figure.
      out.push({ text: m[0].trim(), key, alt: scaled !== value ? [`n:${round(scaled)}`] : [] });
      continue;
    }
    if (g.pctcn) {
      const value = chineseNumeral(g.pctcn);
      if (value !== null) out.push({ text: m[0], key: `pct:${value}`, alt: [] });
      continue;
    }
    if (g.cn) {
      // A lone 一 is mostly the article of 一个/一项/一次, and 第 makes an ordinal.
      if (before === '第' || g.cn === '一') continue;
      const value = chineseNumeral(g.cn);
      if (value === null) continue;
      const pct = /^成/.test(folded.slice(at + m[0].length));
      out.push({ text: m[0], key: pct ? `pct:${value * 10}` : `n:${value}`, alt: [] });
    }
  }
  return out;
}

const SCALE: Record<string, number> = { 万: 1e4, 亿: 1e8, thousand: 1e3, million: 1e6, billion: 1e9 };
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** `1.` / `2、` / `3)` at the start of a line numbers a list item; it is not a figure. */
function isListNumber(text: string, at: number, match: string, after: string): boolean {
  const lineStart =
    at === 0 || text[at - 1] === '\n' || /^[ \t•*-]*$/.test(text.slice(text.lastIndexOf('\n', at - 1) + 1, at));
  return lineStart && /^[.、)）]/.test(after) && !/[.]\d/.test(match);
}

/** The figures of `answer` that none of `quotes` holds. Empty when every figure is backed. */
export function unbackedFigures(answer: string, quotes: readonly string[]): Figure[] {
  const backed = new Set(quotes.flatMap((q) => extractFigures(q).flatMap((f) => [f.key, ...f.alt])));
  return extractFigures(answer).filter((f) => !backed.has(f.key) && !f.alt.some((k) => backed.has(k)));
}
