/** `bench/load.ts --scale-out`: whether the two schedulers sent each scheduled message exactly once. */
import postgres from 'postgres';
import { ask, type Slack, type Target, tally } from './load-run.js';

export interface ScheduledCheck {
  /** Outbox rows the two schedulers wrote between them, by status. */
  outbox: Record<string, number>;
  /** chat.postMessage calls Slack received for them. */
  posted: number;
  /** Posts that repeat an earlier one's channel and text (a message sent twice). */
  repeated: number;
  exactlyOnce: boolean;
}

/**
 * Both processes started with a clock at which reminders are due, so each scheduler's start-up catch-up races the
 * other's for the same slots. Waits until the outbox is drained and Slack has seen no new post for a while.
 */
export async function scheduledOnce(databaseUrl: string, planbots: Target[], slack: Slack): Promise<ScheduledCheck> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    let last = -1;
    let still = 0;
    let outbox: Record<string, number> = {};
    for (let i = 0; i < 120 && still < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await Promise.all(planbots.map((p) => ask(p.child, { drain: true }, (m) => ('drained' in m ? true : undefined))));
      const rows = await sql<{ status: string; n: number }[]>`select status, count(*)::int as n from outbox group by 1`;
      outbox = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      const posted = (await tally(slack)).calls['chat.postMessage'] ?? 0;
      const busy = (outbox.pending ?? 0) + (outbox.sending ?? 0) > 0;
      still = posted === last && !busy ? still + 1 : 0;
      last = posted;
    }
    const t = await tally(slack);
    const posted = t.calls['chat.postMessage'] ?? 0;
    return {
      outbox,
      posted,
      repeated: t.repeatedPosts,
      exactlyOnce: t.repeatedPosts === 0 && posted === (outbox.sent ?? 0),
    };
  } finally {
    await sql.end();
  }
}
