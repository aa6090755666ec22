import type { Plan } from '../plan/parse.js';
import { translateQuestion } from './glossary.js';
import { detectLang } from './lang.js';
import { docTokens, normalise, questionTerms } from './tokenize.js';
import type { Lang, Passage, ScoredPassage } from './types.js';

/**
 * The plan made searchable: BM25 over sentences (each carrying its section heading) and over paragraphs. A
 * sentence's score blends both, so a sentence in a paragraph about the question's subject ranks above a stray one.
 */
export interface PlanIndex {
  plan: Plan;
  /** Sentence-kind passages (clauses of long sentences included), in plan order. */
  sentences: Passage[];
  paragraphs: Passage[];
  /** For each sentence, the index of its paragraph in `paragraphs`. */
  paragraphOf: number[];
  /** Normalised sentence text with its section heading, for checking which question terms a sentence covers. */
  sentenceText: string[];
  paragraphText: string[];
  sentenceBm25: Bm25;
  paragraphBm25: Bm25;
  /** Sentence counts of terms, memoised: how distinctive a question term is in this plan. */
  termDf: Map<string, number>;
}

/** What a question asks for, after removing its question and framing words. */
export interface Query {
  lang: Lang;
  /** Concepts the question names; each is covered when any of its forms appears. */
  groups: string[][];
  /** Per group: next to a question word, so weighed lightly if the plan never uses it (see `Term`). */
  nearQuestion: boolean[];
  /** Per group: a noun naming the kind of answer (数量, 待遇), weighed lightly. */
  answerNoun: boolean[];
  /** English content words outside the glossary: treated as concepts the plan does not mention. */
  unknown: string[];
  /** Those unknown words that only name the kind of answer wanted (`which country`). */
  answerType: string[];
  tokens: string[];
  /** What kind of answer fits: a date, a figure, or anything. */
  expects: 'date' | 'figure' | 'any';
  topic: string;
}

export interface Candidate {
  passage: Passage;
  /** BM25 relevance, sentence plus a share of its paragraph. */
  relevance: number;
  /** Share (0–1) of the question's concepts, weighted by distinctiveness, that the sentence or its paragraph holds. */
  coverage: number;
  score: number;
}

/** Okapi BM25 over pre-tokenised documents, with an inverted index so a query touches only matching documents. */
export class Bm25 {
  private readonly postings = new Map<string, { doc: number[]; tf: number[] }>();
  private readonly lengths: Float64Array;
  private readonly avgLength: number;
  constructor(
    docs: string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.lengths = Float64Array.from(docs, (d) => d.length);
    this.avgLength = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, docs.length);
    docs.forEach((tokens, doc) => {
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, tf] of counts) {
        const list = this.postings.get(t) ?? { doc: [], tf: [] };
        if (list.doc.length === 0) this.postings.set(t, list);
        list.doc.push(doc);
        list.tf.push(tf);
      }
    });
  }

  score(query: string[]): Float64Array {
    const n = this.lengths.length;
    const scores = new Float64Array(n);
    for (const t of new Set(query)) {
      const list = this.postings.get(t);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.doc.length + 0.5) / (list.doc.length + 0.5));
      for (let j = 0; j < list.doc.length; j++) {
        const d = list.doc[j] ?? 0;
        const tf = list.tf[j] ?? 0;
        const norm = this.k1 * (1 - this.b + (this.b * (this.lengths[d] ?? 0)) / this.avgLength);
        scores[d] = (scores[d] ?? 0) + (idf * tf * (this.k1 + 1)) / (tf + norm);
      }
    }
    return scores;
  }
}

const PARAGRAPH_WEIGHT = 0.3;
/** The weight kept by a term that names the kind of answer rather than the topic. */
const LIGHT = 0.3;
const CANDIDATES = 40;

export function buildIndex(plan: Plan): PlanIndex {
  const headings = new Map(plan.sections.map((s) => [s.label, s.heading]));
  const sentences: Passage[] = [];
  const paragraphs: Passage[] = [];
  const paragraphOf: number[] = [];
  for (const p of plan.passages) {
    if (p.kind === 'paragraph') {
      paragraphs.push(p);
    } else {
      sentences.push(p);
      paragraphOf.push(paragraphs.length - 1);
    }
  }
  const withHeading = (p: Passage) => `${p.text}\n${headings.get(p.section) ?? ''}`;
  const sentenceText = sentences.map((p) => normalise(withHeading(p)));
  const paragraphText = paragraphs.map((p) => normalise(withHeading(p)));
  return {
    plan,
    sentences,
    paragraphs,
    paragraphOf,
    sentenceText,
    paragraphText,
    sentenceBm25: new Bm25(sentences.map((p) => docTokens(withHeading(p)))),
    paragraphBm25: new Bm25(paragraphs.map((p) => docTokens(withHeading(p)))),
    termDf: new Map(),
  };
}

const DATE_QUESTION = /哪天|哪一天|何时|什么时候|日期|哪年|哪一年|\bwhen\b|\bdate\b|what year|which year/i;
const FIGURE_QUESTION =
  /多少|几|比例|多长|多久|多大|how (many|much|often|long)|what (share|percentage|proportion|ratio)|\bnumber of\b/i;

export function parseQuery(question: string): Query {
  const lang = detectLang(question);
  const expects = DATE_QUESTION.test(question) ? 'date' : FIGURE_QUESTION.test(question) ? 'figure' : 'any';
  if (lang === 'en') {
    const t = translateQuestion(question);
    const tokens = t.groups.flatMap((g) => g.flatMap(docTokens));
    return {
      lang,
      groups: t.groups,
      nearQuestion: t.groups.map(() => false),
      answerNoun: t.groups.map(() => false),
      unknown: t.unknown,
      answerType: t.answerType,
      tokens,
      expects,
      topic: t.topic,
    };
  }
  const terms = questionTerms(question);
  return {
    lang,
    groups: terms.map((t) => [t.text]),
    nearQuestion: terms.map((t) => t.nearQuestion),
    answerNoun: terms.map((t) => t.answerNoun),
    unknown: [],
    answerType: [],
    tokens: terms.flatMap((t) => docTokens(t.text)),
    expects,
    topic: terms.map((t) => t.text).join(''),
  };
}

