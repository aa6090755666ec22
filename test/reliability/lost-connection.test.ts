import { sql } from 'drizzle-orm';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, reconnectDelaySeconds, rowsOf } from '../../db/client.js';
import { forDrizzle, isConnectionLost } from '../../db/postgres-driver.js';
import { type PgServer, pgServerUnavailable, startPgServer } from '../fakes/pg-server.js';

/** A stand-in for postgres.js's `unsafe`: each call runs the next of `outcomes` (an error is thrown, rows returned). */
function scriptedClient(outcomes: Array<Error | unknown[]>) {
  const calls: Array<{ query: string; mode: 'rows' | 'values' }> = [];
  const client = {
    options: { parsers: {}, serializers: {} },
    unsafe(query: string) {
      const outcome = outcomes.shift();
      const settle = () => (outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome));
      const entry = { query, mode: 'rows' as 'rows' | 'values' };
      calls.push(entry);
      return {
        values() {
          entry.mode = 'values';
          return settle();
        },
        // biome-ignore lint/suspicious/noThenProperty: postgres.js queries are thenables
        then: (ok: (v: unknown) => unknown, failed: (e: unknown) => unknown) => settle().then(ok, failed),
      };
    },
  };
  return { client: client as unknown as Sql, calls };
}

const lost = (code: string) => Object.assign(new Error(`lost: ${code}`), { code });

describe('a statement whose connection was lost is sent again', () => {
  it('retries 57P01 (terminated by the administrator), in the mode Drizzle asked for', async () => {
    const { client, calls } = scriptedClient([lost('57P01'), [[1]]]);
    const wrapped = forDrizzle(client);
    await expect(wrapped.unsafe('select 1').values()).resolves.toEqual([[1]]);
    expect(calls).toEqual([
      { query: 'select 1', mode: 'values' },
      { query: 'select 1', mode: 'values' },
    ]);
  });

  it('retries a closed connection when the rows are awaited directly', async () => {
    const { client, calls } = scriptedClient([lost('CONNECTION_CLOSED'), [{ n: 1 }]]);
    await expect(forDrizzle(client).unsafe('select 1 as n')).resolves.toEqual([{ n: 1 }]);
    expect(calls.map((c) => c.mode)).toEqual(['rows', 'rows']);
  });

  it('gives up after two retries, with the last error', async () => {
    const { client, calls } = scriptedClient([lost('57P01'), lost('ECONNRESET'), lost('ECONNREFUSED'), [[1]]]);
    await expect(forDrizzle(client).unsafe('select 1').values()).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    expect(calls).toHaveLength(3);
  });

  it('never retries an error the statement itself caused (a unique violation, a syntax error)', async () => {
    for (const code of ['23505', '42601', undefined]) {
      const error = code ? lost(code) : new Error('no code');
      const { client, calls } = scriptedClient([error, [[1]]]);
      await expect(forDrizzle(client).unsafe('insert …').values()).rejects.toBe(error);
      expect(calls).toHaveLength(1);
      expect(isConnectionLost(error)).toBe(false);
    }
  });

  it('a cut connection reconnects within a second however many were cut (postgres.js alone waits up to 20 s)', () => {
    for (let cuts = 0; cuts <= 40; cuts++) {
      const delay = reconnectDelaySeconds(cuts);
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThanOrEqual(1);
    }
    expect(reconnectDelaySeconds(0)).toBeLessThanOrEqual(0.02);
  });

  it('passes everything else through to the client', () => {
    const { client } = scriptedClient([]);
    expect(forDrizzle(client).options).toBe(client.options);
  });
});

const unavailable = pgServerUnavailable();

describe.skipIf(Boolean(unavailable))('on a real server whose backends are terminated', () => {
  let pg: PgServer;
  beforeAll(async () => {
    pg = await startPgServer();
  }, 60_000);
  afterAll(async () => {
    await pg?.destroy();
  });

  it('every pooled connection killed between two statements: the next statements still succeed', async () => {
    // Without the retry, most of these statements fail with ECONNRESET or 57P01: they are written to a connection whose
    // backend has just been told to exit, before the client has read its farewell.
    const database = await openDatabase({ kind: 'postgres', url: pg.url });
    const killer = postgres(pg.url, { max: 1, onnotice: () => {} });
    try {
      // Several connections in the pool, all idle.
      await Promise.all(Array.from({ length: 5 }, () => database.db.execute(sql`select pg_sleep(0.05)`)));
      for (let round = 0; round < 5; round++) {
        await killer`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`;
        // Sent at once, before the client has necessarily read its connections' farewells.
        const results = await Promise.all(
          Array.from({ length: 5 }, (_, i) => database.db.execute(sql`select ${i}::int as i`)),
        );
        expect(results.map((r) => rowsOf(r)[0]?.i)).toEqual([0, 1, 2, 3, 4]);
      }
    } finally {
      await killer.end();
      await database.close();
    }
  }, 60_000);
});
