import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { reports, units } from '../../db/schema.js';
import type { PeriodId } from '../progress/periods.js';
import type { PointsUnit, SubmittedReport } from './report-points.js';

/** The active units and the period's submitted half-year reports, as the circular's report points read them. */
export async function loadSubmittedReports(
  db: Db,
  period: PeriodId,
): Promise<{ units: PointsUnit[]; reports: SubmittedReport[] }> {
  const [unitRows, reportRows] = await Promise.all([
    db
      .select({ id: units.id, short: units.short, kind: units.kind })
      .from(units)
      .where(eq(units.active, true))
      .orderBy(units.id),
    db
      .select({ unitId: reports.unitId, topics: reports.topics })
      .from(reports)
      .where(and(eq(reports.period, period), eq(reports.status, 'submitted')))
      .orderBy(reports.unitId),
  ]);
  return {
    units: unitRows,
    reports: reportRows.map((r) => ({ unitId: r.unitId, topics: (r.topics ?? {}) as Record<string, string> })),
  };
}
