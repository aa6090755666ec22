/**
 * Chinese-aware tokens for retrieval. Documents are indexed by character bigrams (so 质检 finds 质检中心 whatever
 * the segmenter does with it), longer dictionary words, numbers and Latin words. Questions are first reduced to
 * their content terms: question words (多少, 哪些…) and framing words (计划, 规定, 要求…) say nothing about
 * where the answer is, so they are dropped before matching and before judging whether the plan covers a question.
 */

import { FILLERS, isLexiconWord } from './lexicon.js';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * Full-width forms to half-width, lower case: `（一）２０１７ＡＢ` → `(一)2017ab`. A short alternate in brackets inside
 * a word (`县（区）`, `省（区、市）`) is read as part of it (`县区`), the way staff type it.
 */
export function normalise(text: string): string {
  const plain = text.normalize('NFKC').toLowerCase();
  return plain.includes('(') ? plain.replace(/(?<=\p{Script=Han})\(([\p{Script=Han}、]{1,4})\)/gu, '$1') : plain;
}

/** Question words, removed as strings before segmenting since the segmenter splits some of them oddly. */
const QUESTION_PHRASES = (
  '多长时间 什么时候 什么样的 什么样 为什么 怎么样 有没有 哪一年 哪一天 多少 哪些 哪个 哪家 ' +
  '哪天 哪年 哪里 何时 什么 怎样 怎么 如何 是否 多久 多大 多长 几次 几个 几项 几名 几家 ' +
  '几人 几年 请问 行动计划 哪几 几条 几种 几套 几所 多少钱 有没有 能不能 是不是 要不要 想知道 这件事 这块 ' +
  '哪几条 哪几个 哪几项 哪几种 哪几类 几级 几类 几档 几批 几大块 几大类 几方面 几个方面 麻烦问下 问一下 什么部门 什么单位 哪个部门 哪些部门 哪个单位 哪些单位 哪儿 在哪 ' +
  // Everyday spoken forms of the same question words.
  '啥时候 啥样 啥子 咋样 咋办 咋整 咋弄 多会儿 几时 为啥 干啥 干嘛 叫啥 有啥 是啥 啥 咋 谁'
)
  .split(' ')
  .sort((a, b) => b.length - a.length);
/** 几 with the measure word it counts in (几天, 几周, 几岁) asks for a count whatever the measure. */
const HOW_MANY = '几[天周月年岁次项名人家条种套所级类档批位个户座台倍]';
const QUESTION_RE = new RegExp([...QUESTION_PHRASES, HOW_MANY].join('|'), 'g');

/** Words that frame a question about any plan, or carry grammar only. */
const STOP_WORDS = new Set(
  (
    '的 了 对 有 是 在 和 与 及 或 会 要 把 被 将 为 向 从 由 按 于 等 里 中 上 下 ' +
    '吗 呢 啊 吧 这 那 哪 几 个 份 该 其 之 也 都 就 还 并 又 所 能 可 应 得 地 着 ' +
    '过 给 让 请 谁 何 啥 呀 么 样 以 来 去 说 讲 到 给予 可以 需要 应该 必须 能够 我们 ' +
    '你们 他们 这个 那个 这些 那些 这份 这项 此 本 为了 通过 进行 计划 规划 方案 文件 规定 ' +
    '要求 提出 内容 方面 有关 关于 相关 具体 一下 介绍 说明 下面 上面 里面 之下 主要是 一共 ' +
    '总共 分别 目前 现在 大概 能否 哪 多 少'
  ).split(' '),
);

/**
 * Bound suffixes that make a noun of the word before them (安家 + 费, 贡献 + 率, 担保 + 额): the segmenter often
 * splits them off, and alone they would match everywhere.
 */
const SUFFIXES = new Set([...'费率额量者性金款价期权证书']);

/** Measure words that belong to the number before them (`2017年`, `10家`). */
const UNITS = new Set([...'年月日家项人名分个次元万级台倍%', '亿元', '万元', '万人', '公里', '平方米']);

/** Crude English stemming, the same on dictionary senses and questions: `centers` → `center`, `funding` → `fund`. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ches|shes|sses|xes)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  return w;
}

/** Tokens of a document span: Han bigrams, Han words of three or more characters, numbers, stemmed Latin words. */
export function docTokens(text: string): string[] {
  const norm = normalise(text);
  const tokens: string[] = [];
  for (const run of norm.match(HAN_RUN) ?? []) {
    if (run.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < run.length; i++) tokens.push(run.slice(i, i + 2));
    if (run.length >= 3) {
      for (const s of segmenter.segment(run)) if (s.isWordLike && s.segment.length >= 3) tokens.push(`w:${s.segment}`);
    }
  }
  for (const n of norm.match(/\d+(?:\.\d+)?/g) ?? []) tokens.push(n);
  for (const w of norm.match(/[a-z]+/g) ?? []) tokens.push(stem(w));
  return tokens;
}