function df(index: PlanIndex, term: string): number {
  const known = index.termDf.get(term);
  if (known !== undefined) return known;
  const norm = normalise(term);
  let n = 0;
  for (const text of index.sentenceText) if (text.includes(norm)) n++;
  index.termDf.set(term, n);
  return n;
}

function idf(index: PlanIndex, dfValue: number): number {
  const n = index.sentenceText.length;
  return Math.log(1 + (n - dfValue + 0.5) / (dfValue + 0.5));
}

/**
 * A concept's weight: how rare its commonest form is. A concept the plan never mentions weighs the most, since
 * the question is then likely about something else, unless it sits next to the question word, where an unknown
 * word usually just names the kind of answer wanted (分为几个等级) rather than the topic.
 */
function groupWeight(index: PlanIndex, query: Query, g: number): number {
  const count = Math.max(0, ...(query.groups[g] ?? []).map((t) => df(index, t)));
  const light = query.answerNoun[g] || (count === 0 && query.nearQuestion[g]);
  return idf(index, count) * (light ? LIGHT : 1);
}

function coverage(index: PlanIndex, query: Query, sentence: number, weights: number[], total: number): number {
  if (total <= 0) return 0;
  const own = index.sentenceText[sentence] ?? '';
  const para = index.paragraphText[index.paragraphOf[sentence] ?? -1] ?? '';
  let covered = 0;
  query.groups.forEach((group, g) => {
    const forms = group.map(normalise);
    if (forms.some((f) => own.includes(f))) covered += weights[g] ?? 0;
    else if (forms.some((f) => para.includes(f))) covered += 0.5 * (weights[g] ?? 0);
  });
  return covered / total;
}

const CHINESE_DATE = /\d{4}年\d{1,2}月\d{1,2}日/;
/** A figure an answer to `多少/几/how many` must hold: digits, or a Chinese numeral with its measure word. */
export const FIGURE = /\d|[一二两三四五六七八九十百千万半][项次级家人名个年月分倍]|[A-Z]级/;

function fits(expects: Query['expects'], text: string): number {
  if (expects === 'date') return CHINESE_DATE.test(text) ? 1 : 0.5;
  if (expects === 'figure') return FIGURE.test(text) ? 1 : 0.6;
  return 1;
}

/**
 * Ranks the plan's sentences for a parsed query: BM25 finds candidates, then each is re-weighted by how much of
 * the question's distinctive vocabulary it covers and by whether it holds the kind of answer asked for.
 */
export function rank(index: PlanIndex, query: Query, limit = CANDIDATES): Candidate[] {
  if (query.tokens.length === 0 && query.groups.length === 0) return [];
  const sentenceScores = index.sentenceBm25.score(query.tokens);
  const paragraphScores = index.paragraphBm25.score(query.tokens);
  const relevance = sentenceScores.map(
    (s, i) => s + PARAGRAPH_WEIGHT * (paragraphScores[index.paragraphOf[i] ?? 0] ?? 0),
  );
  const order = topIndices(relevance, limit);
  const weights = query.groups.map((_, g) => groupWeight(index, query, g));
  const unknownWeight = (query.unknown.length - query.answerType.length * (1 - LIGHT)) * idf(index, 0);
  const total = weights.reduce((a, b) => a + b, 0) + unknownWeight;
  return order
    .map((i) => {
      const passage = index.sentences[i] as Passage;
      const cover = coverage(index, query, i, weights, total);
      const rel = relevance[i] ?? 0;
      return {
        passage,
        relevance: rel,
        coverage: cover,
        score: rel * (0.2 + cover) ** 2 * fits(query.expects, passage.text),
      };
    })
    .sort((a, b) => b.score - a.score);
}

/** Indices of the `k` highest positive scores, best first, without sorting the whole array. */
function topIndices(scores: ArrayLike<number>, k: number): number[] {
  const picked: number[] = [];
  const at = (j: number) => scores[picked[j] ?? 0] ?? 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] ?? 0;
    if (s <= 0 || (picked.length === k && s <= at(k - 1))) continue;
    let j = picked.length;
    while (j > 0 && at(j - 1) < s) j--;
    picked.splice(j, 0, i);
    if (picked.length > k) picked.pop();
  }
  return picked;
}

export interface RetrieveOptions {
  /** `sentence` (default): precise spans; `paragraph`: each paragraph scored by its best sentence, for context. */
  kind?: 'sentence' | 'paragraph';
}

/** The plan's passages most relevant to `query` (Chinese or English), best first. */
export function retrieve(index: PlanIndex, query: string, k = 5, options: RetrieveOptions = {}): ScoredPassage[] {
  const ranked = rank(index, parseQuery(query), Math.max(CANDIDATES, k * 4));
  if (options.kind !== 'paragraph') return ranked.slice(0, k).map((c) => ({ ...c.passage, score: c.score }));
  const seen = new Set<number>();
  const out: ScoredPassage[] = [];
  for (const c of ranked) {
    const p = index.paragraphOf[index.sentences.indexOf(c.passage)] ?? -1;
    const paragraph = index.paragraphs[p];
    if (!paragraph || seen.has(p)) continue;
    seen.add(p);
    out.push({ ...paragraph, score: c.score });
    if (out.length === k) break;
  }
  return out;
}
