import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { preparedFor } from '../../db/prepared.js';
import { auditLog, processedRequests, progressTallies, progressUpdates } from '../../db/schema.js';
import type { Indicator } from '../plan/catalogue.js';
import type { PeriodId } from './periods.js';
import { type StandingRow, type UnitTally, windowOf } from './standing.js';
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

export async function findUpdatePlan(db: Db, id: number): Promise<string | null> {
  const [row] = await db
    .select({ plan: progressUpdates.plan })
    .from(progressUpdates)
    .where(eq(progressUpdates.id, id))
    .limit(1);
  return row ? row.plan : null;
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
  /** The slug of the plan the indicator belongs to. */
  plan: string;
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

/**
 * Inserts the row and its `progress.recorded` audit entry in one statement (so both or neither land, without a
 * transaction's extra round trips), unless the idempotency key is taken: then nothing is written and the answer is
 * null. The unique index decides, even under races.
 */
export async function insertUpdate(db: Db, u: NewUpdate): Promise<ProgressUpdate | null> {
  const p = progressUpdates;
  const at = u.at.toISOString();
  // What `auditSnapshot` gives for the new row: status and version are the columns' defaults.
  const after = JSON.stringify({
    unitId: u.unitId,
    indicatorKey: u.indicatorKey,
    period: u.period,
    value: u.value,
    note: u.note,
    evidenceUrl: u.evidenceUrl,
    status: 'current',
    version: 1,
  });
  const result = await db.execute(sql`
    with ins as (
      insert into ${p} (plan, unit_id, indicator_key, period, value, note, evidence_url, submitted_by, submitted_at,
                        updated_by, updated_at, idempotency_key)
      values (${u.plan}, ${u.unitId}, ${u.indicatorKey}, ${u.period}, ${u.value}, ${u.note}, ${u.evidenceUrl}, ${u.by}, ${at},
              ${u.by}, ${at}, ${u.idempotencyKey})
      on conflict (idempotency_key) do nothing
      returning *
    ), audit as (
      insert into ${auditLog} (at, actor, action, entity, entity_id, before, after)
      select ${at}, ${u.by}, 'progress.recorded', ${UPDATE_ENTITY}, ins.id::text, null, ${after}::jsonb from ins
    )
    select * from ins`);
  const [row] = rowsOf(result);
  return row ? fromSqlRow(row) : null;
}

/** A `progress_updates` row as raw SQL returns it (snake case; timestamps as text on postgres.js, dates on PGlite). */
function fromSqlRow(r: Record<string, unknown>): ProgressUpdate {
  const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
  return {
    id: Number(r.id),
    unitId: String(r.unit_id),
    indicatorKey: String(r.indicator_key),
    period: String(r.period) as PeriodId,
    value: Number(r.value),
    note: r.note === null ? null : String(r.note),
    evidenceUrl: r.evidence_url === null ? null : String(r.evidence_url),
    status: r.status as ProgressUpdate['status'],
    submittedBy: String(r.submitted_by),
    submittedAt: date(r.submitted_at),
    updatedBy: String(r.updated_by),
    updatedAt: date(r.updated_at),
    version: Number(r.version),
  };
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
  /** Only this plan's rows (a plan slug). */
  plan?: string;
  unitIds?: string[] | 'all';
  period?: PeriodId;
  indicatorKey?: string;
  status?: 'current' | 'withdrawn';
  limit?: number;
}

function whereOf(q: UpdateQuery): SQL | undefined {
  const conditions: SQL[] = [];
  if (q.plan !== undefined) conditions.push(eq(progressUpdates.plan, q.plan));
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
 * Per indicator and unit, the sum of the current rows in the standing window and the latest of them, without reading
 * every row: the sum adds up `progress_tallies` (one row per period, kept by a trigger), and the latest row is one
 * backward probe of `progress_updates_latest_current_index` per unit. Period ids compare as text in time order
 * (`2015H2` < `2016H1`).
 */
export async function standingTallies(
  db: Db,
  q: {
    plan: string;
    asOf: PeriodId;
    indicators: ReadonlyArray<Pick<Indicator, 'key' | 'due'>>;
    unitIds?: readonly string[];
  },
): Promise<UnitTally[]> {
  if (!q.indicators.length || (q.unitIds && !q.unitIds.length)) return [];
  const inWindows = (alias: string) =>
    sql.join(
      q.indicators.map((i) => {
        const { from, to } = windowOf(i, q.asOf);
        const t = sql.raw(alias);
        return sql`(${t}.indicator_key = ${i.key} and ${t}.period <= ${to}${from ? sql` and ${t}.period >= ${from}` : sql``})`;
      }),
      sql` or `,
    );
  const units = q.unitIds
    ? sql`and t.unit_id in (${sql.join(
        q.unitIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  const result = await db.execute(sql`
    select s.indicator_key, s.unit_id, s.total::float8 as total,
           l.id, l.period, l.value, l.submitted_by, l.submitted_at
    from (
      select t.indicator_key, t.unit_id, sum(t.total) as total
      from ${progressTallies} t
      where t.plan = ${q.plan} and t.rows > 0 and (${inWindows('t')}) ${units}
      group by t.indicator_key, t.unit_id
    ) s
    cross join lateral (
      select p.id, p.period, p.value, p.submitted_by, p.submitted_at
      from ${progressUpdates} p
      where p.plan = ${q.plan} and p.indicator_key = s.indicator_key and p.unit_id = s.unit_id and p.status = 'current' and (${inWindows('p')})
      order by p.period desc, p.submitted_at desc, p.id desc
      limit 1
    ) l
    order by s.indicator_key, s.unit_id`);
  return rowsOf(result).map((r) => {
    const latest: StandingRow = {
      id: Number(r.id),
      unitId: String(r.unit_id),
      indicatorKey: String(r.indicator_key),
      period: String(r.period) as PeriodId,
      value: Number(r.value),
      submittedBy: String(r.submitted_by),
      submittedAt: r.submitted_at instanceof Date ? r.submitted_at : new Date(String(r.submitted_at)),
    };
    return { indicatorKey: latest.indicatorKey, unitId: latest.unitId, total: Number(r.total), latest };
  });
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

const claimKey = preparedFor((db) =>
  db
    .insert(processedRequests)
    .values({ key: sql.placeholder('key'), at: sql.placeholder('at') })
    .onConflictDoNothing({ target: processedRequests.key })
    .returning({ key: processedRequests.key })
    .prepare('claim_request'),
);

/** Claims a request key; false when it was already claimed (a retry or a double click). */
export async function claimRequest(db: Db, key: string, at: Date): Promise<boolean> {
  const rows = await claimKey(db).execute({ key, at });
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
