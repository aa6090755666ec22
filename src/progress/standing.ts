import type { Catalogue, Indicator, UnitKind } from '../plan/catalogue.js';
import { appliesTo, targetOf } from '../plan/catalogue.js';
import { aggregationOf } from '../plan/rules.js';
import type { Aggregate } from '../plan/rules-schema.js';
import { comparePeriods, firstOfYear, lastOfYear, type PeriodId } from './periods.js';
import type { Standing } from './types.js';

/**
 * Where indicators stand against their targets, computed from current (not withdrawn) rows. Pure.
 *
 * `sum` indicators add up every increment reported up to `asOf`; `latest` indicators take each unit's latest level
 * and, for a regional total, add those levels across units; a bureau figure is simply the latest one reported.
 * A `yearly` duty counts only the rows of `asOf`'s year, and falls due at that year's end. The functions that take
 * tallies expect them already narrowed to that window (`tallyAll` does it in memory, the repository in SQL).
 */

export interface StandingRow {
  id: number;
  unitId: string;
  indicatorKey: string;
  period: PeriodId;
  value: number;
  submittedBy: string;
  submittedAt: Date;
}

/** A unit's own duty: the standing of one unit. */
export interface UnitStanding extends Standing {
  unitId: string;
}

/**
 * What one unit's rows for one indicator come to within the window: their sum and the latest of them. Every standing
 * is a function of these, so the database can hand back one row per unit instead of every row.
 */
export interface UnitTally {
  indicatorKey: string;
  unitId: string;
  total: number;
  latest: StandingRow;
}

/** Later period first, then later submission, then the later row. */
function isLater(a: StandingRow, b: StandingRow): boolean {
  const byPeriod = comparePeriods(a.period, b.period);
  if (byPeriod !== 0) return byPeriod > 0;
  const byTime = a.submittedAt.getTime() - b.submittedAt.getTime();
  return byTime !== 0 ? byTime > 0 : a.id > b.id;
}

export function latestRow(rows: readonly StandingRow[]): StandingRow | undefined {
  let best: StandingRow | undefined;
  for (const row of rows) if (!best || isLater(row, best)) best = row;
  return best;
}

/** The periods that count as of `asOf`: everything up to it, or for a yearly duty only `asOf`'s year. */
export function windowOf(indicator: Pick<Indicator, 'due'>, asOf: PeriodId): { from: PeriodId | null; to: PeriodId } {
  return { from: indicator.due === 'yearly' ? firstOfYear(asOf) : null, to: asOf };
}

/** Rows that count towards the indicator as of `asOf`. */
export function rowsInWindow(indicator: Indicator, rows: readonly StandingRow[], asOf: PeriodId): StandingRow[] {
  const { from, to } = windowOf(indicator, asOf);
  return rows.filter(
    (r) =>
      r.indicatorKey === indicator.key &&
      comparePeriods(r.period, to) <= 0 &&
      (from === null || comparePeriods(r.period, from) >= 0),
  );
}

/** Rows (already in the window) → one tally per indicator and unit. */
export function tally(rows: readonly StandingRow[]): UnitTally[] {
  const byKey = new Map<string, UnitTally>();
  for (const r of rows) {
    const key = `${r.indicatorKey}\u0000${r.unitId}`;
    const t = byKey.get(key);
    if (!t) byKey.set(key, { indicatorKey: r.indicatorKey, unitId: r.unitId, total: r.value, latest: r });
    else {
      t.total += r.value;
      if (isLater(r, t.latest)) t.latest = r;
    }
  }
  return [...byKey.values()];
}

/** Every indicator's tallies as of `asOf`, from raw rows: what the database query computes, done in memory. */
export function tallyAll(catalogue: Catalogue, rows: readonly StandingRow[], asOf: PeriodId): UnitTally[] {
  return catalogue.indicators.flatMap((i) => tally(rowsInWindow(i, rows, asOf)));
}

const tidy = (n: number) => Math.round(n * 1e6) / 1e6;

/** How an indicator adds up across units when its rules say nothing (`aggregationOf` reads the rules). */
function defaultAggregate(indicator: Indicator): Aggregate {
  if (indicator.combine === 'sum') return 'sum';
  return indicator.scope === 'bureau' ? 'one' : 'latest';
}

/**
 * The combined figure of one indicator's tallies; null when nothing is reported. `sum` adds every increment, `latest`
 * adds each unit's latest level, `one` is a single figure for the whole: the latest report stands, whoever made it.
 */
