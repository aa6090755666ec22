import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PlanbotError } from '../src/errors.js';

/**
 * PGlite allows one process per data directory: a second one reports successful inserts and loses them.
 * A lock file holding the owner's pid makes the second process fail at start instead; a lock left by a
 * process that is gone is taken over.
 */
export interface DirLock {
  path: string;
  release(): void;
}

const LOCK_NAME = 'planbot.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dir: string, pid: number = process.pid): DirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      if (Number.isInteger(holder) && holder > 0 && holder !== pid && isAlive(holder)) {
        throw new PlanbotError(
          'database_locked',
          `the database directory ${dir} is in use by process ${holder}; stop it first, or set DATABASE_URL to share a PostgreSQL server`,
          {
            zh: `数据目录 ${dir} 正被进程 ${holder} 使用,请先停止该进程,或设置 DATABASE_URL 使用共享的 PostgreSQL 服务器。`,
            en: `The database directory ${dir} is in use by process ${holder}; stop it first, or set DATABASE_URL.`,
          },
        );
      }
      // The holder is gone (or it is us): take the stale lock over.
      rmSync(path, { force: true });
    }
  }
  throw new PlanbotError('database_locked', `could not take the lock on ${dir}`);
}
