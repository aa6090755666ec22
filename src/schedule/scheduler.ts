import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { WebClient } from '@slack/web-api';
import cron, { type ScheduledTask } from 'node-cron';
import type { Metrics } from '../ops/metrics.js';
import { deliveryFailureMessage } from '../slack/blocks/reminder.js';
import { claimSlot, finishRun, recordSkipped, settledSlots } from './claim.js';
import { JOBS, type JobName } from './config.js';
import { dueSlots, planSlots, type Slot } from './due.js';
import { type JobDeps, planSlotMessages, timezoneOf } from './jobs.js';
import {
  enqueue,
  failOrphans,
  lockReady,
  markFailed,
  markRetry,
  markSent,
  type OutboxRow,
  parentTs,
} from './outbox.js';
import { jobPlans, withLegacySlots } from './plans.js';
import { loadSchedules } from './repository.js';
import { draftForReview, remindReviews } from './review.js';
import { defaultBackoff, deliver } from './send.js';

/**
 * The scheduler: decide what is due (pure, over the clock and the claimed slots), claim each due slot, write its
 * messages to the outbox, and drain the outbox. Any number of processes may run it against one database; each
 * (job, slot, recipient, kind) is posted once.
 */

export interface SchedulerOptions {
  /** Names this process in claims and row locks. */
  workerId?: string;
  /** How long a claim or a row lock is ours before another process may take it over. Default 2 minutes. */
  leaseMs?: number;
  /** Waits between attempts (Retry-After, backoff); tests record it. Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Send attempts per row in one drain before it goes back to the outbox. Default 5. */
  tries?: number;
  /** Rows locked at a time. Default 20. */
  batch?: number;
  /** Also post an admins' notice when a message fails for good. Default true. */
  noticeFailures?: boolean;
  /** Counts messages sent and failed for good. */
  metrics?: Pick<Metrics, 'scheduledSent' | 'scheduledFailed'>;
}

export interface RunReport {
  ran: string[];
  skipped: string[];
  sent: number;
  failed: number;
  deferred: number;
}

