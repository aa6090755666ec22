import type { Lang } from './types.js';

/** Chinese when Han characters carry the text, English when Latin words do; Chinese for empty input. */
export function detectLang(text: string): Lang {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latinWords = (text.match(/[A-Za-z]{2,}/g) ?? []).length;
  if (han === 0) return latinWords > 0 ? 'en' : 'zh';
  // A Chinese term quoted inside an English sentence ("How many 博士?") leaves it English.
  return latinWords >= 3 && han < latinWords * 2 ? 'en' : 'zh';
}
