import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { PlanbotError } from '../src/errors.js';
import { packagePath } from '../src/package-root.js';
import { type DirLock, lockDataDir } from './lock.js';
import { forDrizzlePglite } from './pglite-driver.js';
import { forDrizzle } from './postgres-driver.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The database as the repositories see it: the same Drizzle API on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'memory' };

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** Found from the package root, so the build in dist/ uses the committed migrations too. */
export const MIGRATIONS_DIR = packagePath('db', 'migrations');
/** An arbitrary, fixed key: processes starting together on one server migrate one at a time. */
const MIGRATION_LOCK_KEY = 727_015_2017;

/** Opens the database and applies every committed migration. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') return openPostgres(target.url);
  let lock: DirLock | undefined;
  if (target.kind === 'pglite') lock = lockDataDir(target.dataDir);
  try {
    const client = target.kind === 'pglite' ? new PGlite(target.dataDir) : new PGlite();
    await client.waitReady;
    const db = drizzlePglite({ client: forDrizzlePglite(client) as PGlite, schema, casing: 'snake_case' });
    await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * How long a pooled connection that was cut waits before it reconnects, by the count of connections cut with an error
 * so far (postgres.js shares it across the pool). Its default grows as 3ⁿ up to 20 s, so after a server restart that
 * cuts all ten connections at once each waits 10–20 s, with statements queued behind it; this one is at most 1 s.
 */
export function reconnectDelaySeconds(cuts: number): number {
  return Math.min(0.02 * 2 ** Math.min(cuts, 16), 1) * (0.5 + Math.random() / 2);
}

async function openPostgres(url: string): Promise<Database> {
  const client = postgres(url, { max: 10, onnotice: () => {}, connect_timeout: 10, backoff: reconnectDelaySeconds });
  try {
    const db = drizzlePostgres({ client: forDrizzle(client), schema, casing: 'snake_case' });
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
    return { db: db as unknown as Db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    if (error instanceof PlanbotError) throw error;
    const reason = (error as Error).message;
    throw new PlanbotError('database_unavailable', `cannot open the PostgreSQL database: ${reason}`, undefined, {
      cause: error,
    });
  }
}

/** `db.execute` answers with `{ rows }` on PGlite and with the rows themselves on postgres.js. */
export function rowsOf(result: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
  return ((result as { rows?: unknown[] }).rows ?? []) as Array<Record<string, unknown>>;
}