export function combineTallies(
  indicator: Indicator,
  tallies: readonly UnitTally[],
  aggregate: Aggregate = defaultAggregate(indicator),
): number | null {
  if (!tallies.length) return null;
  if (aggregate === 'one') {
    const last = latestRow(tallies.map((t) => t.latest));
    if (!last) return null;
    // One unit may report a region figure in increments (a count of completions): its own sum is the figure.
    const own = tallies.find((t) => t.latest === last);
    return indicator.combine === 'sum' && own ? tidy(own.total) : last.value;
  }
  if (aggregate === 'sum' && indicator.combine === 'sum') return tidy(tallies.reduce((total, t) => total + t.total, 0));
  return tidy(tallies.reduce((total, t) => total + t.latest.value, 0));
}

function dueOf(indicator: Indicator, asOf: PeriodId): string {
  return indicator.due === 'yearly' ? lastOfYear(asOf) : indicator.due;
}

/**
 * A regional level the plan states a starting point for (现有9家) does not fall below it because only some units
 * have reported their own count yet: the reported sum counts once it passes the baseline. `/plan status` and the
 * circular both use this.
 */
export function regionalLevel(i: Pick<Indicator, 'combine' | 'baseline'>, reported: number | null): number | null {
  if (i.combine !== 'latest' || i.baseline === undefined) return reported;
  return Math.max(i.baseline, reported ?? 0);
}

/** The standing of one indicator from its tallies (all units for a regional total, one unit for its duty). */
export function standingFromTallies(
  indicator: Indicator,
  tallies: readonly UnitTally[],
  asOf: PeriodId,
  aggregate?: Aggregate,
): Standing {
  const own = tallies.filter((t) => t.indicatorKey === indicator.key);
  const combined = combineTallies(indicator, own, aggregate);
  const actual = indicator.scope === 'region' ? regionalLevel(indicator, combined) : combined;
  const last = latestRow(own.map((t) => t.latest));
  const standing: Standing = {
    indicatorKey: indicator.key,
    target: targetOf(indicator),
    measure: indicator.measure,
    due: dueOf(indicator, asOf),
    actual,
    ratio: actual === null || targetOf(indicator) <= 0 ? null : tidy(actual / targetOf(indicator)),
  };
  if (indicator.target_max !== undefined) standing.targetMax = indicator.target_max;
  if (last) {
    standing.latest = {
      value: last.value,
      unitId: last.unitId,
      by: last.submittedBy,
      at: last.submittedAt,
      period: last.period,
    };
  }
  return standing;
}

/** The standing of one indicator over raw rows, windowed here. */
export function standingOf(indicator: Indicator, rows: readonly StandingRow[], asOf: PeriodId): Standing {
  return standingFromTallies(indicator, tally(rowsInWindow(indicator, rows, asOf)), asOf);
}

/** Regional totals and the bureau's own figures, from tallies as of `asOf`. */
export function regionStandings(catalogue: Catalogue, tallies: readonly UnitTally[], asOf: PeriodId): Standing[] {
  return catalogue.indicators
    .filter((i) => i.scope !== 'unit')
    .map((i) => standingFromTallies(i, tallies, asOf, aggregationOf(catalogue, i).aggregate));
}

/** A unit's own duties (unit-scope indicators of its kind), from that unit's tallies. */
export function unitStandings(
  catalogue: Catalogue,
  unit: { id: string; kind: UnitKind },
  tallies: readonly UnitTally[],
  asOf: PeriodId,
): UnitStanding[] {
  const own = tallies.filter((t) => t.unitId === unit.id);
  return catalogue.indicators
    .filter((i) => i.scope === 'unit' && appliesTo(i, unit.kind))
    .map((i) => ({ ...standingFromTallies(i, own, asOf), unitId: unit.id }));
}

/** One standing for a regional or bureau figure; one per unit of the kinds a unit duty applies to. */
export function indicatorStandings(
  indicator: Indicator,
  units: ReadonlyArray<{ id: string; kind: UnitKind }>,
  tallies: readonly UnitTally[],
  asOf: PeriodId,
  aggregate?: Aggregate,
): Array<Standing | UnitStanding> {
  if (indicator.scope !== 'unit') return [standingFromTallies(indicator, tallies, asOf, aggregate)];
  return units
    .filter((u) => appliesTo(indicator, u.kind))
    .map((u) => ({
      ...standingFromTallies(
        indicator,
        tallies.filter((t) => t.unitId === u.id),
        asOf,
      ),
      unitId: u.id,
    }));
}
