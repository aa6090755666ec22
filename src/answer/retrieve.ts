import { type Plan, SIGNATURE_LABEL } from '../plan/parse.js';
import { fits, type Place, placeLevel, RESPONSIBLE } from './answer-kind.js';
import { Bm25 } from './bm25.js';
import { translateQuestion } from './english.js';
import { detectLang } from './lang.js';
import { synonyms } from './lexicon.js';
import { classify, type Want } from './question.js';
import { docTokens, normalise, onlyGrammar, questionTerms, type Term } from './tokenize.js';
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
  /** Each sentence's normalised text with its responsibility note: what a question's terms are looked for in. */
  ownText: string[];
  paragraphText: string[];
  sentenceBm25: Bm25;
  paragraphBm25: Bm25;
  /** Sentence counts of terms, memoised: how distinctive a question term is in this plan. */
  termDf: Map<string, number>;
  /**
   * For each sentence, the note naming who is responsible for it (`（体育总局、民政部负责）`, `（牵头单位：…）`):
   * the first such note after it in its paragraph, else one in its section's first paragraph.
   */
  noteOf: (string | undefined)[];
  /** For each sentence, whether it is the document's addressee line (see `addressee`): never an answer. */
  isAddressee: boolean[];
  /** For each sentence, whether it sits in a signature block (`落款`): an answer only when attachments are asked. */
  inSignature: boolean[];
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
  /** English content words with no Chinese form in the plan: treated as concepts the plan does not mention. */
  unknown: string[];
  /** Those unknown words that only name the kind of answer wanted (`which country`). */
  answerType: string[];
  /** Each concept's forms (its word, synonyms, Chinese renderings), each form's tokens: BM25 counts its best form. */
  alternatives: string[][][];
  /** What kind of answer fits (see `question.ts`), and the measure word a count asks in (几套 → 套). */
  want: Want;
  unit?: string;
  /** The level of place a `where` question asks for (哪个市, 哪个县, 哪个乡镇). */
  place?: Place;
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
  const noteOf = responsibilityNotes(sentences, paragraphs, paragraphOf);
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
    noteOf,
    ownText: sentenceText.map((t, i) => `${t}${normalise(noteOf[i] ?? '')}`),
    isAddressee: sentences.map((p) => addressee(p.text)),
    inSignature: sentences.map((p) => p.section === SIGNATURE_LABEL || p.section.endsWith(` ${SIGNATURE_LABEL}`)),
  };
}

/** A parenthesised note that names who is responsible: `（市场监管总局负责）`, `（牵头单位：市科技局）`. */
const NOTE = /[（(]([^（）()]{2,120}?)[)）]/g;

function responsibilityNotes(sentences: Passage[], paragraphs: Passage[], paragraphOf: number[]) {
  const notesIn = paragraphs.map((p) =>
    [...p.text.matchAll(NOTE)].filter((m) => RESPONSIBLE.test(m[1] ?? '')).map((m) => ({ at: m.index, text: m[0] })),
  );
  const firstOfSection = new Map<string, number>();
  paragraphs.forEach((p, i) => {
    if (!firstOfSection.has(p.section)) firstOfSection.set(p.section, i);
  });
  const cursor = new Map<number, number>();
  return sentences.map((s, i) => {
    const p = paragraphOf[i] ?? -1;
    const text = paragraphs[p]?.text ?? '';
    const start = Math.max(0, text.indexOf(s.text, cursor.get(p) ?? 0));
    cursor.set(p, start);
    // A note that opens the sentence belongs to the sentences before it.
    const opening = s.text.match(/^[（(][^（）()]*[)）]/)?.[0].length ?? 0;
    const after = notesIn[p]?.find((n) => n.at >= start + opening);
    if (after) return after.text;
    const lead = firstOfSection.get(s.section);
    return lead === undefined || lead === p ? undefined : notesIn[lead]?.[0]?.text;
  });
}

