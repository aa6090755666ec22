import { basename, extname } from 'node:path';

/**
 * An imported plan's default slug. A file name with ascii letters in it (`nmg-keji-2015.docx`) is the slug, as the
 * admin named it. Most Chinese documents are shared under their Chinese title, so otherwise the slug is made from
 * the plan's title in pinyin, from its core words (`关于印发《政府网站集约化试点工作方案》的通知` →
 * `zhengfu-wangzhan-jiyuehua-shidian`), with the title's year when it has one.
 */

/** How a slug must read: lowercase ascii letters, digits and -, as `plan add --slug` takes. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The words of a title's core kept in a slug, at most this many characters (the year comes on top). */
const CORE_MAX = 40;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** A title's last words naming the kind of document it is, not the plan. */
const KIND = /的(?:通知|(?:指导|实施)?意见|批复|决定|复函|函|通告|公告|报告)$/;

/** A year as a title writes it (`2024年`): the slug keeps the digits only. */
const YEAR_WORD = /((?:19|20)\d\d)年/g;

/** Words that say nothing of which plan it is. */
const FILLER = new Set(['的', '关于', '和', '与', '及', '等']);

function asciiSlug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * What names the plan in a document's title: the name in 《》 when the title issues one, else the title without
 * its issuer (`…关于`), its kind of document (`的通知`, `的意见`…), quotation marks and bracketed notes.
 */
export function titleCore(title: string): string {
  const named = /《([^》]+)》/.exec(title)?.[1];
  const core = named ?? title.replace(/^.*?关于(?:印发|转发)?/, '').replace(KIND, '');
  return core.replace(/[（(][^）)]*[）)]/g, '').replace(/[“”‘’"'「」]/g, '');
}

/** pinyin-pro's reader, loaded on the first Chinese-named import: its dictionary costs every start ~50 ms. */
type Pinyin = typeof import('pinyin-pro')['pinyin'];

/** The title's core in pinyin, a word of the title a word of the slug (runs of one-character words joined). */
function pinyinSlug(title: string, pinyin: Pinyin): string {
  const words: string[] = [];
  let single = '';
  const flush = () => {
    if (single) words.push(single);
    single = '';
  };
  for (const { segment, isWordLike } of segmenter.segment(titleCore(title).replace(YEAR_WORD, '$1 '))) {
    if (!isWordLike || FILLER.has(segment)) {
      flush();
      continue;
    }
    const han = /\p{Script=Han}/u.test(segment);
    const word = han ? asciiSlug(pinyin(segment, { toneType: 'none', type: 'array' }).join('')) : asciiSlug(segment);
    if (!word) continue;
    if (han && [...segment].length === 1) single += word;
    else {
      flush();
      words.push(word);
    }
  }
  flush();
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > CORE_MAX) break;
    slug = next;
  }
  if (!slug && words[0]) slug = words[0].slice(0, CORE_MAX);
  const year = /(?:19|20)\d\d/.exec(title)?.[0];
  return year && slug && !slug.includes(year) ? `${slug}-${year}` : slug;
}

/** The slug a plan is stored under when the admin names none: the file's ascii name, or its title in pinyin. */
export async function defaultSlug(fileName: string, title: string): Promise<string> {
  const stem = asciiSlug(basename(fileName, extname(fileName)))
    .slice(0, 63)
    .replace(/-+$/, '');
  if (/[a-z]/.test(stem)) return stem;
  const fromTitle = pinyinSlug(title, (await import('pinyin-pro')).pinyin);
  if (SLUG.test(fromTitle)) return fromTitle;
  return stem || 'plan';
}
