import type { Lang } from '../../answer/types.js';
import type { Catalogue, Indicator } from '../../plan/catalogue.js';
import { aggregationOf } from '../../plan/rules.js';

/**
 * How an indicator's figures add up and who reports it, in a few words for the form's options and the confirmation:
 * a unit reporting a region-wide figure sees that its number is the whole, not its share.
 */
export function aggregationText(catalogue: Catalogue, indicator: Indicator, lang: Lang): string {
  const { aggregate, reportedBy } = aggregationOf(catalogue, indicator);
  const { region, admins } = catalogue.rules.words;
  const how =
    lang === 'en'
      ? {
          sum: 'add what was achieved; units’ reports are summed',
          latest: 'your unit’s current level; units’ levels are summed',
          one: 'one figure for the whole; the latest report stands',
        }[aggregate]
      : { sum: '填本期新增,各单位累加', latest: '填本单位现有数,各单位相加', one: `填${region}总数,以最新一次为准` }[
          aggregate
        ];
  let who = '';
  if (reportedBy === 'admins') who = lang === 'en' ? 'reported by admins' : `由${admins}填报`;
  else if ('unit' in reportedBy) who = lang === 'en' ? `reported by ${reportedBy.unit}` : `由 ${reportedBy.unit} 填报`;
  return who ? `${how}${lang === 'en' ? '; ' : ';'}${who}` : how;
}
