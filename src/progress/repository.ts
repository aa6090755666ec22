import { and, asc, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, processedRequests, progressUpdates } from '../../db/schema.js';
import type { Indicator } from '../plan/catalogue.js';
import type { PeriodId } from './periods.js';
import { type UnitTally, windowOf } from './standing.js';
import type { ProgressUpdate } from './types.js';

/** Progress updates and their audit trail as plain objects. Every function takes the database or a transaction. */

export const UPDATE_ENTITY = 'progress_update';

type Row = typeof progressUpdates.$inferSelect;

function toUpdate(row: Row): ProgressUpdate {
  return {
    id: row.id,
    unitId: row.unitId,
    indicatorKey: row.indicatorKey,
    period: row.period as PeriodId,
    value: row.value,
    note: row.note,
    evidenceUrl: row.evidenceUrl,
    status: row.status,
    submittedBy: row.submittedBy,
    submittedAt: row.submittedAt,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export async function findUpdate(db: Db, id: number): Promise<ProgressUpdate | null> {
  const [row] = await db.select().from(progressUpdates).where(eq(progressUpdates.id, id)).limit(1);
  return row ? toUpdate(row) : null;
}

export async function findUpdateByKey(db: Db, idempotencyKey: string): Promise<ProgressUpdate | null> {
  const [row] = await db
    .select()
    .from(progressUpdates)
    .where(eq(progressUpdates.idempotencyKey, idempotencyKey))
    .limit(1);
  return row ? toUpdate(row) : null;
}

export interface NewUpdate {
  unitId: string;
  indicatorKey: string;
  period: PeriodId;
  value: number;
  note: string | null;
  evidenceUrl: string | null;
  by: string;
  at: Date;
  idempotencyKey: string | null;
}

/** Inserts the row unless its idempotency key is taken (then null): the unique index decides, even under races. */
export async function insertUpdate(db: Db, u: NewUpdate): Promise<ProgressUpdate | null> {
  const [row] = await db
    .insert(progressUpdates)
    .values({
      unitId: u.unitId,
      indicatorKey: u.indicatorKey,
      period: u.period,
      value: u.value,
      note: u.note,
      evidenceUrl: u.evidenceUrl,
      submittedBy: u.by,
      submittedAt: u.at,
      updatedBy: u.by,
      updatedAt: u.at,
      idempotencyKey: u.idempotencyKey,
    })
    .onConflictDoNothing({ target: progressUpdates.idempotencyKey })
    .returning();
  return row ? toUpdate(row) : null;
}

export type UpdatePatch = Partial<Pick<ProgressUpdate, 'value' | 'note' | 'evidenceUrl' | 'period' | 'status'>>;

/** Applies the patch only if the row is still at `version` (else null), bumping the version. */
export async function patchUpdate(
  db: Db,
  id: number,
  version: number,
  patch: UpdatePatch,
  by: string,
  at: Date,
): Promise<ProgressUpdate | null> {
  const [row] = await db
    .update(progressUpdates)
    .set({ ...patch, updatedBy: by, updatedAt: at, version: version + 1 })
    .where(and(eq(progressUpdates.id, id), eq(progressUpdates.version, version)))
    .returning();
  return row ? toUpdate(row) : null;
}

export interface UpdateQuery {
  unitIds?: string[] | 'all';
  period?: PeriodId;
  indicatorKey?: string;
  status?: 'current' | 'withdrawn';
  limit?: number;
}

function whereOf(q: UpdateQuery): SQL | undefined {
  const conditions: SQL[] = [];
  if (q.unitIds && q.unitIds !== 'all') conditions.push(inArray(progressUpdates.unitId, q.unitIds));
  if (q.period) conditions.push(eq(progressUpdates.period, q.period));
  if (q.indicatorKey) conditions.push(eq(progressUpdates.indicatorKey, q.indicatorKey));
  if (q.status) conditions.push(eq(progressUpdates.status, q.status));
  return conditions.length ? and(...conditions) : undefined;
}

/** Newest first. */
export async function listUpdates(db: Db, q: UpdateQuery): Promise<ProgressUpdate[]> {
  if (Array.isArray(q.unitIds) && q.unitIds.length === 0) return [];
  const query = db
    .select()
    .from(progressUpdates)
    .where(whereOf(q))
    .orderBy(desc(progressUpdates.submittedAt), desc(progressUpdates.id));
  const rows = q.limit ? await query.limit(q.limit) : await query;
  return rows.map(toUpdate);
}

/**
 * Per indicator and unit, the sum of the current rows in the standing window and the latest of them: one row per
 * unit however many updates there are (`DISTINCT ON` over the window's rows, latest first; the sum as a window function).
 * Period ids compare as text in time order (`2015H2` < `2016H1`).
 */
export async function standingTallies(
  db: Db,
  q: { asOf: PeriodId; indicators: ReadonlyArray<Pick<Indicator, 'key' | 'due'>>; unitIds?: readonly string[] },
): Promise<UnitTally[]> {
  if (!q.indicators.length || (q.unitIds && !q.unitIds.length)) return [];
  const p = progressUpdates;
  const windows = q.indicators.map((i) => {
    const { from, to } = windowOf(i, q.asOf);
    return and(eq(p.indicatorKey, i.key), lte(p.period, to), from ? gte(p.period, from) : undefined);
  });
  const rows = await db
    .selectDistinctOn([p.indicatorKey, p.unitId], {
      id: p.id,
      unitId: p.unitId,
      indicatorKey: p.indicatorKey,
      period: p.period,
      value: p.value,
      submittedBy: p.submittedBy,
      submittedAt: p.submittedAt,
      total: sql<number>`sum(${p.value}) over (partition by ${p.indicatorKey}, ${p.unitId})`.mapWith(Number),
    })
    .from(p)
    .where(and(eq(p.status, 'current'), q.unitIds ? inArray(p.unitId, [...q.unitIds]) : undefined, or(...windows)))
    .orderBy(p.indicatorKey, p.unitId, desc(p.period), desc(p.submittedAt), desc(p.id));
  return rows.map(({ total, ...latest }) => ({
    indicatorKey: latest.indicatorKey,
    unitId: latest.unitId,
    total,
    latest: { ...latest, period: latest.period as PeriodId },
  }));
}

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export async function writeAudit(db: Db, entry: Omit<AuditEntry, 'id'>): Promise<void> {
  await db.insert(auditLog).values(entry);
}

/** Oldest first: the story of one record. */
export async function auditTrail(db: Db, entity: string, entityId: string): Promise<AuditEntry[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  return rows.map((r) => ({ ...r, before: r.before ?? null, after: r.after ?? null }));
}

/** Claims a request key; false when it was already claimed (a retry or a double click). */
export async function claimRequest(db: Db, key: string, at: Date): Promise<boolean> {
  const rows = await db
    .insert(processedRequests)
    .values({ key, at })
    .onConflictDoNothing({ target: processedRequests.key })
    .returning({ key: processedRequests.key });
  return rows.length > 0;
}

/** The fields an audit entry keeps of an update. */
export function auditSnapshot(u: ProgressUpdate) {
  return {
    unitId: u.unitId,
    indicatorKey: u.indicatorKey,
    period: u.period,
    value: u.value,
    note: u.note,
    evidenceUrl: u.evidenceUrl,
    status: u.status,
    version: u.version,
  };
}
