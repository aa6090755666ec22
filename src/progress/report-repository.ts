import { and, asc, eq, like, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { outbox, reports, reportVersions } from '../../db/schema.js';
import type { PeriodId } from './periods.js';
import type { HalfYearReport, ReportTopics } from './types.js';

/** Half-year reports and their versions as plain objects. */

export const REPORT_ENTITY = 'report';

type Row = typeof reports.$inferSelect;

function toReport(row: Row): HalfYearReport {
  return {
    id: row.id,
    unitId: row.unitId,
    plan: row.plan,
    period: row.period as PeriodId,
    status: row.status,
    version: row.version,
    topics: (row.topics ?? {}) as ReportTopics,
    firstSubmittedAt: row.firstSubmittedAt,
    submittedAt: row.submittedAt,
    submittedBy: row.submittedBy,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

export async function findReport(
  db: Db,
  plan: string,
  unitId: string,
  period: PeriodId,
): Promise<HalfYearReport | null> {
  const [row] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.unitId, unitId), eq(reports.plan, plan), eq(reports.period, period)))
    .limit(1);
  return row ? toReport(row) : null;
}

export async function findReportById(db: Db, id: number): Promise<HalfYearReport | null> {
  const [row] = await db.select().from(reports).where(eq(reports.id, id)).limit(1);
  return row ? toReport(row) : null;
}

/**
 * The unit's report row for the period, locked for this transaction; created empty (version 0) when there is none.
 * Concurrent saves of one report wait here for each other, so versions never collide.
 */
export async function lockReport(
  tx: Db,
  plan: string,
  unitId: string,
  period: PeriodId,
  by: string,
  at: Date,
): Promise<HalfYearReport> {
  await tx
    .insert(reports)
    .values({ unitId, plan, period, status: 'draft', version: 0, topics: {}, updatedBy: by, updatedAt: at })
    .onConflictDoNothing({ target: [reports.unitId, reports.plan, reports.period] });
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.unitId, unitId), eq(reports.plan, plan), eq(reports.period, period)))
    .for('update');
  if (!row) throw new Error(`report ${plan}/${unitId}/${period} vanished after insert`);
  return toReport(row);
}

export interface ReportVersion {
  reportId: number;
  version: number;
  status: 'draft' | 'submitted';
  topics: ReportTopics;
  savedBy: string;
  savedAt: Date;
}

export async function findVersionByKey(db: Db, idempotencyKey: string): Promise<ReportVersion | null> {
  const [row] = await db
    .select()
    .from(reportVersions)
    .where(eq(reportVersions.idempotencyKey, idempotencyKey))
    .limit(1);
  return row ? toVersion(row) : null;
}

/** Null when the idempotency key is already taken. */
export async function insertVersion(
  tx: Db,
  v: ReportVersion & { idempotencyKey: string | null },
): Promise<ReportVersion | null> {
  const [row] = await tx
    .insert(reportVersions)
    .values(v)
    .onConflictDoNothing({ target: reportVersions.idempotencyKey })
    .returning();
  return row ? toVersion(row) : null;
}

export async function writeReport(
  tx: Db,
  id: number,
  set: Pick<
    HalfYearReport,
    'status' | 'version' | 'topics' | 'firstSubmittedAt' | 'submittedAt' | 'submittedBy' | 'updatedBy' | 'updatedAt'
  >,
): Promise<HalfYearReport> {
  const [row] = await tx.update(reports).set(set).where(eq(reports.id, id)).returning();
  if (!row) throw new Error(`report ${id} vanished while locked`);
  return toReport(row);
}

/** Oldest first. */
export async function listVersions(db: Db, reportId: number): Promise<ReportVersion[]> {
  const rows = await db
    .select()
    .from(reportVersions)
    .where(eq(reportVersions.reportId, reportId))
    .orderBy(asc(reportVersions.version));
  return rows.map(toVersion);
}

function toVersion(row: typeof reportVersions.$inferSelect): ReportVersion {
  return {
    reportId: row.reportId,
    version: row.version,
    status: row.status,
    topics: (row.topics ?? {}) as ReportTopics,
    savedBy: row.savedBy,
    savedAt: row.savedAt,
  };
}

/**
 * True once the plan's circular for the period has been posted: a sent `circular` message of the `summary` job whose
 * slot is one of the plan's for the period (`<plan>/2016H1/circular`). With `legacy`, also the slots written before
 * slots named their plan (`2016H1`, `2016H1/circular`): those were the shipped plan's.
 */
export async function circularPosted(db: Db, plan: string, period: PeriodId, legacy = false): Promise<boolean> {
  const own = like(outbox.slot, `${plan}/${period}/%`);
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.job, 'summary'),
        // The circular itself: drafts sent to the admins for review do not lock the reports.
        eq(outbox.kind, 'circular'),
        legacy ? or(own, eq(outbox.slot, period), like(outbox.slot, `${period}/%`)) : own,
        eq(outbox.status, 'sent'),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
