import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forDrizzlePglite } from '../../db/pglite-driver.js';

// Drizzle's own parsers, as it passes them with every statement: dates and times kept as text.
const DRIZZLE_LIKE = { rowMode: 'array' as const, parsers: { 1184: (v: string) => v, 1114: (v: string) => v } };

describe('PGlite as Drizzle uses it: prepared once, parsers merged once', () => {
  let client: PGlite;
  let lean: ReturnType<typeof forDrizzlePglite>;
  beforeAll(async () => {
    client = new PGlite();
    await client.exec(`
      create table t (id serial primary key, name text unique not null, n numeric, at timestamptz, doc jsonb, tags text[]);
      insert into t (name, n, at, doc, tags) values ('a', 1.5, '2016-06-20T01:00:00Z', '{"k":[1,2]}', '{x,y}');`);
    lean = forDrizzlePglite(client);
  });
  afterAll(() => client.close());

  it('reads the same rows and fields as PGlite’s own query, in both row modes', async () => {
    const reads: [string, unknown[]][] = [
      ['select id, name, n, at, doc, tags from t where name = $1', ['a']],
      ['select count(*)::int as c from t where n > $1', [0]],
      ['select name from t where at is null and name = $1', ['none']],
    ];
    for (const [text, params] of reads) {
      for (const options of [DRIZZLE_LIKE, { ...DRIZZLE_LIKE, rowMode: 'object' as const }]) {
        const mine = await lean.query(text, params, options);
        const theirs = await client.query(text, params, options);
        expect(mine.rows).toEqual(theirs.rows);
        expect(mine.fields).toEqual(theirs.fields);
      }
    }
  });

  it('writes as PGlite’s own query does: the rows returned, the rows affected, the parameters serialised', async () => {
    const insert =
      'insert into t (name, n, at, doc, tags) values ($1, $2, $3, $4, $5) returning name, n, at, doc, tags';
    const values = (name: string) => [name, 2, new Date('2017-01-01T00:00:00Z'), { k: 'v' }, ['p', 'q']];
    const mine = await lean.query(insert, values('b'), DRIZZLE_LIKE);
    const theirs = await client.query(insert, values('c'), DRIZZLE_LIKE);
    expect(mine.rows).toEqual([['b', '2', '2017-01-01 00:00:00+00', { k: 'v' }, ['p', 'q']]]);
    expect(theirs.rows).toEqual([['c', ...(mine.rows[0] as unknown[]).slice(1)]]);
    expect(mine.fields).toEqual(theirs.fields);
    const update = 'update t set n = n + 1 where name = any($1)';
    const updated = await lean.query(update, [['b', 'c']]);
    expect(updated).toMatchObject({ affectedRows: 2, rows: [], fields: [] });
    expect(await client.query(update, [['b', 'c']])).toMatchObject({ affectedRows: 2, rows: [], fields: [] });
  });

  it('prepares a statement once and runs it again by name', async () => {
    const text = 'select name from t where name = $1 and id > $2';
    for (const name of ['a', 'b', 'zz']) await lean.query(text, [name, 0]);
    const { rows } = await client.query<{ name: string }>(
      'select name from pg_prepared_statements where statement = $1',
      [text],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.name).toMatch(/^planbot_\d+$/);
  });

  it('passes a NULL parameter as NULL', async () => {
    const { rows } = await lean.query<{ n: null }>('select $1::numeric as n', [null]);
    expect(rows).toEqual([{ n: null }]);
  });

  it('raises the database’s error with its code, and the statement runs again afterwards', async () => {
    const text = 'insert into t (name) values ($1)';
    await lean.query(text, ['u1']);
    await expect(lean.query(text, ['u1'])).rejects.toMatchObject({ code: '23505' });
    await expect(lean.query(text, ['u2'])).resolves.toMatchObject({ affectedRows: 1 });
  });

  it('does not keep a statement that fails to prepare: fixing the table makes the same text work', async () => {
    const text = 'select missing from later where id = $1';
    await expect(lean.query(text, [1])).rejects.toMatchObject({ code: '42P01' });
    await client.exec('create table later (id int, missing text); insert into later values (1, $$here$$);');
    await expect(lean.query(text, [1])).resolves.toMatchObject({ rows: [{ missing: 'here' }] });
  });

  it('holds a statement back while a transaction is open elsewhere, so it never lands inside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = lean.transaction(async (tx) => {
      await tx.query(`insert into t (name) values ('in-tx')`, [], DRIZZLE_LIKE);
      await held;
      await tx.rollback();
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = lean.query<{ c: number }>(`select count(*)::int as c from t where name = $1`, ['in-tx']);
    release();
    await transaction;
    // Run after the rollback: the row the transaction wrote was never seen.
    expect((await outside).rows).toEqual([{ c: 0 }]);
  });
});