export interface Scheduler {
  /** Catch up on start, then check every minute (node-cron, in the schedule's time zone). */
  start(): void;
  /** Stops the timer and any drain after the batch it is sending (shutdown). */
  stop(): void;
  /** Runs every slot due by `now`: catch-up within the window, skips older ones, then drains the outbox. */
  /**
   * Runs every slot due by `now` and drains the outbox. `catchUpHours` overrides the configured window for
   * missed slots: the local workspace passes the length of its clock move, so every slot it crossed runs.
   */
  runDue(now: Date, options?: { catchUpHours?: number }): Promise<RunReport>;
  /** Sends what is ready in the outbox. */
  drainOutbox(now?: Date): Promise<Pick<RunReport, 'sent' | 'failed' | 'deferred'>>;
  readonly workerId: string;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createScheduler(deps: JobDeps, client: WebClient, options: SchedulerOptions = {}): Scheduler {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 120_000;
  const sleep = options.sleep ?? realSleep;
  const tries = options.tries ?? 5;
  const batch = options.batch ?? 20;
  const noticeFailures = options.noticeFailures ?? true;
  const log = deps.logger;
  let task: ScheduledTask | undefined;
  let running: Promise<unknown> = Promise.resolve();
  /** Set by stop(): the drain finishes the batch it holds and takes no more, so shutdown does not wait on a backlog. */
  let stopping = false;

  async function runDue(now: Date, options: { catchUpHours?: number } = {}): Promise<RunReport> {
    const schedules = await loadSchedules(deps.db);
    const settled = await settledSlots(deps.db, now, leaseMs);
    const report: RunReport = { ran: [], skipped: [], sent: 0, failed: 0, deferred: 0 };
    // Each running plan on its own calendar, over its own units; its slots are named after it.
    for (const planDeps of jobPlans(deps)) {
      const slug = planDeps.catalogue.plan.slug;
      const done = slug === legacyPlan() ? withLegacySlots(settled, slug) : settled;
      for (const job of JOBS) {
        const { config, paused } = schedules[job];
        if (paused) continue;
        const { periods } = planDeps.catalogue;
        const slots = planSlots(config, periods, periods, slug).filter((s) => s.job === job);
        const catchUpHours = options.catchUpHours ?? config.catchUpHours;
        const decision = dueSlots(slots, now, done, catchUpHours);
        for (const s of decision.skip) {
          const why = `older than the ${catchUpHours} h catch-up window`;
          if (await recordSkipped(deps.db, s.job, s.slot, workerId, now, why)) {
            log.warn('skipped a missed scheduled slot older than the catch-up window', {
              job: s.job,
              slot: s.slot,
              dueAt: s.at.toISOString(),
              catchUpHours,
            });
            report.skipped.push(`${s.job} ${s.slot}`);
          }
        }
        for (const s of decision.run) {
          if (await runSlot(planDeps, job, s, now)) report.ran.push(`${s.job} ${s.slot}`);
        }
      }
    }
    if (!schedules.summary.paused)
      report.ran.push(...(await remindReviews(deps, schedules.summary.config, now, workerId)));
    const drained = await drainOutbox(now);
    return { ...report, ...drained };
  }

  /** The shipped plan: its slots claimed before slots named their plan count as its own. */
  function legacyPlan(): string | undefined {
    return deps.plans?.shipped.slug ?? (deps.running ? undefined : deps.catalogue.plan.slug);
  }

  async function runSlot(planDeps: JobDeps, job: JobName, slot: Slot, now: Date): Promise<boolean> {
    const claim = await claimSlot(deps.db, job, slot.slot, workerId, now, leaseMs);
    if (claim === 'taken') return false;
    if (claim === 'taken_over') log.warn('took over a scheduled slot whose claim ran out', { job, slot: slot.slot });
    const { config } = (await loadSchedules(deps.db))[job];
    try {
      // Under review the circular goes to the admins as a draft; it posts when one of them posts it.
      const messages =
        slot.kind === 'circular' && config.circularReview
          ? await draftForReview(planDeps, slot, config, now, workerId)
          : await planSlotMessages(planDeps, slot, config, now);
      await deps.db.transaction(async (tx) => {
        const added = await enqueue(tx as never, job, slot.slot, messages, now);
        await finishRun(
          tx as never,
          job,
          slot.slot,
          workerId,
          now,
          'done',
          `${messages.length} messages (${added} new)`,
        );
      });
      log.info('scheduled slot queued', {
        job,
        slot: slot.slot,
        messages: messages.length,
        timezone: timezoneOf(deps, config),
      });
      return true;
    } catch (error) {
      // Left claimed: after the lease another run (here or elsewhere) takes it over.
      log.error('scheduled slot failed; it will be retried after the lease', { job, slot: slot.slot, error });
      return false;
    }
  }

  async function drainOutbox(at?: Date): Promise<Pick<RunReport, 'sent' | 'failed' | 'deferred'>> {
    const counts = { sent: 0, failed: 0, deferred: 0 };
    const seen = new Set<number>();
    while (!stopping) {
      const now = at ?? deps.clock.now();
      await failOrphans(deps.db, now);
      const rows = (await lockReady(deps.db, workerId, now, leaseMs, batch)).filter((r) => !seen.has(r.id));
      if (!rows.length) break;
      for (const row of rows) {
        seen.add(row.id);
        await sendRow(row, now, counts);
      }
    }
    return counts;
  }

  async function sendRow(
    row: OutboxRow,
    now: Date,
    counts: { sent: number; failed: number; deferred: number },
  ): Promise<void> {
    const threadOf = row.payload.threadOf;
    const threadTs = threadOf ? await parentTs(deps.db, row, threadOf) : null;
    const outcome = await deliver(client, row.payload, threadTs, {
      sleep,
      tries,
      budgetMs: leaseMs / 2,
      backoffMs: defaultBackoff,
      meta: { id: row.id, job: row.job, slot: row.slot, kind: row.kind },
    });
    if (outcome.ok) {
      await markSent(deps.db, row.id, outcome.ts, deps.clock.now());
      counts.sent++;
      options.metrics?.scheduledSent();
      return;
    }
    if (outcome.permanent || row.attempts >= 10) {
      await markFailed(deps.db, row.id, outcome.error);
      counts.failed++;
      options.metrics?.scheduledFailed();
      log.error('scheduled message failed and will not be retried', {
        job: row.job,
        slot: row.slot,
        recipient: row.recipient,
        kind: row.kind,
        error: outcome.error,
      });
      if (noticeFailures && !row.kind.startsWith('failed:')) {
        const m = deliveryFailureMessage({ ...row, error: outcome.error });
        const admins = deps.workspace.channels.admins;
        await enqueue(
          deps.db,
          row.job,
          row.slot,
          [
            {
              recipient: admins,
              kind: `failed:${row.kind}:${row.recipient}`,
              payload: { method: 'chat.postMessage', channel: admins, ...m },
            },
          ],
          now,
        );
      }
      return;
    }
    await markRetry(deps.db, row.id, workerId, new Date(now.getTime() + outcome.retryAfterMs), outcome.error);
    counts.deferred++;
    log.warn('scheduled message deferred', {
      job: row.job,
      slot: row.slot,
      recipient: row.recipient,
      error: outcome.error,
      retryInMs: outcome.retryAfterMs,
    });
  }

  const tick = () => {
    running = running
      .then(() => deps.tasks.track(() => runDue(deps.clock.now())))
      .catch((error) => log.error('scheduler tick failed', { error }));
    return running;
  };

  return {
    workerId,
    runDue: (now, options) => deps.tasks.track(() => runDue(now, options)),
    drainOutbox: (now) => deps.tasks.track(() => drainOutbox(now)),
    start() {
      if (task) return;
      void tick();
      task = cron.schedule('* * * * *', () => void tick(), {
        timezone: deps.workspace.timezone,
        noOverlap: true,
        name: 'planbot-scheduler',
      });
      log.info('scheduler started', { worker: workerId, timezone: deps.workspace.timezone, catchUp: 'on start' });
    },
    stop() {
      stopping = true;
      task?.stop();
      task = undefined;
    },
  };
}
