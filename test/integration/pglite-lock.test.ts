import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { lockDataDir } from '../../db/lock.js';
import { auditLog } from '../../db/schema.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'planbot-lock-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs `planbot db migrate` in another process against the PGlite directory. */
function migrateInAnotherProcess(dataDir: string) {
  return spawnSync(process.execPath, ['bin/planbot.mjs', 'db', 'migrate'], {
    env: { PATH: process.env.PATH, PLANBOT_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('one process per PGlite data directory', () => {
  it('when a second process opens a directory in use, it is refused with a clear error and the first keeps all its rows', async () => {
    const dir = tempDir();
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await first.db.insert(auditLog).values({ actor: 't', action: 'a', entity: 'e', entityId: '1' });
      const second = migrateInAnotherProcess(dir);
      expect(second.status).toBe(1);
      expect(second.stderr.trim()).toMatch(
        new RegExp(`^planbot(?: db migrate)?: the database directory .* is in use by process ${process.pid}`),
      );
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      await first.db.insert(auditLog).values({ actor: 't', action: 'b', entity: 'e', entityId: '2' });
      expect(await first.db.select().from(auditLog)).toHaveLength(2);
    } finally {
      await first.close();
    }
    const reopened = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect((await reopened.db.select().from(auditLog)).map((r) => r.action)).toEqual(['a', 'b']);
    await reopened.close();
  });

  it('when the lock was left by a process that has died, the next one takes it over', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'planbot.lock'), `${dead.stdout}\n`);
    const lock = lockDataDir(dir);
    lock.release();
    const again = migrateInAnotherProcess(dir);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('migrations applied (pglite)');
  });

  it('when a process closes its database, the lock is released for the next one', async () => {
    const dir = tempDir();
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    await db.close();
    expect(() => lockDataDir(dir).release()).not.toThrow();
  });
});