/** A question reduced to what it asks about; English is mapped onto the words `index`'s plan uses. */
export function parseQuery(question: string, index?: PlanIndex): Query {
  const lang = detectLang(question);
  const intent = classify(question);
  const want = intent.kind === 'content' ? intent.want : 'any';
  const unit = intent.kind === 'content' ? intent.unit : undefined;
  const place = want === 'where' ? placeLevel(question) : undefined;
  if (lang === 'en') {
    const inPlan = (zh: string) => (index ? df(index, zh) : 1);
    const t = translateQuestion(question, inPlan);
    // The dictionary's word for a concept and the plan's may differ (recruit → 招聘, the plan writes 引进): the
    // administrative lexicon widens each group with its synonyms that the plan uses.
    const groups = t.groups.map((g) => [...new Set([...g, ...g.flatMap(synonyms).filter((zh) => inPlan(zh) > 0)])]);
    return {
      lang,
      groups,
      alternatives: groups.map((g) => g.map(docTokens)),
      nearQuestion: groups.map(() => false),
      answerNoun: groups.map(() => false),
      unknown: t.unknown,
      answerType: t.answerType,
      want,
      unit,
      place,
      topic: t.topic,
    };
  }
  const terms = index ? withNeighbours(questionTerms(question), question, index) : questionTerms(question);
  const groups = terms.map((t) => [t.text, ...(t.forms ?? []), ...synonyms(t.text)]);
  return {
    lang,
    groups,
    alternatives: groups.map((g) => g.map(docTokens)),
    nearQuestion: terms.map((t) => t.nearQuestion),
    answerNoun: terms.map((t) => t.answerNoun),
    unknown: [],
    answerType: [],
    want,
    unit,
    place,
    topic: terms.map((t) => t.text).join(''),
  };
}

/**
 * A lone character and the word right after it in the question (预|付款), when the plan never writes that word but
 * writes the character with the word's first (预付): one word (预付款), which the plan writes as 预付.
 */
