/**
 * Checks the model's citations against the plan text. A quote that is verbatim in its passage (whitespace and
 * full/half-width punctuation aside) is re-cut to the exact span of the plan text; one that is nearly verbatim is
 * repaired to the longest run it shares with the passage, provided that run still holds every figure the model
 * quoted; anything else is dropped. Every quote that leaves here is a verbatim span of the plan.
 */
import { unbackedFigures } from './figures.js';
import type { Citation, Passage } from './types.js';

/** What the model claimed: passage number `n` (1-based, as numbered in the prompt) and a quote from it. */
export interface ModelCitation {
  n: number;
  quote: string;
}

export interface CitationCheck {
  citations: Citation[];
  exact: number;
  repaired: number;
  dropped: number;
  /** Of the dropped: quotes near a plan sentence that give a figure the plan does not give there. */
  wrongFigures: number;
}

export interface CitationCheckOptions {
  /** A repair must share at least this many characters (after normalising) with the passage. */
  minRepairChars?: number;
  /** …and at least this fraction of the quote. */
  minRepairRatio?: number;
}

/** Text with whitespace removed and punctuation folded, remembering where each character came from. */
export interface NormalizedText {
  text: string;
  /** For each UTF-16 unit of `text`: the start and end offsets of the source character in the original. */
  starts: number[];
  ends: number[];
}

const FOLD: Record<string, string> = {
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '″': '"',
  '‘': "'",
  '’': "'",
  '′': "'",
  '—': '-',
  '–': '-',
  '―': '-',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '｡': '。',
  '､': '、',
  '「': '"',
  '」': '"',
  '『': '"',
  '』': '"',
};

const SKIP = /[\s\u00a0\u200b\u3000\ufeff]/u;

export function normalizeForMatch(original: string): NormalizedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const ch of original) {
    const start = i;
    i += ch.length;
    if (SKIP.test(ch)) continue;
    const folded = FOLD[ch] ?? ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < folded.length; k++) {
      if (SKIP.test(folded[k] as string)) continue;
      text += folded[k];
      starts.push(start);
      ends.push(i);
    }
  }
  return { text, starts, ends };
}

/** The plan text prepared once, so each answer's citations are cheap to check. */
export interface PlanMatcher {
  readonly planText: string;
  readonly normalized: NormalizedText;
  check(claimed: readonly ModelCitation[], passages: readonly Passage[], options?: CitationCheckOptions): CitationCheck;
}

interface Region {
  /** Offsets into the normalized plan text. */
  from: number;
  to: number;
}

export function createPlanMatcher(planText: string): PlanMatcher {
  const normalized = normalizeForMatch(planText);
  const regionCache = new Map<string, Region | null>();

  const regionOf = (passage: Passage): Region | null => {
    const cached = regionCache.get(passage.text);
    if (cached !== undefined) return cached;
    const needle = normalizeForMatch(passage.text).text;
    const at = needle ? normalized.text.indexOf(needle) : -1;
    const region = at >= 0 ? { from: at, to: at + needle.length } : null;
    regionCache.set(passage.text, region);
    return region;
  };

  /** The exact plan-text span for normalized offsets [from, to), trimmed of whitespace and stray punctuation. */
  const cut = (from: number, to: number): string => {
    const start = normalized.starts[from] ?? 0;
    const end = normalized.ends[to - 1] ?? start;
    return trimSpan(planText.slice(start, end));
  };

  const findExact = (quote: string, region: Region | null): string | null => {
    const scope = region ?? { from: 0, to: normalized.text.length };
    const at = normalized.text.slice(scope.from, scope.to).indexOf(quote);
    if (at < 0) return null;
    return cut(scope.from + at, scope.from + at + quote.length);
  };

  return {
    planText,
    normalized,
    check(claimed, passages, options = {}) {
      const minChars = options.minRepairChars ?? 8;
      const minRatio = options.minRepairRatio ?? 0.5;
      const out: Citation[] = [];
      const seen = new Set<string>();
      let exact = 0;
      let repaired = 0;
      let dropped = 0;
      let wrongFigures = 0;
      const keep = (section: string, quote: string) => {
        const key = `${section}\u0000${quote}`;
        if (!quote || seen.has(key)) return;
        seen.add(key);
        out.push({ section, quote });
      };

      for (const claim of claimed) {
        const quote = normalizeForMatch(claim.quote).text;
        if (quote.length < 2) {
          dropped++;
          continue;
        }
        const cited = passages[claim.n - 1];
        const citedRegion = cited ? regionOf(cited) : null;

        // Verbatim in the cited passage; or, when the passage cannot be placed in the plan, anywhere in the plan.
        if (cited) {
          const span = findExact(quote, citedRegion);
          if (span) {
            exact++;
            keep(cited.section, span);
            continue;
          }
        }
        // Verbatim in another of the passages shown: the model got the number wrong, not the words.
        const elsewhere = passages.find((p) => p !== cited && regionOf(p) && findExact(quote, regionOf(p)));
        if (elsewhere) {
          exact++;
          keep(elsewhere.section, findExact(quote, regionOf(elsewhere)) as string);
          continue;
        }
        // Nearly verbatim: the longest run the quote shares with the cited passage.
        if (cited && citedRegion) {
          const hay = normalized.text.slice(citedRegion.from, citedRegion.to);
          const run = longestCommonRun(quote, hay);
          if (run.length >= minChars && run.length >= Math.ceil(quote.length * minRatio)) {
            const span = cut(citedRegion.from + run.start, citedRegion.from + run.start + run.length);
            // A repair that leaves out (or never had) a figure the model quoted would back a figure the plan
            // does not give at that place: the quote is rejected, not shortened.
            if (span && unbackedFigures(claim.quote, [span]).length === 0) {
              repaired++;
              keep(cited.section, span);
              continue;
            }
            if (span) wrongFigures++;
          }
        }
        dropped++;
      }
      return { citations: out, exact, repaired, dropped, wrongFigures };
    },
  };
}

/** Longest common substring of `a` in `b`: its start in `b` and its length. */
export function longestCommonRun(a: string, b: string): { start: number; length: number } {
  let best = 0;
  let bestEnd = 0;
  let prev = new Uint16Array(b.length + 1);
  let curr = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      if (ca === b.charCodeAt(j - 1)) {
        const v = (prev[j - 1] as number) + 1;
        curr[j] = v;
        if (v > best) {
          best = v;
          bestEnd = j;
        }
      } else {
        curr[j] = 0;
      }
    }
    [prev, curr] = [curr, prev];
  }
  return { start: bestEnd - best, length: best };
}

const LEADING = /^[\s\u00a0\u3000,,、;;::。.)\])】》”’]+/u;
const TRAILING = /[\s\u00a0\u3000,,、;;::([(【《“‘]+$/u;

function trimSpan(span: string): string {
  return span.replace(LEADING, '').replace(TRAILING, '');
}
