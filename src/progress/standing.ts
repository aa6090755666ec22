import type { Catalogue, Indicator, UnitKind } from '../plan/catalogue.js';
import { appliesTo } from '../plan/catalogue.js';
import { comparePeriods, type PeriodId, periodId, splitPeriod } from './periods.js';
import type { Standing } from './types.js';

/**
 * Where indicators stand against their targets, computed from current (not withdrawn) rows. Pure.
 *
 * `sum` indicators add up every increment reported up to `asOf`; `latest` indicators take each unit's latest level
 * and, for a regional total, add those levels across units; a bureau figure is simply the latest one reported.
 * A `yearly` duty counts only the rows of `asOf`'s year, and falls due at that year's end.
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

/** Rows that count towards the indicator as of `asOf`. */
export function rowsInWindow(indicator: Indicator, rows: readonly StandingRow[], asOf: PeriodId): StandingRow[] {
  const year = splitPeriod(asOf).year;
  return rows.filter(
    (r) =>
      r.indicatorKey === indicator.key &&
      comparePeriods(r.period, asOf) <= 0 &&
      (indicator.due !== 'yearly' || splitPeriod(r.period).year === year),
  );
}

const tidy = (n: number) => Math.round(n * 1e6) / 1e6;

/** The combined figure of rows already narrowed to one indicator (and window); null when nothing is reported. */
export function combineRows(indicator: Indicator, rows: readonly StandingRow[]): number | null {
  if (!rows.length) return null;
  if (indicator.combine === 'sum') return tidy(rows.reduce((total, r) => total + r.value, 0));
  if (indicator.scope === 'bureau') return latestRow(rows)?.value ?? null;
  const byUnit = new Map<string, StandingRow[]>();
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  let total = 0;
  for (const unitRows of byUnit.values()) total += latestRow(unitRows)?.value ?? 0;
  return tidy(total);
}

function dueOf(indicator: Indicator, asOf: PeriodId): string {
  return indicator.due === 'yearly' ? periodId(splitPeriod(asOf).year, 2) : indicator.due;
}

/** The standing of one indicator over the given rows (all units for a regional total, one unit for its duty). */
export function standingOf(indicator: Indicator, rows: readonly StandingRow[], asOf: PeriodId): Standing {
  const counted = rowsInWindow(indicator, rows, asOf);
  const actual = combineRows(indicator, counted);
  const last = latestRow(counted);
  const standing: Standing = {
    indicatorKey: indicator.key,
    target: indicator.target,
    measure: indicator.measure,
    due: dueOf(indicator, asOf),
    actual,
    ratio: actual === null || indicator.target <= 0 ? null : tidy(actual / indicator.target),
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

/** Regional totals and the bureau's own figures. */
export function regionStandings(catalogue: Catalogue, rows: readonly StandingRow[], asOf: PeriodId): Standing[] {
  return catalogue.indicators.filter((i) => i.scope !== 'unit').map((i) => standingOf(i, rows, asOf));
}

/** A unit's own duties (unit-scope indicators of its kind), over that unit's rows only. */
export function unitStandings(
  catalogue: Catalogue,
  unit: { id: string; kind: UnitKind },
  rows: readonly StandingRow[],
  asOf: PeriodId,
): UnitStanding[] {
  const own = rows.filter((r) => r.unitId === unit.id);
  return catalogue.indicators
    .filter((i) => i.scope === 'unit' && appliesTo(i, unit.kind))
    .map((i) => ({ ...standingOf(i, own, asOf), unitId: unit.id }));
}

/** One standing for a regional or bureau figure; one per unit of the kinds a unit duty applies to. */
export function indicatorStandings(
  indicator: Indicator,
  units: ReadonlyArray<{ id: string; kind: UnitKind }>,
  rows: readonly StandingRow[],
  asOf: PeriodId,
): Array<Standing | UnitStanding> {
  if (indicator.scope !== 'unit') return [standingOf(indicator, rows, asOf)];
  return units
    .filter((u) => appliesTo(indicator, u.kind))
    .map((u) => ({
      ...standingOf(
        indicator,
        rows.filter((r) => r.unitId === u.id),
        asOf,
      ),
      unitId: u.id,
    }));
}
