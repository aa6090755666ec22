import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { jobRuns } from '../../db/schema.js';

/**
 * Claiming a slot: the process whose insert into `job_runs` succeeds runs it; the others see it taken. A claim left
 * unfinished past its lease (its process died between claiming and filling the outbox) is taken over.
 */

export type ClaimResult = 'claimed' | 'taken_over' | 'taken';

export async function claimSlot(
  db: Db,
  job: string,
  slot: string,
  worker: string,
  now: Date,
  leaseMs: number,
): Promise<ClaimResult> {
  const inserted = await db
    .insert(jobRuns)
    .values({ job, slot, claimedBy: worker, claimedAt: now, status: 'claimed' })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  if (inserted.length) return 'claimed';
  const stale = new Date(now.getTime() - leaseMs);
  const taken = await db
    .update(jobRuns)
    .set({ claimedBy: worker, claimedAt: now, status: 'claimed', finishedAt: null, detail: null })
    .where(
      and(
        eq(jobRuns.job, job),
        eq(jobRuns.slot, slot),
        or(
          and(eq(jobRuns.status, 'claimed'), lt(jobRuns.claimedAt, stale)),
          // Skipped by a clock that read later than this one (a local workspace first started on today's date):
          // judged against the clock in force, the slot is not missed yet.
          and(eq(jobRuns.status, 'skipped'), gt(jobRuns.claimedAt, now)),
        ),
      ),
    )
    .returning({ job: jobRuns.job });
  return taken.length ? 'taken_over' : 'taken';
}

/** Marks a slot too old to run: recorded once, so the skip is logged once. Returns false when already claimed. */
export async function recordSkipped(
  db: Db,
  job: string,
  slot: string,
  worker: string,
  now: Date,
  detail: string,
): Promise<boolean> {
  const inserted = await db
    .insert(jobRuns)
    .values({ job, slot, claimedBy: worker, claimedAt: now, finishedAt: now, status: 'skipped', detail })
    .onConflictDoUpdate({
      target: [jobRuns.job, jobRuns.slot],
      set: { claimedBy: worker, claimedAt: now, finishedAt: now, detail },
      // Only a skip made by a later clock is restated at this clock's time; anything else stands.
      setWhere: and(eq(jobRuns.status, 'skipped'), gt(jobRuns.claimedAt, now)),
    })
    .returning({ job: jobRuns.job });
  return inserted.length > 0;
}

export async function finishRun(
  db: Db,
  job: string,
  slot: string,
  worker: string,
  now: Date,
  status: 'done' | 'failed',
  detail: string,
): Promise<void> {
  await db
    .update(jobRuns)
    .set({ status, finishedAt: now, detail })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.slot, slot), eq(jobRuns.claimedBy, worker)));
}

/**
 * The `job slot` keys no process needs to claim: finished or skipped ones, and claims still within their lease.
 * A stale claim is left out, so the next run tries to take it over.
 */
export async function settledSlots(db: Db, now: Date, leaseMs: number): Promise<Set<string>> {
  const stale = new Date(now.getTime() - leaseMs);
  const rows = await db
    .select({ job: jobRuns.job, slot: jobRuns.slot })
    .from(jobRuns)
    .where(
      sql`(${jobRuns.status} <> 'claimed' or ${jobRuns.claimedAt} >= ${stale.toISOString()})
        and not (${jobRuns.status} = 'skipped' and ${jobRuns.claimedAt} > ${now.toISOString()})`,
    );
  return new Set(rows.map((r) => `${r.job} ${r.slot}`));
}
