import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Db } from '../../db/client.js';
import { PlanbotError } from '../errors.js';
import {
  countRows,
  listTables,
  readRows,
  resetSequences,
  setUserTriggers,
  type TableInfo,
  truncateAll,
  writeRows,
} from './tables.js';

/**
 * Moving a planbot database: copy it into another PostgreSQL server, or write it to one file and load it back.
 * Both sides are migrated to the same schema first (the caller opens them with openDatabase), rows travel as
 * PostgreSQL's own JSON of each row, and the row count of every table is compared at the end.
 */

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export const BACKUP_FORMAT = 'planbot-backup';

/** Copies every row of every table; a target holding rows is refused unless `force` (then it is emptied first). */
export async function copyDatabase(source: Db, target: Db, options: { force?: boolean } = {}): Promise<TableCount[]> {
  const tables = await listTables(source);
  await ensureEmpty(target, options.force ?? false, 'the target database');
  await load(target, tables, async (write) => {
    for (const t of tables) for await (const page of readRows(source, t)) await write(t, page);
  });
  return compare(await countRows(source, tables), await countRows(target, tables), tables);
}

/** Writes every table to one file: a header line, then each table's name and row count, then its rows, one a line. */
export async function backupDatabase(db: Db, file: string): Promise<TableCount[]> {
  const tables = await listTables(db);
  const counts = await countRows(db, tables);
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(JSON.stringify({ format: BACKUP_FORMAT, version: 1, tables: tables.map((t) => t.name) }));
  for (const t of tables) {
    await write(JSON.stringify({ table: t.name, rows: counts.get(t.name) ?? 0 }));
    for await (const page of readRows(db, t)) for (const row of page) await write(row);
  }
  out.end();
  await once(out, 'finish');
  return tables.map((t) => ({ table: t.name, source: counts.get(t.name) ?? 0, target: counts.get(t.name) ?? 0 }));
}

/** Loads a backup into an empty database; the counts compare the file's with the database's after loading. */
export async function restoreDatabase(db: Db, file: string): Promise<TableCount[]> {
  const tables = await listTables(db);
  await ensureEmpty(db, false, 'the database');
  const byName = new Map(tables.map((t) => [t.name, t]));
  const expected = new Map<string, number>();
  await load(db, tables, async (write) => {
    // Opened here, where it is read at once: readline drops lines emitted before its iterator exists.
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let header = true;
    let current: TableInfo | undefined;
    let left = 0;
    let page: string[] = [];
    for await (const line of lines) {
      if (!line) continue;
      if (header) {
        const h = JSON.parse(line) as { format?: string };
        if (h.format !== BACKUP_FORMAT) throw new PlanbotError('invalid_input', `${file} is not a planbot backup`);
        header = false;
      } else if (left === 0) {
        const section = JSON.parse(line) as { table: string; rows: number };
        current = byName.get(section.table);
        if (!current)
          throw new PlanbotError('invalid_input', `the backup has a table this database lacks: ${section.table}`);
        expected.set(section.table, section.rows);
        left = section.rows;
      } else {
        page.push(line);
        left--;
        if (page.length === 1000 || left === 0) {
          await write(current as TableInfo, page);
          page = [];
        }
      }
    }
    if (header || left) throw new PlanbotError('invalid_input', `${file} ends before its last table does`);
  });
  const loaded = await countRows(db, tables);
  return tables.map((t) => ({ table: t.name, source: expected.get(t.name) ?? 0, target: loaded.get(t.name) ?? 0 }));
}

/** One transaction with user triggers off; sequences reset after. */
async function load(
  target: Db,
  tables: TableInfo[],
  fill: (write: (t: TableInfo, rows: string[]) => Promise<void>) => Promise<void>,
): Promise<void> {
  const targetTables = new Map((await listTables(target)).map((t) => [t.name, t]));
  await target.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await setUserTriggers(db, [...targetTables.values()], false);
    await fill(async (t, rows) => {
      const into = targetTables.get(t.name);
      if (!into) throw new PlanbotError('invalid_input', `the target has no table ${t.name}: is it migrated?`);
      await writeRows(db, into, rows);
    });
    await setUserTriggers(db, [...targetTables.values()], true);
    await resetSequences(db, tables);
  });
}

async function ensureEmpty(db: Db, force: boolean, what: string): Promise<void> {
  const tables = await listTables(db);
  const counts = await countRows(db, tables);
  const holding = [...counts].filter(([, n]) => n > 0).map(([t, n]) => `${t} (${n})`);
  if (!holding.length) return;
  if (!force) {
    throw new PlanbotError('conflict', `${what} already holds data: ${holding.join(', ')}; refusing to load into it`);
  }
  await truncateAll(db, tables);
}

function compare(source: Map<string, number>, target: Map<string, number>, tables: TableInfo[]): TableCount[] {
  return tables.map((t) => ({ table: t.name, source: source.get(t.name) ?? 0, target: target.get(t.name) ?? 0 }));
}

/** The counts as an aligned table for the terminal, and whether every table matches. */
export function formatCounts(counts: readonly TableCount[], labels: [string, string]): { text: string; ok: boolean } {
  const width = Math.max(5, ...counts.map((c) => c.table.length));
  const lines = [`${'table'.padEnd(width)}  ${labels[0].padStart(8)}  ${labels[1].padStart(8)}`];
  for (const c of counts) {
    const mark = c.source === c.target ? '' : '  ← differs';
    lines.push(`${c.table.padEnd(width)}  ${String(c.source).padStart(8)}  ${String(c.target).padStart(8)}${mark}`);
  }
  return { text: lines.join('\n'), ok: counts.every((c) => c.source === c.target) };
}
