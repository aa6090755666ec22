import {
  appliesTo,
  type Catalogue,
  type Indicator,
  indicatorTerms,
  normalizeTerm,
  type UnitKind,
} from '../plan/catalogue.js';

/**
 * Finds the indicator a person means by what they typed (`国家质检中心`, `national centres`, `doctorates`):
 * an exact key, name or alias first, then a unique prefix or part of one, else "did you mean" suggestions.
 */
export type IndicatorMatch =
  | { kind: 'match'; indicator: Indicator }
  | { kind: 'ambiguous'; candidates: Indicator[] }
  /** `notApplicable`: the text names an indicator exactly, but not one units of the given kind report. */
  | { kind: 'unknown'; suggestions: Indicator[]; notApplicable?: Indicator };

const MAX_SUGGESTIONS = 5;
const MIN_SIMILARITY = 0.5;

/**
 * With `kind`, only indicators units of that kind report on are matched (region totals and their own duties).
 * `suggest: false` skips the "did you mean" scoring (an edit distance against every term) for callers that use
 * only a match: a question about standing, where the text is a whole sentence and the scoring its main cost.
 */
export function matchIndicator(
  catalogue: Catalogue,
  text: string,
  kind?: UnitKind,
  options: { suggest?: boolean } = {},
): IndicatorMatch {
  const query = normalizeTerm(text);
  const pool = kind ? catalogue.indicators.filter((i) => appliesTo(i, kind)) : catalogue.indicators;
  if (!query) return { kind: 'unknown', suggestions: [] };
  const entries = pool.map((indicator) => ({ indicator, terms: normalizedTerms(indicator) }));

  const tiers: ((term: string) => boolean)[] = [
    (term) => term === query,
    (term) => query.length >= 2 && term.startsWith(query),
    (term) => query.length >= 2 && term.includes(query),
  ];
  for (const tier of tiers) {
    const found = entries.filter((e) => e.terms.some(tier)).map((e) => e.indicator);
    if (found.length === 1 && found[0]) return { kind: 'match', indicator: found[0] };
    if (found.length > 1) return { kind: 'ambiguous', candidates: found };
  }

  // Text longer than any term ("新批筹国家质检中心建设"): the indicator whose longest contained term is longest wins.
  const contained = entries
    .map((e) => ({ indicator: e.indicator, length: Math.max(0, ...e.terms.filter((t) => query.includes(t)).map(len)) }))
    .filter((c) => c.length >= 2);
  const longest = Math.max(0, ...contained.map((c) => c.length));
  const best = contained.filter((c) => c.length === longest).map((c) => c.indicator);
  if (best.length === 1 && best[0]) return { kind: 'match', indicator: best[0] };
  if (best.length > 1) return { kind: 'ambiguous', candidates: best };

  const suggestions = (options.suggest === false ? [] : entries)
    .map((e, order) => ({
      indicator: e.indicator,
      order,
      score: Math.max(...e.terms.map((t) => similarity(query, t))),
    }))
    .filter((s) => s.score >= MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.indicator);
  const excluded = kind
    ? catalogue.indicators.find((i) => !pool.includes(i) && normalizedTerms(i).includes(query))
    : undefined;
  return excluded ? { kind: 'unknown', suggestions, notApplicable: excluded } : { kind: 'unknown', suggestions };
}

const len = (s: string) => Array.from(s).length;

/** A loaded catalogue does not change, so each indicator's terms are normalised once, not on every command. */
const termsCache = new WeakMap<Indicator, readonly string[]>();
function normalizedTerms(indicator: Indicator): readonly string[] {
  let terms = termsCache.get(indicator);
  if (!terms) {
    terms = indicatorTerms(indicator).map(normalizeTerm);
    termsCache.set(indicator, terms);
  }
  return terms;
}

/** 0..1: the better of edit-distance closeness and character-bigram overlap (Dice), over code points. */
export function similarity(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const longer = Math.max(x.length, y.length);
  if (longer === 0) return 1;
  const byEdits = 1 - editDistance(x, y) / longer;
  return Math.max(byEdits, dice(bigrams(x), bigrams(y)));
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost one. */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

function bigrams(chars: readonly string[]): string[] {
  if (chars.length < 2) return [...chars];
  return chars.slice(1).map((c, i) => `${chars[i]}${c}`);
}

function dice(a: readonly string[], b: readonly string[]): number {
  if (a.length + b.length === 0) return 0;
  const pool = [...b];
  let shared = 0;
  for (const gram of a) {
    const k = pool.indexOf(gram);
    if (k >= 0) {
      shared++;
      pool.splice(k, 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}
