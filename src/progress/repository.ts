import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, processedRequests, progressUpdates } from '../../db/schema.js';
import type { PeriodId } from './periods.js';
import type { StandingRow } from './standing.js';
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

/** Current rows as the standing computation reads them. */
export async function standingRows(db: Db, q: Omit<UpdateQuery, 'status' | 'limit'> = {}): Promise<StandingRow[]> {
  return db
    .select({
      id: progressUpdates.id,
      unitId: progressUpdates.unitId,
      indicatorKey: progressUpdates.indicatorKey,
      period: progressUpdates.period,
      value: progressUpdates.value,
      submittedBy: progressUpdates.submittedBy,
      submittedAt: progressUpdates.submittedAt,
    })
    .from(progressUpdates)
    .where(whereOf({ ...q, status: 'current' })) as Promise<StandingRow[]>;
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
