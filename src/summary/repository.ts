import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { reports, units } from '../../db/schema.js';
import { firstOfYear, type PeriodId } from '../progress/periods.js';
import type { CircularRows, IndicatorTotals, UnitRef } from './types.js';

/**
 * Reads what a circular needs in three queries, whatever the number of units: the active units, the period's
 * submitted reports, and every unit's updates folded per indicator by the database.
 */
export async function loadCircularRows(db: Db, period: PeriodId): Promise<CircularRows> {
  const yearStart = firstOfYear(period);
  const [unitRows, reportRows, totalRows] = await Promise.all([
    db
      .select({ id: units.id, name: units.name, short: units.short, kind: units.kind })
      .from(units)
      .where(eq(units.active, true))
      .orderBy(units.id),
    db
      .select({ unitId: reports.unitId, submittedAt: reports.submittedAt, firstSubmittedAt: reports.firstSubmittedAt })
      .from(reports)
      .where(and(eq(reports.period, period), eq(reports.status, 'submitted'))),
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
      where status = 'current' and period <= ${period}
      group by unit_id, indicator_key`),
  ]);
  return {
    period,
    units: unitRows as UnitRef[],
    reports: reportRows,
    totals: rowsOf(totalRows).map(
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
    ),
  };
}

/** `db.execute` answers with `{ rows }` on PGlite and with the rows themselves on postgres.js. */
export function rowsOf(result: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
  return ((result as { rows?: unknown[] }).rows ?? []) as Array<Record<string, unknown>>;
}
