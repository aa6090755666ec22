import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type Db, openDatabase } from '../../db/client.js';
import { backupDatabase, copyDatabase, restoreDatabase } from '../../src/ops/db-transfer.js';
import { listTables, readRows } from '../../src/ops/tables.js';
import { openFreshPostgres } from '../fakes/db.js';
import { startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

/**
 * A session through the real app first (a question, updates, a report, reminders in the outbox, their audit), then
 * the database is copied, backed up and restored: every row of every table arrives, and loading into a database
 * that holds data is refused.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const tmp = mkdtempSync(join(tmpdir(), 'planbot-db-transfer-'));
let sb: TestSandbox;
let source: Db;

/** Every table's rows, as PostgreSQL writes each row in JSON, sorted: two databases with equal contents are equal. */
async function contents(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await listTables(db)) {
    const rows: string[] = [];
    for await (const page of readRows(db, t)) rows.push(...page);
    out[t.name] = rows.sort();
  }
  return out;
}

beforeAll(async () => {
  sb = await startTestSandbox({ start: '2016-06-10T09:00:00+08:00' });
  await sb.run({ as: 'U_JLY_1', dm: '学科带头人分为几个等级?' });
  await sb.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '' });
  await sb.run({ as: 'U_JLY_1', submit: { 指标: '国家质检中心', 数值: '2' } });
  await sb.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '合作科技项目 1 见"通知", =1+1' });
  await sb.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/report', text: '' });
  await sb.run({ as: 'U_JLY_1', submit: { 科技制度落实: '修订了科研管理办法', 仅保存草稿: 'draft' } });
  await sb.run({ clock: '2016-06-16T09:00:00+08:00' });
  source = sb.booted.deps.db;
}, 180_000);
afterAll(async () => {
  await sb?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('backup and restore', { timeout: 120_000 }, () => {
  let restored: Database;
  afterAll(() => restored?.close());

  it('the session left rows in questions, updates, reports, audit and the outbox', async () => {
    const all = await contents(source);
    for (const table of ['questions', 'progress_updates', 'reports', 'audit_log', 'outbox', 'progress_tallies']) {
      expect(all[table]?.length, table).toBeGreaterThan(0);
    }
  });

  it('a backup restored into an empty database holds every row of every table, ids and sequences included', async () => {
    const file = join(tmp, 'backup.jsonl');
    const written = await backupDatabase(source, file);
    expect(written.every((c) => c.source === c.target)).toBe(true);
    restored = await openDatabase({ kind: 'memory' });
    writeFileSync(join(tmp, 'other.jsonl'), '{"hello":1}\n');
    await expect(restoreDatabase(restored.db, join(tmp, 'other.jsonl'))).rejects.toThrow(/not a planbot backup/);
    const loaded = await restoreDatabase(restored.db, file);
    expect(loaded.filter((c) => c.source !== c.target)).toEqual([]);
    expect(await contents(restored.db)).toEqual(await contents(source));
    // New rows continue after the restored ids instead of colliding with them.
    const { outbox } = await import('../../db/schema.js');
    const [row] = await restored.db
      .insert(outbox)
      .values({ job: 'j', slot: 's', recipient: 'r', kind: 'k', payload: {}, nextAttemptAt: new Date() })
      .returning({ id: outbox.id });
    const ids = ((await contents(source)).outbox ?? []).map((r) => Number(JSON.parse(r).id));
    expect(row?.id).toBeGreaterThan(Math.max(...ids));
  });

  it('restoring into a database that holds data is refused and changes nothing', async () => {
    const before = await contents(restored.db);
    await expect(restoreDatabase(restored.db, join(tmp, 'backup.jsonl'))).rejects.toThrow(/already holds data/);
    expect(await contents(restored.db)).toEqual(before);
  });
});

describe.skipIf(!serverUrl)('copy to PostgreSQL', { timeout: 120_000 }, () => {
  let target: Database & { url: string };
  beforeAll(async () => {
    target = await openFreshPostgres(serverUrl as string);
  });
  afterAll(() => target?.close());

  it('copies every row of every table and the counts on both sides match', async () => {
    const counts = await copyDatabase(source, target.db);
    expect(counts.filter((c) => c.source !== c.target)).toEqual([]);
    expect(await contents(target.db)).toEqual(await contents(source));
  });

  it('a second copy into the now non-empty target is refused, and with force it replaces the rows', async () => {
    await expect(copyDatabase(source, target.db)).rejects.toThrow(/already holds data/);
    const counts = await copyDatabase(source, target.db, { force: true });
    expect(counts.filter((c) => c.source !== c.target)).toEqual([]);
    expect(await contents(target.db)).toEqual(await contents(source));
  });

  it('a backup of the PostgreSQL database restores into another PostgreSQL database row for row', async () => {
    const file = join(tmp, 'pg-backup.jsonl');
    await backupDatabase(target.db, file);
    const again = await openFreshPostgres(serverUrl as string);
    try {
      const loaded = await restoreDatabase(again.db, file);
      expect(loaded.filter((c) => c.source !== c.target)).toEqual([]);
      expect(await contents(again.db)).toEqual(await contents(source));
    } finally {
      await again.close();
    }
  });
});
