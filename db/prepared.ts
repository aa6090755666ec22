import type { Db } from './client.js';

/**
 * A statement built by Drizzle once per database handle and then only run: `build` returns Drizzle's `.prepare()`
 * of a query whose values are `sql.placeholder`s. Building a statement (walking its columns, rendering its SQL,
 * mapping its parameters) is most of Drizzle's cost on a hot one-row insert (`bench/README.md`); the statements
 * every request runs are built here once. A transaction's handle is another object, so a statement run inside one
 * is built for it afresh (and is still correct).
 */
export function preparedFor<Statement>(build: (db: Db) => Statement): (db: Db) => Statement {
  const built = new WeakMap<Db, Statement>();
  return (db) => {
    let statement = built.get(db);
    if (statement === undefined) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}