function joinCut(terms: Term[], text: string, index: PlanIndex): Term[] {
  const out: Term[] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as Term;
    const next = terms[i + 1];
    const lone = t.text.length === 1 && /\p{Script=Han}/u.test(t.text);
    if (lone && next && /^\p{Script=Han}{2}/u.test(next.text) && text.includes(t.text + next.text)) {
      const short = t.text + next.text.slice(0, 1);
      if (df(index, next.text) === 0 && df(index, short) > 0) {
        out.push({ ...next, text: t.text + next.text, forms: [short] });
        i++;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** A negation right before a verb: `不交`, `不用交`, `无需交`. */
const NEGATED = /(?:不用|不需要?|无需|无须|不必|不)$/;

/** Characters that are particles (走得快, 慢慢地) and also begin words (地膜, 地方, 得分, 过程): dropped as particles. */
const PARTICLE_OR_WORD = /[地得着过]/;

/**
 * A lone character the segmenter cut from its word (地|膜 when 地 reads as a particle) is read with the particle
 * before it when the two spell a word the plan uses (地膜); a word of grammar characters alone that the plan never
 * writes is dropped; a word cut in two (预|付款) that the plan writes shorter (预付) is read whole, in both forms; an
 * abbreviation the plan never writes (公租房) is also read as the phrase it abbreviates there (公共租赁住房).
 */
function withNeighbours(terms: Term[], question: string, index: PlanIndex): Term[] {
  const text = normalise(question);
  const used = new Set([...terms.map((t) => t.text).join('')]);
  // Grammar characters the segmenter joined into a word the plan never writes (在生活上有 → 上有) say nothing.
  const words = joinCut(
    terms.filter((t) => !onlyGrammar(t.text) || df(index, t.text) > 0),
    text,
    index,
  );
  return spellOut(words, text, index).map((t) => {
    if (t.text.length !== 1 || !/\p{Script=Han}/u.test(t.text) || df(index, t.text) === 0) return t;
    const at = text.indexOf(t.text);
    const before = text[at - 1] ?? '';
    // `不交`, `不用交` (the negation dropped as grammar) is what the plan writes `免交`: exempt from it.
    const exempt = `免${t.text}`;
    if (NEGATED.test(text.slice(0, at)) && df(index, exempt) > 0) return { ...t, text: exempt };
    const word = `${before}${t.text}`;
    if (!PARTICLE_OR_WORD.test(before) || used.has(before) || df(index, word) === 0) return t;
    return { ...t, text: word };
  });
}

/** Each word the plan never writes that abbreviates a phrase it does write gets that phrase as a form. */
function spellOut(terms: Term[], text: string, index: PlanIndex): Term[] {
  const out: Term[] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as Term;
    const next = terms[i + 1];
    if (t.forms) {
      out.push(t);
      continue;
    }
    // The segmenter may have cut the abbreviation's last character off (公租|房) or glued it to the next word
    // (公租|房续租): it is read with the abbreviation when the rest is a word the plan writes.
    const first = next?.text.slice(0, 1) ?? '';
    const rest = next?.text.slice(1) ?? '';
    const joined = next && text.includes(t.text + first) && (!rest || df(index, rest) > 0) ? t.text + first : '';
    const whole = joined && /^\p{Script=Han}+$/u.test(joined) ? spelledOut(index, joined) : undefined;
    if (next && whole) {
      out.push({ ...t, text: joined, forms: [whole] });
      if (rest) out.push({ ...next, text: rest });
      i++;
      continue;
    }
    const spelled = spelledOut(index, t.text);
    out.push(spelled ? { ...t, forms: [spelled] } : t);
  }
  return out;
}

/**
 * An abbreviation the plan never writes, spelled out as the plan writes it: its characters in order, at most two
 * characters apart, from its first to its last (公租房 → 公共租赁住房, 平米 → 平方米, 医保 → 医疗保障). Chinese abbreviates
 * a phrase by a character of each word. The plan's commonest such span, if any.
 */
function spelledOut(index: PlanIndex, term: string): string | undefined {
  const chars = [...term];
  if (chars.length < 2 || chars.length > 4 || !/^\p{Script=Han}+$/u.test(term) || df(index, term) > 0) return;
  const counts = new Map<string, number>();
  for (const text of index.sentenceText) {
    for (let at = text.indexOf(chars[0] as string); at >= 0; at = text.indexOf(chars[0] as string, at + 1)) {
      let end = at;
      for (const c of chars.slice(1)) {
        const next = text.slice(end + 1, end + 4).indexOf(c);
        if (next < 0) {
          end = -1;
          break;
        }
        end += next + 1;
      }
      if (end < 0) continue;
      const span = text.slice(at, end + 1);
      if (span.length > chars.length && /^\p{Script=Han}+$/u.test(span)) counts.set(span, (counts.get(span) ?? 0) + 1);
    }
  }
  let best: [string, number] | undefined;
  for (const [span, n] of counts)
    if (!best || n > best[1] || (n === best[1] && span.length < best[0].length)) best = [span, n];
  return best?.[0];
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
  const light =
    query.answerNoun[g] || (count === 0 && (query.nearQuestion[g] || grammatical(query, g))) || single(query, g);
  return idf(index, count) * (light ? LIGHT : 1);
}

/** `一年`, `每吨`, `两次`: a rate or a count's unit (保管费一吨一年), not a topic. */
const PER_UNIT = /^[一二两三四五六七八九十每]+[个年月日天周吨亩次人名位家项件台套元]$/;

/**
 * A lone Chinese character left after segmenting is a spoken verb or a fragment (招, 拿, 管), rarely the topic: it
 * weighs lightly.
 */
function single(query: Query, g: number): boolean {
  const group = query.groups[g] ?? [];
  const term = group[0] ?? '';
  return query.lang === 'zh' && ((term.length === 1 && /\p{Script=Han}/u.test(term)) || PER_UNIT.test(term));
}

/**
 * Characters of direction, order, self and company (来, 起, 第, 自, 跟): a two-character word built on one
 * (招来, 一起, 第一, 自己) is spoken framing, not a topic, when the plan never writes it.
 */
const FUNCTION_CHARS = /[来去起到回出进一第自己了过着得把被给跟和同让叫些么样怎咋啥]/;

function grammatical(query: Query, g: number): boolean {
  const term = query.groups[g]?.[0] ?? '';
  return query.lang === 'zh' && term.length === 2 && FUNCTION_CHARS.test(term);
}

/**
 * An official document's addressee line (主送机关: 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：): one
 * paragraph-long line naming bodies, ending in a colon. It names places and bodies but states nothing, so it never
 * answers a question, however many of the question's words it holds.
 */
export function addressee(text: string): boolean {
  return (
    /[：:]\s*$/.test(text) &&
    /^[^。；;！？]{2,120}$/.test(text) &&
    /(?:政府|委员会|委|局|厅|部门|部|单位|机构|企业|处室|办)[）)]?[：:]\s*$/.test(text)
  );
}

/** Credit for a match that is only partial (some of a colloquial term's characters). */
const PARTIAL = 0.7;

/**
 * How much of one form a text holds: all of it, or, for a colloquial form the plan words differently
 * (办赛 ↔ 举办赛事, 交材料 ↔ 提交材料), a share of its characters' bigrams, worth less.
 */
function held(form: string, text: string): number {
  if (text.includes(form)) return 1;
  if (form.length < 2) return 0;
  if (form.length === 2) return text.includes(form[0] ?? '') && text.includes(form[1] ?? '') ? PARTIAL * 0.5 : 0;
  let hits = 0;
  for (let i = 0; i + 1 < form.length; i++) hits += bigramIn(form[i] ?? '', form[i + 1] ?? '', text);
  const share = hits / (form.length - 1);
  return share >= 0.5 ? PARTIAL * share : 0;
}

/**
 * A bigram of a colloquial form found in the text (1), or found with a character between (0.5): a Chinese
 * abbreviation keeps the first character of each word (高职 ← 高等职业, 科研 ← 科学研究).
 */
function bigramIn(a: string, b: string, text: string): number {
  if (text.includes(a + b)) return 1;
  for (let at = text.indexOf(a); at >= 0; at = text.indexOf(a, at + 1)) if (text[at + 2] === b) return 0.5;
  return 0;
}

/** How much of each group of forms a text holds (the best of its forms). */
function heldGroups(groups: string[][], text: string): number[] {
  return groups.map((forms) => {
    let best = 0;
    for (const f of forms) best = Math.max(best, held(f, text));
    return best;
  });
}

/**
 * How much of the question's weighted vocabulary a sentence covers: its own words, or at half weight its paragraph's.
 * `paragraphs` keeps each paragraph's share for the call, as several candidate sentences share a paragraph.
 */
function coverage(
  index: PlanIndex,
  groups: string[][],
  sentence: number,
  weights: number[],
  total: number,
  paragraphs: Map<number, number[]>,
): number {
  if (total <= 0) return 0;
  const inOwn = heldGroups(groups, index.ownText[sentence] ?? '');
  const p = index.paragraphOf[sentence] ?? -1;
  let inPara = paragraphs.get(p);
  if (!inPara) {
    inPara = heldGroups(groups, index.paragraphText[p] ?? '');
    paragraphs.set(p, inPara);
  }
  let covered = 0;
  for (let g = 0; g < groups.length; g++) {
    covered += Math.max(inOwn[g] ?? 0, 0.5 * (inPara[g] ?? 0)) * (weights[g] ?? 0);
  }
  return covered / total;
}

/**
 * A concept the question names that the plan never mentions in any form, not even in part (安家费 when the plan
 * has none): asked for its figure, the plan cannot be giving it.
 */
export function absentConcept(index: PlanIndex, query: Query, text: string): string | undefined {
  const specific = query.want !== 'any' && query.want !== 'list';
  return query.groups.find(
    (group, g) =>
      // A year or figure the plan never writes (2018年 in a plan that ends in 2017) is not stated either.
      (/^\d/.test(group[0] ?? '') && group.every((f) => df(index, f) === 0)) ||
      (specific &&
        !query.nearQuestion[g] &&
        !query.answerNoun[g] &&
        (group[0]?.length ?? 0) >= 3 &&
        group.every((f) => df(index, f) === 0 && held(normalise(f), normalise(text)) === 0)),
  )?.[0];
}

/**
 * Ranks the plan's sentences for a parsed query: BM25 finds candidates, then each is re-weighted by how much of
 * the question's distinctive vocabulary it covers and by whether it holds the kind of answer asked for.
 */
export function rank(index: PlanIndex, query: Query, limit = CANDIDATES): Candidate[] {
  if (query.groups.length === 0) return [];
  const bm25 = (b: Bm25) => b.scoreAlternatives(query.alternatives);
  const sentenceScores = bm25(index.sentenceBm25);
  const paragraphScores = bm25(index.paragraphBm25);
  const relevance = sentenceScores.map(
    (s, i) => s + PARAGRAPH_WEIGHT * (paragraphScores[index.paragraphOf[i] ?? 0] ?? 0),
  );
  const order = topIndices(relevance, limit);
  const weights = query.groups.map((_, g) => groupWeight(index, query, g));
  const normalGroups = query.groups.map((group) => group.map(normalise));
  const unknownWeight = (query.unknown.length - query.answerType.length * (1 - LIGHT)) * idf(index, 0);
  const total = weights.reduce((a, b) => a + b, 0) + unknownWeight;
  const paragraphs = new Map<number, number[]>();
  return order
    .map((i) => {
      const passage = index.sentences[i] as Passage;
      const cover = coverage(index, normalGroups, i, weights, total, paragraphs);
      const rel = relevance[i] ?? 0;
      return {
        passage,
        relevance: rel,
        coverage: cover,
        score: formality(index, i, query) ? 0 : rel * (0.2 + cover) ** 2 * fits(query, passage.text, index.noteOf[i]),
      };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * Lines of a document's form, not its content, which never answer a question about the content: the addressee line,
 * and the signature block (issuer, date, `（此件公开发布）`, the attachment listing) unless attachments are asked
 * about. Questions about the document itself (文号, 哪天印发) are answered from its head and signature apart.
 */
function formality(index: PlanIndex, i: number, query: Query): boolean {
  return Boolean(index.isAddressee[i] || (index.inSignature[i] && !query.topic.includes('附件')));
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
  const ranked = rank(index, parseQuery(query, index), Math.max(CANDIDATES, k * 4));
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
