import { and, eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { outbox } from '../../db/schema.js';

/**
 * The outbox: every message a job sends is a row, written before it is sent and marked with Slack's ts after.
 * (job, slot, recipient, kind) is unique, so writing a run's messages twice adds nothing. Any process drains it:
 * rows are locked with `FOR UPDATE SKIP LOCKED` plus a lease (`locked_by`/`locked_until`), so a row held by a
 * process that died is picked up again once its lease runs out.
 */

export type OutboxPayload =
  | { method: 'chat.postMessage'; channel: string; text: string; blocks?: unknown[]; threadOf?: string }
  | {
      method: 'files.uploadV2';
      channel: string;
      filename: string;
      title: string;
      altText?: string;
      initialComment?: string;
      /** The file's bytes, base64. */
      data: string;
      threadOf?: string;
    };

/** A message to send: to a channel or a person (`recipient`), of a kind unique within the slot. */
export interface OutboxMessage {
  recipient: string;
  kind: string;
  payload: OutboxPayload;
}

export interface OutboxRow extends OutboxMessage {
  id: number;
  job: string;
  slot: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
}

/** Writes a run's messages; those already there (a run taken over, a manual rerun) are left as they are. */
export async function enqueue(
  db: Db,
  job: string,
  slot: string,
  messages: OutboxMessage[],
  now: Date,
): Promise<number> {
  if (!messages.length) return 0;
  let added = 0;
  // Chunks keep each insert well below PostgreSQL's parameter limit for large runs.
  for (let i = 0; i < messages.length; i += 500) {
    const rows = await db
      .insert(outbox)
      .values(
        messages
          .slice(i, i + 500)
          .map((m) => ({ job, slot, recipient: m.recipient, kind: m.kind, payload: m.payload, nextAttemptAt: now })),
      )
      .onConflictDoNothing()
      .returning({ id: outbox.id });
    added += rows.length;
  }
  return added;
}

/**
 * Locks up to `limit` rows ready to send by `worker` until `now + leaseMs`: pending ones whose time has come, and
 * rows left `sending` by a process whose lease ran out. A thread reply waits until its parent message is sent.
 */
export async function lockReady(
  db: Db,
  worker: string,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<OutboxRow[]> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const result = await db.execute(sql`
    update outbox set status = 'sending', locked_by = ${worker}, locked_until = ${until}, attempts = attempts + 1
    where id in (
      select o.id from outbox o
      where ((o.status = 'pending' and o.next_attempt_at <= ${nowIso}) or (o.status = 'sending' and o.locked_until < ${nowIso}))
        and (o.payload->>'threadOf' is null or exists (
          select 1 from outbox p where p.job = o.job and p.slot = o.slot and p.recipient = o.recipient
            and p.kind = o.payload->>'threadOf' and p.status = 'sent'))
      order by o.id
      limit ${limit}
      for update skip locked)
    returning id, job, slot, recipient, kind, payload, status, attempts`);
  return rowsOf(result)
    .map((r) => ({
      id: Number(r.id),
      job: String(r.job),
      slot: String(r.slot),
      recipient: String(r.recipient),
      kind: String(r.kind),
      payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as OutboxPayload,
      status: r.status as OutboxRow['status'],
      attempts: Number(r.attempts),
    }))
    .sort((a, b) => a.id - b.id);
}

/** Thread replies whose parent failed for good will never be sent: they fail too. */
export async function failOrphans(db: Db, now: Date): Promise<void> {
  await db.execute(sql`
    update outbox o set status = 'failed', error = 'parent_failed', locked_by = null, locked_until = null
    where o.status = 'pending' and o.payload->>'threadOf' is not null and exists (
      select 1 from outbox p where p.job = o.job and p.slot = o.slot and p.recipient = o.recipient
        and p.kind = o.payload->>'threadOf' and p.status = 'failed')
      and o.created_at <= ${now.toISOString()}`);
}

export async function parentTs(db: Db, row: OutboxRow, kind: string): Promise<string | null> {
  const [parent] = await db
    .select({ ts: outbox.ts })
    .from(outbox)
    .where(
      and(
        eq(outbox.job, row.job),
        eq(outbox.slot, row.slot),
        eq(outbox.recipient, row.recipient),
        eq(outbox.kind, kind),
      ),
    );
  return parent?.ts ?? null;
}

export async function markSent(db: Db, id: number, ts: string, now: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'sent', ts, sentAt: now, lockedBy: null, lockedUntil: null, error: null })
    .where(eq(outbox.id, id));
}

export async function markRetry(db: Db, id: number, worker: string, at: Date, error: string): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt: at, lockedBy: null, lockedUntil: null, error })
    .where(and(eq(outbox.id, id), eq(outbox.lockedBy, worker)));
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db.update(outbox).set({ status: 'failed', error, lockedBy: null, lockedUntil: null }).where(eq(outbox.id, id));
}

/** Messages that failed for good, newest first: `/plan schedule` shows them to admins. */
export async function failedMessages(db: Db, limit = 10) {
  return db
    .select({
      job: outbox.job,
      slot: outbox.slot,
      recipient: outbox.recipient,
      kind: outbox.kind,
      error: outbox.error,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(eq(outbox.status, 'failed'))
    .orderBy(sql`${outbox.id} desc`)
    .limit(limit);
}

export async function outboxCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: outbox.status, n: sql<number>`count(*)::int` })
    .from(outbox)
    .groupBy(outbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
