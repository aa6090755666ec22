/** Numbers as plans write them: Arabic (full- or half-width, with decimals) or Chinese numerals (一百二十, 两). */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };

export const CHINESE_NUMERAL = '[零〇一二两三四五六七八九十百千]';

/** Parses a Chinese numeral below 10^4 with 万/亿 groups (三, 十五, 一百二十, 两千); NaN when it is not one. */
function parseChinese(s: string): number {
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch] ?? 0;
    } else if (ch in UNITS) {
      section += (digit < 0 ? 1 : digit) * (UNITS[ch] ?? 1);
      digit = -1;
    } else if (ch in BIG) {
      total += (section + Math.max(digit, 0)) * (BIG[ch] ?? 1);
      section = 0;
      digit = -1;
    } else {
      return Number.NaN;
    }
  }
  return total + section + Math.max(digit, 0);
}

/** Full-width digits, `．` and `％` (１２．５％, as many web copies write figures) as their ascii forms. */
export function halfWidth(text: string): string {
  return text.replace(/[０-９．％]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Parses `12`, `1.5`, `１２`, `三`, `十五`; NaN for anything else. */
export function parseNumber(written: string): number {
  const ascii = halfWidth(written.replace(/(\d),(?=\d{3})/g, '$1'));
  if (/^\d+(?:\.\d+)?$/.test(ascii)) return Number(ascii);
  return parseChinese(written);
}

/** The factor a multiplier prefix of a measure stands for (万元 → 1e4, 万亿元 → 1e12, 个 → 1). */
export function measureFactor(measure: string | null): number {
  return splitMeasure(measure ?? '').factor;
}

/** A measure as its multiplier prefix's factor and the unit after it: 万元 → 1e4 and 元, 个 → 1 and 个. */
export function splitMeasure(measure: string): { factor: number; unit: string } {
  const m = /^(千万|百万|万亿|千亿|百亿|亿|万|千|百)?/.exec(measure)?.[1] ?? '';
  const factor = [...m].reduce((f, ch) => f * ({ 万: 1e4, 亿: 1e8, 千: 1e3, 百: 1e2 }[ch] ?? 1), 1);
  return { factor, unit: measure.slice(m.length) };
}
