import { chineseFor, senseKey, WORD_RANK } from './cedict.js';
import { chineseTerms, stem } from './tokenize.js';

/**
 * English questions reach a Chinese plan through CC-CEDICT (see `cedict.ts`): each run of English content words,
 * longest first, becomes the Chinese words the dictionary glosses it with, kept only when the plan uses them (so
 * `fund` becomes 资金 in one plan and 经费 in another). A content word with no such word in the plan is a concept
 * the plan does not mention. Nothing here knows any plan.
 */

const NUMBER_WORDS: Record<string, string[]> = {
  one: ['1', '一'],
  two: ['2', '两', '二'],
  three: ['3', '三'],
  four: ['4', '四'],
  five: ['5', '五'],
  six: ['6', '六'],
  seven: ['7', '七'],
  eight: ['8', '八'],
  nine: ['9', '九'],
  ten: ['10', '十'],
  twenty: ['20', '二十'],
  first: ['一', '1'],
  second: ['二', '2'],
  third: ['三', '3'],
};
const EN_STOP = new Set(
  (
    'a an the of for to in on at by with and or but is are was were be been being should must will would shall can ' +
    'could may might do does did done have has had having how what which who whom whose when where why many much ' +
    'each every any all this that these those it its their there they them plan plans say says said about according ' +
    'under need needs needed give given get gets such as if than then so also into from more most less least than ' +
    'happen happens happened often exist exists existing kind type sort include includes including there here ' +
    'me my we our you your i tell explain describe let know please number amount count counts large big whole total ' +
    "up out over per via any some other same what's whats is it really actually required require requirement " +
    'requirements specific specify specified state states stated mention mentioned regarding concerning between ' +
    'within by until till before after during time times go goes going make makes made take takes taken way ways ' +
    'making taking given whether should aim aims want wants specifically particularly exactly guideline guidelines ' +
    'document notice far ahead soon'
  )
    .split(/\s+/)
    .map((w) => stem(w)),
);
const WH = new Set(['which', 'what', 'whose']);
/** Everyday short forms, read as the words the dictionary glosses. */
const SHORT_FORMS: Record<string, string> = {
  grad: 'graduate',
  grads: 'graduates',
  govt: 'government',
  gov: 'government',
  dept: 'department',
  depts: 'departments',
  admin: 'administration',
  info: 'information',
  org: 'organization',
  orgs: 'organizations',
  uni: 'university',
  prof: 'professor',
  profs: 'professors',
  hq: 'headquarters',
};
const PROPORTION = new Set(['share', 'proportion', 'percentage', 'percent', 'ratio', 'rate']);

export interface Translation {
  /** Concepts found, each as the Chinese forms that count for it. */
  groups: string[][];
  /** Content words the glossary does not know: the question is about something the vocabulary lacks. */
  unknown: string[];
  /** Unknown words right after `which`/`what` (`which country`): they name the kind of answer, not the topic. */
  answerType: string[];
  /** The question's content words, for saying what the plan does not cover. */
  topic: string;
}

/** At most this many Chinese forms stand for one English phrase: the dictionary's earliest senses first. */
const MAX_FORMS = 6;
const MAX_SPAN = 3;

/** Derived English forms to look up when the word itself is not a sense: inspection → inspect, national → nation. */
const DERIVATIONS: [RegExp, string][] = [
  [/ation$/, 'e'],
  [/ation$/, ''],
  [/ion$/, ''],
  [/al$/, ''],
  [/ly$/, ''],
  [/ity$/, ''],
  [/ment$/, ''],
  [/er$/, ''],
  [/ed$/, ''],
  [/ing$/, ''],
  [/ing$/, 'e'],
];

/** British spellings, read as the dictionary's American ones when the word itself is not a sense. */
const BRITISH: [RegExp, string][] = [
  [/isation$/, 'ization'],
  [/is(e|ed|es|ing|er|ers)$/, 'iz$1'],
  [/ys(e|ed|es|ing)$/, 'yz$1'],
  [/our(s|ed|ing|ite|ites)?$/, 'or$1'],
  [/tre(s)?$/, 'ter$1'],
  [/ence$/, 'ense'],
  [/ogue(s)?$/, 'og$1'],
  [/([aeiou])ll(ed|ing|er|ers)$/, '$1l$2'],
  [/mme(s)?$/, 'm$1'],
];

