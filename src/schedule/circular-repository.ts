import { and, eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { reports, units } from '../../db/schema.js';
import { firstOfYear, type PeriodId } from '../progress/periods.js';
import type { PointsUnit, SubmittedReport } from '../summary/report-points.js';
import type { CircularRows, IndicatorTotals, UnitRef } from '../summary/types.js';

/**
 * What one plan's circular reads, as plain rows for the pure summary code: the plan's active units, the period's
 * reports on that plan, and every unit's updates on it folded per indicator by the database.
 */

/** Whose rows: the plan's slug and the units that report on it (undefined: every active unit). */
export interface PlanScope {
  plan: string;
  units?: ReadonlySet<string>;
}

async function activeUnits(db: Db, scope: PlanScope): Promise<UnitRef[]> {
  const rows = await db
    .select({ id: units.id, name: units.name, short: units.short, kind: units.kind })
    .from(units)
    .where(eq(units.active, true))
    .orderBy(units.id);
  return rows.filter((u) => !scope.units || scope.units.has(u.id)) as UnitRef[];
}

const inScope = (scope: PlanScope) => (r: { unitId: string }) => !scope.units || scope.units.has(r.unitId);

/** Three queries whatever the number of units. */
export async function loadCircularRows(db: Db, period: PeriodId, scope: PlanScope): Promise<CircularRows> {
  const yearStart = firstOfYear(period);
  const [unitRows, reportRows, totalRows] = await Promise.all([
    activeUnits(db, scope),
    db
      .select({ unitId: reports.unitId, submittedAt: reports.submittedAt, firstSubmittedAt: reports.firstSubmittedAt })
      .from(reports)
      .where(and(eq(reports.plan, scope.plan), eq(reports.period, period), eq(reports.status, 'submitted'))),
    db.execute(sql`
      select unit_id, indicator_key,
        sum(value) as sum_to_date,
        coalesce(sum(value) filter (where period >= ${yearStart}), 0) as sum_in_year,
        (array_agg(value order by period desc, submitted_at desc, id desc))[1] as latest_to_date,
        (array_agg(value order by period desc, submitted_at desc, id desc) filter (where period >= ${yearStart}))[1] as latest_in_year,
        (array_agg(period || ' ' || to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || ' ' || lpad(id::text, 12, '0') order by period desc, submitted_at desc, id desc))[1] as latest_key_to_date,
        (array_agg(period || ' ' || to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || ' ' || lpad(id::text, 12, '0') order by period desc, submitted_at desc, id desc) filter (where period >= ${yearStart}))[1] as latest_key_in_year,
        bool_or(period = ${period}) as in_period
      from progress_updates
      where status = 'current' and plan = ${scope.plan} and period <= ${period}
      group by unit_id, indicator_key`),
  ]);
  return {
    period,
    units: unitRows,
    reports: reportRows.filter(inScope(scope)),
    totals: rowsOf(totalRows)
      .map(
        (r): IndicatorTotals => ({
          unitId: String(r.unit_id),
          indicatorKey: String(r.indicator_key),
          sumToDate: Number(r.sum_to_date ?? 0),
          sumInYear: Number(r.sum_in_year ?? 0),
          latestToDate: r.latest_to_date === null ? null : Number(r.latest_to_date),
          latestInYear: r.latest_in_year === null ? null : Number(r.latest_in_year),
          latestKeyToDate: r.latest_key_to_date == null ? null : String(r.latest_key_to_date),
          latestKeyInYear: r.latest_key_in_year == null ? null : String(r.latest_key_in_year),
          inPeriod: r.in_period === true || r.in_period === 't',
        }),
      )
      .filter(inScope(scope)),
  };
}

/** The plan's active units and the period's submitted reports on it, as the circular's report points read them. */
export async function loadSubmittedReports(
  db: Db,
  period: PeriodId,
  scope: PlanScope,
): Promise<{ units: PointsUnit[]; reports: SubmittedReport[] }> {
  const [unitRows, reportRows] = await Promise.all([
    activeUnits(db, scope),
    db
      .select({ unitId: reports.unitId, topics: reports.topics })
      .from(reports)
      .where(and(eq(reports.plan, scope.plan), eq(reports.period, period), eq(reports.status, 'submitted')))
      .orderBy(reports.unitId),
  ]);
  return {
    units: unitRows.map((u) => ({ id: u.id, short: u.short, kind: u.kind })),
    reports: reportRows
      .filter(inScope(scope))
      .map((r) => ({ unitId: r.unitId, topics: (r.topics ?? {}) as Record<string, string> })),
  };
}
