import admin from './lexicon/zh-admin.json' with { type: 'json' };

/**
 * The general vocabulary of Chinese administrative writing, kept as data in `lexicon/zh-admin.json`: which words
 * staff and documents use for one concept (负责/牵头, 经费/资金), and which colloquial words never name the topic
 * of a question (咱们, 今年, 这块). Nothing here belongs to one document.
 */

const synonymsOf = new Map<string, Set<string>>();
for (const group of admin.synonyms) {
  for (const word of group) {
    const set = synonymsOf.get(word) ?? new Set<string>();
    for (const other of group) if (other !== word) set.add(other);
    synonymsOf.set(word, set);
  }
}

/**
 * Other forms of `term` a document may use. A single character is only ever a key (交 → 提交 needs context), never
 * a form searched for, since it would match everywhere.
 */
export function synonyms(term: string): string[] {
  return [...(synonymsOf.get(term) ?? [])].filter((w) => w.length >= 2);
}

export const FILLERS: ReadonlySet<string> = new Set(admin.fillers);

/** Whether `word` is one of the lexicon's words (a segmenter may split 第一责任人 into 第一|责任|人). */
export function isLexiconWord(word: string): boolean {
  return synonymsOf.has(word);
}