function american(phrase: string): string {
  return phrase
    .split(' ')
    .map((w) => BRITISH.reduce((word, [re, to]) => (word.length > 5 ? word.replace(re, to) : word), w))
    .join(' ');
}

function keys(phrase: string): string[] {
  const us = american(phrase);
  return us === phrase ? ownKeys(phrase) : [...ownKeys(phrase), ...ownKeys(us)];
}

function ownKeys(phrase: string): string[] {
  const key = senseKey(phrase);
  const words = key.split(' ');
  const last = words[words.length - 1] ?? '';
  const derived = DERIVATIONS.filter(([re]) => re.test(last) && last.length > 5).map(([re, to]) =>
    [...words.slice(0, -1), last.replace(re, to)].join(' '),
  );
  return [key, ...derived];
}

/** The Chinese forms of an English phrase that occur in the plan (`inPlan` counts a form's sentences). */
function formsInPlan(phrase: string, inPlan: (zh: string) => number): string[] {
  for (const key of keys(phrase)) {
    const forms = formsOf(key, inPlan);
    if (forms.length) return forms;
  }
  return [];
}

function formsOf(key: string, inPlan: (zh: string) => number): string[] {
  const all = [...chineseFor(key)].sort((a, b) => a.rank - b.rank);
  const glosses = all.filter((g) => g.zh.length >= 2);
  const inThePlan = glosses.filter((g) => inPlan(g.zh) > 0);
  // Words the phrase is only part of a sense of count only when none of its own senses is in the plan.
  const exact = inThePlan.some((g) => g.rank < WORD_RANK);
  const found = inThePlan.filter((g) => !exact || g.rank < WORD_RANK).map((g) => g.zh);
  // A longer word the plan uses only in part (精品店 → 精品) still names the concept.
  const partial = glosses.filter((g) => g.zh.length >= 3 && inPlan(g.zh.slice(0, 2)) > 0).map((g) => g.zh.slice(0, 2));
  const forms = [...new Set([...found, ...partial])].slice(0, MAX_FORMS);
  if (forms.length) return forms;
  // A one-character word (局, 省) only when it is the word's first sense and nothing longer fits.
  return all.filter((g) => g.zh.length === 1 && g.rank === 0 && inPlan(g.zh) > 0).map((g) => g.zh);
}

/**
 * Whether CC-CEDICT glosses a compound of three or more characters (个人所得税, 差旅费) with exactly this phrase: a
 * set term, not two words a plan may put another way (long term → 长期, 远景).
 */
function isTerm(phrase: string): boolean {
  return chineseFor(senseKey(phrase)).some((g) => g.rank < WORD_RANK && g.zh.length >= 3);
}

const AUXILIARY = new Set([
  'who',
  'be',
  'been',
  'being',
  'must',
  'should',
  'will',
  'shall',
  'can',
  'may',
  'to',
  'do',
  'does',
]);

/** A past participle (-ed) or a word right after an auxiliary or `who` (must finish, be built, who heads). */
function isVerb(words: string[], i: number): boolean {
  const word = words[i] ?? '';
  return /[a-z]{3,}ed$/.test(word) || AUXILIARY.has(words[i - 1] ?? '') || IRREGULAR.has(word);
}
const IRREGULAR = new Set(['built', 'set', 'held', 'paid', 'run', 'made', 'given', 'taken', 'done', 'sent']);

/** Particles that make a phrasal verb of the word before them (take part, bring in, set up, carry out). */
const PARTICLES = new Set(['in', 'up', 'out', 'part', 'over', 'off', 'down', 'on']);

/** The forms of a two-word phrasal verb led by a word that alone says nothing (take part → 参加), when the plan uses them. */
function phrasalVerb(words: string[], i: number, inPlan: (zh: string) => number) {
  const next = words[i + 1] ?? '';
  if (!PARTICLES.has(next) || /^(in|on|up|out|over|off|down)$/.test(words[i] ?? '')) return undefined;
  const forms = formsOf(senseKey(`${words[i]} ${next}`), inPlan);
  return forms.length ? forms : undefined;
}

