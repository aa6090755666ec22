import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stem } from './tokenize.js';

/**
 * English → Chinese through CC-CEDICT (the community Chinese–English dictionary, CC BY-SA 4.0), as shipped in the
 * `hanzi` package. The dictionary is ~125,000 entries; it is read and indexed once, on the first English question,
 * into a map from each normalised English sense (`inspection`, `talent`, `fund`) to the simplified words glossed
 * by it, earliest senses first. Loading it never touches a plan's index build.
 */

/** Chinese words glossed by one English sense, with the sense's position among the entry's senses (0 = first). */
export interface Gloss {
  zh: string;
  rank: number;
}

/** Senses longer than this many words are explanations, not translations; they are not indexed. */
const MAX_SENSE_WORDS = 3;
const ARTICLES = /^(to|a|an|the|be) /;
const SKIP = /^(CL:|variant of|old variant|see |surname|abbr\.|used in|also written|pr\.)/i;
const LINE = /^(\S+) (\S+) \[[^\]]*\] \/(.*)\/$/;

let senses: Map<string, Gloss[]> | undefined;

/** Normalises an English phrase the same way on both sides: lower case, stemmed words, no leading `to`/article. */
export function senseKey(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9\s-]/g, ' ')
    .trim()
    .replace(ARTICLES, '')
    .split(/[\s-]+/)
    .filter((w) => w.length > 0)
    .map(stemmed)
    .join(' ');
}

const stems = new Map<string, string>();
function stemmed(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = stem(word);
    stems.set(word, s);
  }
  return s;
}

/** How far behind a word's exact senses the senses it is only part of come. */
export const WORD_RANK = 5;

function add(map: Map<string, Gloss[]>, key: string, zh: string, rank: number): void {
  const list = map.get(key) ?? [];
  if (list.length === 0) map.set(key, list);
  if (!list.some((g) => g.zh === zh)) list.push({ zh, rank });
}

function load(): Map<string, Gloss[]> {
  // The package wraps the dictionary's text in `module.exports = \`…\``, with no escapes inside; reading it as text
  // is much faster than evaluating a 10 MB module.
  const file = createRequire(import.meta.url).resolve('hanzi/lib/data/cedict_ts.u8.js');
  const raw = readFileSync(file, 'utf8');
  const map = new Map<string, Gloss[]>();
  for (const line of raw.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const zh = m[2] ?? '';
    if (!/^\p{Script=Han}+$/u.test(zh)) continue;
    const parts = (m[3] ?? '').split('/').flatMap((s) => s.split(/[;,]/));
    parts.forEach((part, rank) => {
      if (part.split(' ').length > MAX_SENSE_WORDS + 3 || SKIP.test(part.trim())) return;
      const key = senseKey(part);
      if (!key || key.split(' ').length > MAX_SENSE_WORDS) return;
      add(map, key, zh, rank);
      // The words of a short sense stand for it too, after its exact senses (apartment → 公寓 "apartment building"),
      // and so do its first words (intellectual property → 知识产权 "intellectual property rights").
      const words = key.split(' ');
      if (words.length > 1) for (const w of words) if (w.length > 3) add(map, w, zh, rank + WORD_RANK);
      if (words.length > 2) add(map, words.slice(0, -1).join(' '), zh, rank + WORD_RANK);
    });
  }
  return map;
}

/** The Chinese words CC-CEDICT glosses with exactly this English sense (already normalised by `senseKey`). */
export function chineseFor(key: string): readonly Gloss[] {
  senses ??= load();
  return senses.get(key) ?? [];
}
