import type { Sql } from 'postgres';

/**
 * Errors that mean the statement's connection was lost: the server was shutting down or starting (`57P01`–`57P03`:
 * a statement it was running is rolled back with its connection), or the connection was refused or cut (a pooled
 * connection whose server went away while it sat idle; the client learns it only when it next writes a statement on
 * it). Such a statement did not run — unless the cut fell between its commit and the reply, a window of microseconds;
 * the writes that must never double (progress updates, claims) carry their own idempotency keys.
 */
const CONNECTION_LOST = new Set([
  '57P01',
  '57P02',
  '57P03',
  'CONNECTION_CLOSED',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
]);

/** How many times a statement is sent again; a pooled connection can fail, then the next one it is given. */
const RETRIES = 2;

/** How long to wait before each retry: a restarting server takes a moment to accept connections again. */
const RETRY_AFTER_MS = 100;

export function isConnectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_LOST.has(code);
}

interface Pending {
  values(): PromiseLike<unknown>;
}

/**
 * The postgres.js client as Drizzle uses it, with two differences:
 *
 * - Every statement is a prepared one. Drizzle asks postgres.js to prepare only the statements it was told to name,
 *   and postgres.js sends any other statement with parameters in two round trips (describe it, then run it), every
 *   time; prepared, it is described once per connection and then runs in one. That halves the client's CPU and the
 *   wait for a typical one-row statement (`bench/README.md`). Drizzle's SQL text is parameterised, so the statements
 *   a connection keeps are the application's few hundred shapes.
 * - A statement that fails because its connection was lost is sent again, up to RETRIES times (the pool may hand it
 *   another connection cut at the same moment). Without this, the first write after a server restart lands on a
 *   pooled connection the restart killed and fails though the server is back. Statements inside a transaction are not
 *   retried (postgres.js hands the transaction its own connection, not this wrapper): the transaction fails whole.
 */
export function forDrizzle(client: Sql): Sql {
  const unsafe = (query: string, params?: unknown[], options?: object) => {
    const prepared = { ...options, prepare: true };
    const run = (mode: 'rows' | 'values') => {
      const once = () => {
        const pending = client.unsafe(query, params as never, prepared);
        return mode === 'values' ? (pending as unknown as Pending).values() : pending;
      };
      const attempt = (left: number): Promise<unknown> =>
        Promise.resolve(once()).catch(async (error: unknown) => {
          if (left === 0 || !isConnectionLost(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
          return attempt(left - 1);
        });
      return attempt(RETRIES);
    };
    return {
      values: () => run('values'),
      // biome-ignore lint/suspicious/noThenProperty: Drizzle awaits the query object itself for row results.
      then: (onFulfilled?: (rows: unknown) => unknown, onRejected?: (error: unknown) => unknown) =>
        run('rows').then(onFulfilled, onRejected),
    };
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      return property === 'unsafe' ? unsafe : Reflect.get(target, property, receiver);
    },
  });
}
