import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';

/**
 * The tables of a planbot database as PostgreSQL itself lists them (so tables added by later migrations are
 * included without naming them here), in an order where every table comes after the tables it references.
 */
export interface TableInfo {
  name: string;
  /** Columns a row can be written to (generated columns are left out). */
  columns: string[];
  /** Columns filled from a sequence (serial or identity), reset after a load. */
  sequenced: string[];
}

export async function listTables(db: Db): Promise<TableInfo[]> {
  const tables = rowsOf(
    await db.execute(sql`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  ).map((r) => String(r.name));
  const columns = rowsOf(
    await db.execute(sql`select table_name as t, column_name as c, column_default as d, is_identity as i,
        is_generated as g from information_schema.columns where table_schema = 'public' order by ordinal_position`),
  );
  const references = rowsOf(
    await db.execute(sql`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public'`),
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const r of references) {
    const child = unquote(String(r.child));
    const parent = unquote(String(r.parent));
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) visit(p, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered.map((name) => {
    const own = columns.filter((c) => c.t === name);
    return {
      name,
      columns: own.filter((c) => c.g !== 'ALWAYS').map((c) => String(c.c)),
      sequenced: own.filter((c) => c.i === 'YES' || String(c.d ?? '').startsWith('nextval(')).map((c) => String(c.c)),
    };
  });
}

const unquote = (name: string) => name.replace(/^public\./, '').replace(/^"(.*)"$/, '$1');

export async function countRows(db: Db, tables: readonly TableInfo[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const t of tables) {
    const [row] = rowsOf(await db.execute(sql`select count(*)::int as n from ${sql.identifier(t.name)}`));
    counts.set(t.name, Number(row?.n ?? 0));
  }
  return counts;
}

/** Reads a table's rows as PostgreSQL's own JSON of each row, a page at a time, in a stable order. */
export async function* readRows(db: Db, table: TableInfo, pageSize = 1000): AsyncGenerator<string[]> {
  for (let offset = 0; ; offset += pageSize) {
    const page = rowsOf(
      await db.execute(
        sql`select row_to_json(t)::text as j from ${sql.identifier(table.name)} t
          order by row_to_json(t)::text limit ${pageSize} offset ${offset}`,
      ),
    ).map((r) => String(r.j));
    if (page.length) yield page;
    if (page.length < pageSize) return;
  }
}

/** Writes rows (JSON text of each) into a table: PostgreSQL converts every column from JSON to its own type. */
export async function writeRows(db: Db, table: TableInfo, rows: readonly string[]): Promise<void> {
  if (!rows.length) return;
  const cols = sql.join(
    table.columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  await db.execute(
    sql`insert into ${sql.identifier(table.name)} (${cols}) overriding system value
      select ${cols} from json_populate_recordset(null::${sql.identifier(table.name)}, ${`[${rows.join(',')}]`}::json)`,
  );
}

/** Triggers (derived tables such as tallies) stay off while rows are loaded as they were: the copy has them already. */
export async function setUserTriggers(db: Db, tables: readonly TableInfo[], enabled: boolean): Promise<void> {
  for (const t of tables) {
    await db.execute(
      enabled
        ? sql`alter table ${sql.identifier(t.name)} enable trigger user`
        : sql`alter table ${sql.identifier(t.name)} disable trigger user`,
    );
  }
}

/** Sequences continue after the highest id loaded, so new rows do not collide with copied ones. */
export async function resetSequences(db: Db, tables: readonly TableInfo[]): Promise<void> {
  for (const t of tables) {
    for (const c of t.sequenced) {
      await db.execute(
        sql`select setval(pg_get_serial_sequence(${t.name}, ${c}),
          coalesce((select max(${sql.identifier(c)}) from ${sql.identifier(t.name)}), 0) + 1, false)`,
      );
    }
  }
}

export async function truncateAll(db: Db, tables: readonly TableInfo[]): Promise<void> {
  if (!tables.length) return;
  const names = sql.join(
    tables.map((t) => sql.identifier(t.name)),
    sql`, `,
  );
  await db.execute(sql`truncate ${names} restart identity cascade`);
}
