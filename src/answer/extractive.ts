import { type Candidate, FIGURE, type PlanIndex, parseQuery, type Query, rank } from './retrieve.js';
import type { Answer, Citation, Lang } from './types.js';

/**
 * Below this share of the question's distinctive vocabulary, the best sentence is about something else: the
 * question shares only generic words (计划, 检测, 工作…) with the plan, so the plan does not answer it.
 */
export const MIN_COVERAGE = 0.5;
/** A second sentence is cited only when it scores nearly as well as the first. */
const SECOND_SHARE = 0.6;
const MAX_ANSWER = 400;

/** Answers from the plan's own sentences: the one or two that answer best, quoted and cited, or a refusal. */
export function answerExtractive(index: PlanIndex, question: string): Answer {
  const query = parseQuery(question);
  const ranked = rank(index, query);
  // Asked for a figure or a date, a sentence without one may be on the subject but does not answer.
  const answering = query.expects === 'any' ? ranked : ranked.filter((c) => FIGURE.test(c.passage.text));
  const best = answering[0];
  if (!best || best.coverage < MIN_COVERAGE) return refuse(query, ranked);
  const picks = [best];
  const second = answering.slice(1).find((c) => c.score >= SECOND_SHARE * best.score && !overlaps(c, best));
  if (second) picks.push(second);
  let citations = picks.map((c) => ({ section: c.passage.section, quote: c.passage.text }));
  let answer = render(query.lang, citations);
  if (answer.length > MAX_ANSWER) {
    citations = citations.slice(0, 1);
    answer = render(query.lang, citations);
  }
  if (answer.length > MAX_ANSWER) {
    const first = citations[0] as Citation;
    const room = first.quote.length - (answer.length - MAX_ANSWER);
    citations = [{ section: first.section, quote: cutAtClause(first.quote, room) }];
    answer = render(query.lang, citations);
  }
  return { answer, grounded: true, mode: 'extractive', citations, lang: query.lang };
}

/** Passage ids nest (`p3`, `p3.s1`, `p3.s1.c0`): one citing a span that contains the other adds nothing. */
function overlaps(a: Candidate, b: Candidate): boolean {
  const x = a.passage.id;
  const y = b.passage.id;
  return x === y || x.startsWith(`${y}.`) || y.startsWith(`${x}.`);
}

/** The longest prefix of `quote` within `room` characters that ends at a clause break, so it stays verbatim. */
function cutAtClause(quote: string, room: number): string {
  const head = quote.slice(0, Math.max(1, room));
  const cut = Math.max(...[...'，,；;、。'].map((p) => head.lastIndexOf(p)));
  return cut > 0 ? head.slice(0, cut) : head;
}

/** A clause quoted from a `;` list reads as a sentence once its `;` becomes `。`. */
const asSentence = (quote: string) => quote.replace(/[;；,，、:：]$/, '').replace(/[^。！？!?]$/, '$&。');

function render(lang: Lang, citations: Citation[]): string {
  if (lang === 'en') {
    const parts = citations.map((c) => `${c.quote.replace(/[。;；,，！？!?]$/, '')} (${c.section})`);
    return `The plan says: ${parts.join('; ')}.`;
  }
  const sameSection = citations.every((c) => c.section === citations[0]?.section);
  if (sameSection) return `${citations.map((c) => asSentence(c.quote)).join('')}(${citations[0]?.section})`;
  return citations.map((c) => `${asSentence(c.quote)}(${c.section})`).join('');
}

const NEAREST = 3;

function refuse(query: Query, ranked: Candidate[]): Answer {
  const nearest = [
    ...new Set([...ranked].sort((a, b) => b.relevance - a.relevance).map((c) => c.passage.section)),
  ].slice(0, NEAREST);
  const answer =
    query.lang === 'en'
      ? `The plan does not cover ${query.topic || 'this question'}.${nearest.length ? ` The nearest sections are: ${nearest.join('; ')}.` : ''}`
      : `计划中没有关于${query.topic || '这个问题'}的规定。${nearest.length ? `最接近的内容见:${nearest.join(';')}。` : ''}`;
  return { answer, grounded: false, mode: 'extractive', citations: [], lang: query.lang, nearest };
}
