import { type Database, openDatabase } from '../../db/client.js';
import { scratchDatabase } from '../../db/scratch.js';

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
  const scratch = await scratchDatabase(serverUrl, 'planbot_t');
  const database = await openDatabase({ kind: 'postgres', url: scratch.url });
  return {
    ...database,
    url: scratch.url,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}