/** A word the segmenter made of grammar characters alone (在|上有|哪些 → 上有, 以上, 所有). */
export const onlyGrammar = (word: string) =>
  word.length > 1 && [...word].every((c) => STOP_WORDS.has(c) || FILLERS.has(c));

/** Nouns that name the kind of answer wanted (目标数量, 什么待遇, 级别), whatever the topic. */
const ANSWER_NOUNS = new Set(
  (
    '数量 数目 总数 人数 个数 金额 目标 时间 日期 年份 期限 级别 等级 待遇 规模 水平 程度 ' +
    '方式 方法 情况 结果 处理 名称 内容 办法'
  ).split(' '),
);

export interface Term {
  text: string;
  /** Names the kind of answer wanted rather than the topic (see ANSWER_NOUNS). */
  answerNoun: boolean;
  /** Next to a question word (分为几个等级, 什么待遇): it names the kind of answer wanted more than the topic. */
  nearQuestion: boolean;
  /** Other ways the plan writes it (预付款 → 预付), found against the plan's text. */
  forms?: string[];
}

const QUESTION_MARK = '\uE000';

/**
 * The content terms of a Chinese question, in order: dictionary words, runs of single characters the segmenter
 * could not join (抽|检 → 抽检), numbers with their unit (2017年). Question and framing words are dropped.
 */
export function questionTerms(question: string): Term[] {
  const text = normalise(question).replace(QUESTION_RE, ` ${QUESTION_MARK} `);
  const terms: Term[] = [];
  let singles = '';
  let afterQuestion = false;
  // Only a word right against the question word (分为几个) describes the answer; in `X是多少`, `X有什么规定`, X is
  // the subject asked about.
  let gap = false;
  const push = (t: string) => {
    terms.push({ text: t, nearQuestion: afterQuestion, answerNoun: ANSWER_NOUNS.has(t) });
    afterQuestion = false;
    gap = false;
  };
  const flush = () => {
    if (singles) push(singles);
    singles = '';
  };
  let lastNumber = false;
  let lastWord = false;
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    const afterWord = lastWord;
    lastWord = false;
    if (segment === QUESTION_MARK) {
      flush();
      const before = terms[terms.length - 1];
      if (before && !gap) before.nearQuestion = true;
      afterQuestion = true;
      continue;
    }
    // The measure word of a question word (多少名, 几家) is part of the question, not the topic.
    if (afterQuestion && singles === '' && UNITS.has(segment)) continue;
    if (lastNumber && UNITS.has(segment)) {
      const last = terms[terms.length - 1];
      if (last) last.text += segment;
      lastNumber = false;
      continue;
    }
    lastNumber = false;
    if (!isWordLike || STOP_WORDS.has(segment) || FILLERS.has(segment)) {
      flush();
      if (segment.trim()) gap = true;
      if (!isWordLike && segment.trim()) afterQuestion = false;
      continue;
    }
    if (/^\d/.test(segment)) {
      flush();
      push(segment);
      lastNumber = true;
    } else if (HAN.test(segment) && segment.length === 1) {
      const last = terms[terms.length - 1];
      if (afterWord && singles === '' && last && SUFFIXES.has(segment)) last.text += segment;
      else singles += segment;
    } else {
      flush();
      push(segment);
      lastWord = HAN.test(segment);
    }
  }
  flush();
  const seen = new Set<string>();
  return joinLexiconWords(terms).filter((t) => !seen.has(t.text) && seen.add(t.text));
}

/** Neighbouring terms that together spell a lexicon word (第一|责任|人 → 第一责任人) are that word. */
function joinLexiconWords(terms: Term[]): Term[] {
  const out: Term[] = [];
  for (let i = 0; i < terms.length; i++) {
    const span = [3, 2].find((n) => i + n <= terms.length && isLexiconWord(spell(terms.slice(i, i + n))));
    if (!span) {
      out.push(terms[i] as Term);
      continue;
    }
    const parts = terms.slice(i, i + span);
    out.push({
      text: spell(parts),
      nearQuestion: parts.some((t) => t.nearQuestion),
      answerNoun: parts.every((t) => t.answerNoun),
    });
    i += span - 1;
  }
  return out;
}

const spell = (terms: Term[]) => terms.map((t) => t.text).join('');

/** The content terms' texts, see `questionTerms`. */
export function chineseTerms(question: string): string[] {
  return questionTerms(question).map((t) => t.text);
}
