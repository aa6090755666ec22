import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { Db } from '../../db/client.js';
import type { Metrics } from './metrics.js';

/**
 * Counts failed statements for `planbot_database_errors_total`. Every statement outside a transaction goes through
 * a prepared query of the database's session, and a transaction that fails rejects `db.transaction`; wrapping those
 * two on this one instance counts each failure once, on PGlite and PostgreSQL alike, without touching the drivers.
 */
export function countDatabaseErrors(db: Db, metrics: Pick<Metrics, 'databaseError'>): Db {
  const session = (db as unknown as { session?: { prepareQuery?: (...args: unknown[]) => object } }).session;
  if (session?.prepareQuery) wrapPrepareQuery(session as { prepareQuery: (...args: unknown[]) => object }, metrics);
  const transaction = db.transaction.bind(db);
  db.transaction = ((work: never, config?: never) =>
    transaction(work, config).catch((error: unknown) => {
      if (error instanceof DrizzleQueryError || isConnectionError(error)) metrics.databaseError();
      throw error;
    })) as Db['transaction'];
  return db;
}

function wrapPrepareQuery(
  session: { prepareQuery: (...args: unknown[]) => object },
  metrics: Pick<Metrics, 'databaseError'>,
): void {
  const prepareQuery = session.prepareQuery.bind(session);
  session.prepareQuery = (...args: unknown[]) => {
    const prepared = prepareQuery(...args) as { queryWithCache?: (...a: unknown[]) => Promise<unknown> };
    // A Drizzle without this hook still works; its errors are just not counted here.
    if (typeof prepared.queryWithCache !== 'function') return prepared;
    const run = prepared.queryWithCache.bind(prepared);
    prepared.queryWithCache = (...a: unknown[]) =>
      run(...a).catch((error: unknown) => {
        metrics.databaseError();
        throw error;
      });
    return prepared;
  };
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^(ECONN|CONNECT|CONNECTION_|EPIPE|ETIMEDOUT)/.test(code);
}
