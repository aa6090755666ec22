import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Database, openDatabase } from '../../db/client.js';

/**
 * The databases integration tests run on: PGlite in-process always, and the PostgreSQL server too when
 * `TEST_DATABASE_URL` is set (each test file gets a fresh database there, dropped afterwards).
 * Open one per test file: PGlite takes seconds to start.
 */
export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', open: () => openDatabase({ kind: 'memory' }) }];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) list.push({ name: 'postgres', open: () => openFreshPostgres(serverUrl) });
  return list;
}

/** Creates a throw-away database on the server; closing the returned handle drops it. */
export async function openFreshPostgres(serverUrl: string): Promise<Database & { url: string }> {
  const name = `planbot_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}