/** Maps an English question to Chinese concept groups through CC-CEDICT; Chinese inside it is kept as is. */
export function translateQuestion(question: string, inPlan: (zh: string) => number): Translation {
  const groups: string[][] = [];
  const unknown: string[] = [];
  const answerType: string[] = [];
  const topicWords: string[] = [];
  for (const han of question.match(/\p{Script=Han}[\p{Script=Han}\d]*/gu) ?? []) {
    for (const term of chineseTerms(han)) groups.push([term]);
  }
  const lower = question.toLowerCase();
  const words = (
    lower
      // A grade written with a letter (B-level, A-grade) is the plan's B级.
      .replace(/\b([a-d])-(?:level|grade|class)\b/g, (_, letter: string) => {
        groups.push([`${letter.toUpperCase()}级`]);
        return ' ';
      })
      // The current, next or last year frames a question as 今年 does in Chinese; the plan gives years as numbers.
      .replace(/\b(this|next|last|current) year\b/g, ' ')
      .replace(/\p{Script=Han}+/gu, ' ')
      .match(/[a-z0-9&.']+/g) ?? []
  )
    .map((w) => w.replace(/^[.']+|[.']+$/g, ''))
    .filter((w) => w.length > 0)
    .map((w) => SHORT_FORMS[w] ?? w);
  const stems = words.map(stem);
  for (let i = 0; i < stems.length; ) {
    const w = stems[i] ?? '';
    if (/^\d+(\.\d+)?$/.test(w)) {
      groups.push([w]);
      i++;
      continue;
    }
    // `(by) the end of 2017` is written 2017年底 or 2017年末.
    const year = words[i + 2] ?? '';
    if (w === 'end' && words[i + 1] === 'of' && /^(19|20)\d\d$/.test(year)) {
      groups.push([`${year}年底`, `${year}年末`, year]);
      topicWords.push(...words.slice(i, i + 3));
      i += 3;
      continue;
    }
    if (NUMBER_WORDS[w]) {
      groups.push(NUMBER_WORDS[w] ?? []);
      i++;
      continue;
    }
    // `who heads`, `who leads`, `who runs`: the verb after `who` asks for the responsible body, which `who` already
    // asks for; it is not the topic.
    if (stems[i - 1] === 'who' && !EN_STOP.has(w)) {
      i++;
      continue;
    }
    if (EN_STOP.has(w)) {
      const phrasal = phrasalVerb(words, i, inPlan);
      if (phrasal) {
        groups.push(phrasal);
        topicWords.push(...words.slice(i, i + 2));
        i += 2;
      } else i++;
      continue;
    }
    // `<X> rate` is written X率 (utilisation rate → 利用率, contribution rate → 贡献率).
    const last = groups[groups.length - 1];
    if (w === 'rate' && last && i > 0 && !EN_STOP.has(stems[i - 1] ?? '')) {
      const rates = last.map((zh) => `${zh}率`).filter((zh) => inPlan(zh) > 0);
      if (rates.length) groups[groups.length - 1] = rates;
      i++;
      continue;
    }
    // A share, proportion or rate asked for (`what share of`, `the proportion of`) is the kind of answer, not its topic.
    if (PROPORTION.has(w) && (WH.has(stems[i - 1] ?? '') || stems[i + 1] === 'of' || w === 'rate')) {
      i++;
      continue;
    }
    let matched = 0;
    for (let span = Math.min(MAX_SPAN, stems.length - i); span >= 1 && !matched; span--) {
      const run = words.slice(i, i + span);
      if (span > 1 && EN_STOP.has(stems[i + span - 1] ?? '')) continue;
      const forms = formsInPlan(run.join(' '), inPlan);
      // A set phrase the dictionary knows (personal income tax) that the plan never uses: an absent concept, not
      // three words to match one by one. A hyphenated modifier (long-term) is not such a phrase.
      const hyphenated = lower.includes(run.join('-'));
      if (forms.length === 0 && span > 1 && !hyphenated && isTerm(run.join(' '))) {
        unknown.push(...run);
        topicWords.push(...run);
        matched = span;
        break;
      }
      if (forms.length === 0) continue;
      groups.push(forms);
      topicWords.push(...run);
      matched = span;
    }
    if (!matched) {
      // After which/what it names the answer's kind; a verb (be rotated, must finish, trained) says what happens
      // to the topic, not what the topic is: both weigh lightly.
      if (i > 0 && (WH.has(stems[i - 1] ?? '') || isVerb(words, i))) answerType.push(words[i] ?? w);
      unknown.push(words[i] ?? w);
      topicWords.push(words[i] ?? w);
    }
    i += matched || 1;
  }
  return { groups, unknown, answerType, topic: topicWords.join(' ') };
}
