import type { Figure } from './figures.js';
import type { Comparator } from './types.js';

/** Words before a figure that state how it binds, as written; the longest first so 不得低于 wins over 低于. */
const PREFIXES: [RegExp, Comparator][] = [
  // Negated forms first: 不超过 must not be read as 超过.
  [/(?:不得|不应|不能|不)(?:低于|少于|小于)$/, '>='],
  [/(?:不得|不应|不能|不)(?:超过|高于|大于|多于)$/, '<='],
  [/(?:至少|最少|最低|高于|超过|多于|大于)$/, '>='],
  [/(?:最多|至多|最高|最长)$/, '<='],
  [/(?:控制在|降至|降到|降低至|降低到|下降到|下降至|压缩到|压缩至|减少到|减少至|低于|少于)$/, '<='],
  [/(?:大约|约|近|接近|≈)$/, '~'],
  // Tables write bounds as symbols: ≥90%, ≤5天.
  [/[≥＞>]$/, '>='],
  [/[≤＜<]$/, '<='],
  [/(?:达到|达|提高到|提高至|提升到|提升至|增至|增加到|增加至|增长到|稳定在|保持在|为)$/, '='],
];

/** How far back (in characters, no punctuation between) a comparator may stand: 不高于承担风险责任的0.5%. */
const REACH = 14;

export interface PrefixComparator {
  comparator: Comparator;
  /** Characters between the comparator word and the figure (0 when adjacent). */
  gap: number;
}

/** The comparator word that governs a figure from before it in `text`, if any. */
export function prefixComparator(text: string, figure: Figure): PrefixComparator | null {
  const window = text.slice(Math.max(0, figure.start - REACH), figure.start);
  const cut = Math.max(...[...'，,；;。：:、'].map((p) => window.lastIndexOf(p)));
  const span = window.slice(cut + 1);
  for (let gap = 0; gap <= span.length; gap++) {
    const head = span.slice(0, span.length - gap);
    // Another figure between the word and this one means the word governs that one.
    if (/\d/.test(span.slice(span.length - gap))) return null;
    for (const [re, comparator] of PREFIXES) {
      if (!re.test(head)) continue;
      // 为 binds only when adjacent (周期为1年), never across words (以…为主).
      if (comparator === '=' && /为$/.test(head) && (gap > 0 || /[作成以认称视列改名]为$/.test(head))) continue;
      return { comparator, gap };
    }
  }
  return null;
}

/** The comparator as written: a suffix (以上/以下/左右) wins, then a word before the figure, else `=`. */
export function comparatorOf(text: string, figure: Figure): Comparator {
  return figure.suffix ?? prefixComparator(text, figure)?.comparator ?? '=';
}
