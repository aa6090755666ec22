import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DraftIndicator } from '../../../../src/plan/draft/index.js';
import { measureFactor, parseNumber } from '../../../../src/plan/draft/numerals.js';

/** One line of a fixture's targets.jsonl: `number` as written (`80`, `2万亿`, `一`, `60%—70%`), null for a milestone. */
export interface GoldTarget {
  quote: string;
  number: string | null;
  measure: string | null;
  deadline: string | null;
  lead: string | null;
}

export const PLANS_DIR = 'test/fixtures/plans';

export function goldPlans(): { slug: string; text: string; gold: GoldTarget[] }[] {
  return readdirSync(PLANS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(PLANS_DIR, d.name, 'targets.jsonl')))
    .map((d) => ({
      slug: d.name,
      text: readFileSync(join(PLANS_DIR, d.name, 'plan.txt'), 'utf8'),
      gold: readFileSync(join(PLANS_DIR, d.name, 'targets.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as GoldTarget),
    }));
}

/** Whether two quotes share a verbatim span of at least `min` characters, or one holds the other. */
export function overlaps(a: string, b: string, min = 8): boolean {
  if (a.includes(b) || b.includes(a)) return true;
  let best = 0;
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const next = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        next[j] = (row[j - 1] ?? 0) + 1;
        best = Math.max(best, next[j] ?? 0);
      }
    }
    row = next;
  }
  return best >= min;
}

/** A gold figure in base units: `2万亿` with measure 元 → 2e12; a range counts by its low end. */
function goldValue(g: GoldTarget): number {
  const low = (g.number ?? '').split(/[-—–~～至到]/)[0]?.replace(/[%％]/g, '') ?? '';
  const m = /^(.*?)(万亿|千亿|百亿|亿|万|千)?$/.exec(low);
  return parseNumber(m?.[1] ?? low) * measureFactor(m?.[2] ?? '') * measureFactor(g.measure);
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** A drafted item finds a gold target when their quotes overlap and the figure is equal (or both are milestones). */
export function matches(d: DraftIndicator, g: GoldTarget): boolean {
  if (!overlaps(d.quote, g.quote)) return false;
  if (g.number === null) return d.target === null;
  if (d.target === null) return false;
  return (
    same(d.target * measureFactor(d.measure), goldValue(g)) || same(d.target, goldValue(g) / measureFactor(g.measure))
  );
}

export interface PlanScore {
  slug: string;
  found: number;
  gold: number;
  right: number;
  drafted: number;
  missed: GoldTarget[];
  extra: DraftIndicator[];
}

export function scorePlan(slug: string, drafted: DraftIndicator[], gold: GoldTarget[]): PlanScore {
  const missed = gold.filter((g) => !drafted.some((d) => matches(d, g)));
  const extra = drafted.filter((d) => !gold.some((g) => matches(d, g)));
  return {
    slug,
    found: gold.length - missed.length,
    gold: gold.length,
    right: drafted.length - extra.length,
    drafted: drafted.length,
    missed,
    extra,
  };
}

/** One target of the shipped plan's hand-written catalogue: its quotes (the main one first) and its figure. */
export interface CatalogueTarget {
  quotes: string[];
  target: number | null;
}

interface CatalogueFile {
  indicators?: {
    quote: string;
    target?: number;
    see_also?: { quote: string }[];
    milestones?: { quote: string; target?: number }[];
  }[];
}

/** The indicators and their dated milestones in a hand-written catalogue.yaml, as quotes with figures. */
export function catalogueTargets(yamlText: string, parse: (s: string) => unknown): CatalogueTarget[] {
  const file = parse(yamlText) as CatalogueFile;
  return (file.indicators ?? []).flatMap((i) => [
    { quotes: [i.quote, ...(i.see_also ?? []).map((s) => s.quote)], target: i.target ?? null },
    ...(i.milestones ?? []).map((m) => ({ quotes: [m.quote], target: m.target ?? null })),
  ]);
}

/**
 * A catalogue target is found when a drafted item overlaps one of its quotes and states the same figure. Measures
 * are not compared: the hand catalogue normalised some (`20分` is kept as a percentage there).
 */
export function findsCatalogueTarget(drafted: DraftIndicator[], t: CatalogueTarget): boolean {
  return drafted.some(
    (d) =>
      t.quotes.some((q) => overlaps(d.quote, q.replace(/,/g, '，')) || overlaps(d.quote, q)) &&
      (t.target === null || d.target === t.target),
  );
}
