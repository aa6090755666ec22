import { splitMeasure } from '../../plan/draft/numerals.js';

/**
 * A plan's measure words (量词 and units) as an English reader says them, for English replies: `10 家` reads
 * `10 organizations`, `20万元` reads `200,000 yuan`. The plan's own word is kept where no English one is known.
 * Classifiers with no noun of their own (个) are dropped.
 */

/** Singular and plural; a classifier that adds nothing to the number is ''. */
const WORDS: Record<string, [string, string]> = {
  个: ['', ''],
  家: ['organization', 'organizations'],
  所: ['institution', 'institutions'],
  项: ['item', 'items'],
  件: ['item', 'items'],
  条: ['item', 'items'],
  人: ['person', 'people'],
  名: ['person', 'people'],
  位: ['person', 'people'],
  人次: ['person-time', 'person-times'],
  户: ['household', 'households'],
  次: ['time', 'times'],
  场: ['event', 'events'],
  期: ['session', 'sessions'],
  篇: ['paper', 'papers'],
  部: ['work', 'works'],
  本: ['volume', 'volumes'],
  批: ['batch', 'batches'],
  种: ['kind', 'kinds'],
  类: ['category', 'categories'],
  台: ['unit', 'units'],
  套: ['unit', 'units'],
  座: ['facility', 'facilities'],
  年: ['year', 'years'],
  个月: ['month', 'months'],
  月: ['month', 'months'],
  周: ['week', 'weeks'],
  天: ['day', 'days'],
  日: ['day', 'days'],
  小时: ['hour', 'hours'],
  岁: ['year of age', 'years of age'],
  周岁: ['year of age', 'years of age'],
  分: ['point', 'points'],
  倍: ['times', 'times'],
  元: ['yuan', 'yuan'],
  吨: ['tonne', 'tonnes'],
  亩: ['mu', 'mu'],
  公里: ['km', 'km'],
  千米: ['km', 'km'],
  米: ['m', 'm'],
  平方米: ['m²', 'm²'],
  毫米: ['mm', 'mm'],
};

/**
 * A figure and its measure as an English reader counts them: the plan's measure when the table knows it (千米 → km),
 * else its multiplier applied to the unit after it (20万元 → 200,000 yuan); undefined when neither is known here.
 * `noun` is '' for a classifier that adds nothing (个).
 */
export function englishMeasure(n: number, measure: string): { value: number; noun: string } | undefined {
  const whole = WORDS[measure];
  const { factor, unit } = whole ? { factor: 1, unit: measure } : splitMeasure(measure);
  const forms = WORDS[unit];
  if (!forms) return undefined;
  const value = n * factor;
  return { value, noun: value === 1 ? forms[0] : forms[1] };
}
