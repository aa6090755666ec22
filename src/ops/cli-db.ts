import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '../../db/client.js';
import { databaseTarget } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { isPlanbotError } from '../errors.js';
import { redact } from '../logger.js';
import { backupDatabase, copyDatabase, formatCounts, restoreDatabase, type TableCount } from './db-transfer.js';

export const DB_HELP = `Usage: planbot db migrate
       planbot db copy --to URL [--force]
       planbot db backup FILE
       planbot db restore FILE

  migrate   apply every migration in db/migrations
  copy      copy every table into the PostgreSQL server at URL (migrated first); a target that holds data is
            refused unless --force, which empties it first; prints each table's row count on both sides and
            exits 1 if any differ
  backup    write every table to FILE (JSON lines)
  restore   load FILE into the database, which must be empty (a fresh PGlite directory or PostgreSQL database)

The database is the one the app uses: DATABASE_URL, or the PGlite directory ./data (PLANBOT_DATA_DIR).
Stop the bot first: PGlite allows one process, and a copy taken while it writes may miss the newest rows.`;

/** `planbot db …`: 0 on success, 1 on failure or a count that differs, 2 on a usage error. */
export async function runDbCommand(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  let values: { to?: string; force?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { to: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help || args.includes('--help')) {
    process.stdout.write(`${DB_HELP}\n`);
    return 0;
  }
  if (verb === 'copy' && !values.to) return usage('copy needs --to URL');
  if (verb === 'copy' && !/^postgres(ql)?:\/\//.test(values.to ?? '')) return usage('--to must be a postgres:// URL');
  if ((verb === 'backup' || verb === 'restore') && positionals.length !== 1) return usage(`${verb} needs one FILE`);
  if (!['migrate', 'copy', 'backup', 'restore'].includes(verb ?? '')) return usage(`unknown: db ${verb ?? ''}`);

  const config = loadConfig();
  const secrets = [...config.secrets, values.to ?? ''];
  let database: Database | undefined;
  let target: Database | undefined;
  try {
    database = await openDatabase(databaseTarget(config));
    if (verb === 'migrate') {
      process.stdout.write(`migrations applied (${database.kind})\n`);
      return 0;
    }
    let counts: TableCount[];
    let labels: [string, string];
    if (verb === 'copy') {
      target = await openDatabase({ kind: 'postgres', url: values.to as string });
      counts = await copyDatabase(database.db, target.db, { force: values.force });
      labels = ['source', 'target'];
    } else if (verb === 'backup') {
      counts = await backupDatabase(database.db, positionals[0] as string);
      labels = ['database', 'file'];
    } else {
      counts = await restoreDatabase(database.db, positionals[0] as string);
      labels = ['file', 'database'];
    }
    const { text, ok } = formatCounts(counts, labels);
    process.stdout.write(`${text}\n`);
    if (!ok) process.stderr.write('planbot db: row counts differ\n');
    return ok ? 0 : 1;
  } catch (error) {
    const reason = isPlanbotError(error) ? error.message : ((error as Error).message ?? String(error));
    process.stderr.write(`planbot db ${verb}: ${redact(reason, secrets)}\n`);
    return 1;
  } finally {
    await target?.close();
    await database?.close();
  }
}

function usage(problem: string): number {
  process.stderr.write(`planbot db: ${problem}\n${DB_HELP}\n`);
  return 2;
}
