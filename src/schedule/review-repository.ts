import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { admins, circularDrafts } from '../../db/schema.js';
import type { PeriodId } from '../progress/periods.js';
import type { PointsEdits } from '../slack/blocks/circular-points.js';
import type { ReportPoints } from '../summary/report-points.js';
import type { OutboxMessage } from './outbox.js';

/** Circular drafts as plain objects. */

export interface CircularDraft {
  slot: string;
  /** The circular's title, as its header reads. */
  title?: string;
  period: PeriodId;
  status: 'pending' | 'posted';
  messages: OutboxMessage[];
  points: ReportPoints;
  edits: PointsEdits;
  version: number;
  dueAt: Date;
  remindAt: Date;
  refreshAt: Date | null;
  updatedBy: string;
  updatedAt: Date;
  postedBy: string | null;
  postedAt: Date | null;
}

type Row = typeof circularDrafts.$inferSelect;

/** The header of the circular among the draft's messages: its title, in its plan's words. */
function titleOf(messages: OutboxMessage[]): string | undefined {
  const main = messages.find((m) => m.kind === 'circular')?.payload;
  const header =
    main?.method === 'chat.postMessage'
      ? (main.blocks?.[0] as { type?: string; text?: { text?: unknown } })
      : undefined;
  return header?.type === 'header' && typeof header.text?.text === 'string' ? header.text.text : undefined;
}

function toDraft(row: Row): CircularDraft {
  const messages = row.messages as OutboxMessage[];
  const title = titleOf(messages);
  return {
    ...row,
    ...(title ? { title } : {}),
    period: row.period as PeriodId,
    messages,
    points: row.points as ReportPoints,
    edits: (row.edits ?? {}) as PointsEdits,
  };
}

export async function findDraft(db: Db, slot: string): Promise<CircularDraft | null> {
  const [row] = await db.select().from(circularDrafts).where(eq(circularDrafts.slot, slot)).limit(1);
  return row ? toDraft(row) : null;
}

export async function pendingDrafts(db: Db): Promise<CircularDraft[]> {
  const rows = await db
    .select()
    .from(circularDrafts)
    .where(eq(circularDrafts.status, 'pending'))
    .orderBy(asc(circularDrafts.dueAt));
  return rows.map(toDraft);
}

/** Inserts the draft; the one already there (a slot taken over after a crash) is kept. Returns the stored one. */
export async function insertDraft(
  db: Db,
  draft: Pick<
    CircularDraft,
    'slot' | 'period' | 'messages' | 'points' | 'dueAt' | 'remindAt' | 'updatedBy' | 'updatedAt'
  >,
): Promise<{ draft: CircularDraft; created: boolean }> {
  const [inserted] = await db.insert(circularDrafts).values(draft).onConflictDoNothing().returning();
  if (inserted) return { draft: toDraft(inserted), created: true };
  const existing = await findDraft(db, draft.slot);
  if (!existing) throw new Error(`circular draft ${draft.slot} vanished after insert`);
  return { draft: existing, created: false };
}

/** Changes a pending draft; null when it is posted (or gone). */
export async function updatePending(
  db: Db,
  slot: string,
  set: Partial<Pick<Row, 'messages' | 'points' | 'edits' | 'version' | 'dueAt' | 'remindAt' | 'refreshAt'>> &
    Pick<Row, 'updatedBy' | 'updatedAt'>,
): Promise<CircularDraft | null> {
  const [row] = await db
    .update(circularDrafts)
    .set(set)
    .where(and(eq(circularDrafts.slot, slot), eq(circularDrafts.status, 'pending')))
    .returning();
  return row ? toDraft(row) : null;
}

/** The one claim on posting: pending → posted. Null when someone (or something) got there first. */
export async function claimPosting(db: Db, slot: string, by: string, at: Date): Promise<CircularDraft | null> {
  const [row] = await db
    .update(circularDrafts)
    .set({ status: 'posted', postedBy: by, postedAt: at, updatedBy: by, updatedAt: at })
    .where(and(eq(circularDrafts.slot, slot), eq(circularDrafts.status, 'pending')))
    .returning();
  return row ? toDraft(row) : null;
}

/**
 * Claims the pending drafts whose reminder is due, moving each one's next reminder to `next(remindAt)`: a draft is
 * reminded once per time, whichever process gets there.
 */
export async function claimReminders(db: Db, now: Date, next: (at: Date) => Date): Promise<CircularDraft[]> {
  const due = await db
    .select({ slot: circularDrafts.slot, remindAt: circularDrafts.remindAt })
    .from(circularDrafts)
    .where(and(eq(circularDrafts.status, 'pending'), lte(circularDrafts.remindAt, now)));
  const out: CircularDraft[] = [];
  for (const d of due) {
    let at = next(d.remindAt);
    while (at.getTime() <= now.getTime()) at = next(at);
    const [row] = await db
      .update(circularDrafts)
      .set({ remindAt: at })
      .where(
        and(
          eq(circularDrafts.slot, d.slot),
          eq(circularDrafts.status, 'pending'),
          eq(circularDrafts.remindAt, d.remindAt),
        ),
      )
      .returning();
    if (row) out.push(toDraft(row));
  }
  return out;
}

export async function adminIds(db: Db): Promise<string[]> {
  const rows = await db.select({ userId: admins.userId }).from(admins).orderBy(admins.userId);
  return rows.map((r) => r.userId);
}
