import {
  type messages,
  type PGlite,
  parse,
  protocol,
  type QueryOptions,
  type Results,
  type Transaction,
} from '@electric-sql/pglite';

type Query = PGlite['query'];

/** How many statement shapes are kept prepared; Drizzle's SQL is parameterised, so an app has a few hundred. */
const MAX_PREPARED = 1000;

interface Prepared {
  name: string;
  paramTypes: number[];
  /** The statement's columns (none for a write without `returning`), read once when it was prepared. */
  columns?: messages.BackendMessage;
}

function joined(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * PGlite's `query` with every statement prepared once and then run in one exchange. PGlite's own `query` sends an
 * unnamed statement through six calls into the database (parse, describe, bind, describe, execute, sync), so the
 * server parses and plans the SQL text again every time; here a statement is parsed and described once under a name,
 * and each run sends bind, execute and sync together. The same locks as PGlite's `query` (an open transaction holds
 * statements from elsewhere back), the same parameter serializers and row parsers, the same errors; a statement that
 * fails to prepare is not kept.
 */
function preparedQuery(client: PGlite): Query {
  const statements = new Map<string, Prepared>();
  const { serialize } = protocol;
  const prepare = async (text: string): Promise<Prepared> => {
    const name = `planbot_${statements.size + 1}`;
    const { messages } = await client.execProtocol(
      joined([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]),
    );
    const params = messages.find((m) => m.name === 'parameterDescription') as { dataTypeIDs?: number[] } | undefined;
    const prepared = {
      name,
      paramTypes: params?.dataTypeIDs ?? [],
      columns: messages.find((m) => m.name === 'rowDescription'),
    };
    statements.set(text, prepared);
    return prepared;
  };
  return async <T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> => {
    if (options?.blob || (statements.size >= MAX_PREPARED && !statements.has(text)))
      return client.query<T>(text, params, options);
    await client._checkReady();
    return client._runExclusiveTransaction(() =>
      client._runExclusiveQuery(async () => {
        const statement = statements.get(text) ?? (await prepare(text));
        const values = params.map((value, i) => {
          if (value === null || value === undefined) return null;
          const type = statement.paramTypes[i] ?? 0;
          const serializer = options?.serializers?.[type] ?? client.serializers[type];
          return serializer ? serializer(value) : String(value);
        });
        const { messages } = await client.execProtocol(
          joined([serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()]),
        );
        const all = statement.columns ? [statement.columns, ...messages] : messages;
        return parse.parseResults(all, client.parsers, options)[0] as Results<T>;
      }),
    );
  };
}

/**
 * The PGlite client as Drizzle uses it (db/client.ts; Drizzle is its only user), with two differences:
 *
 * - Statements outside a transaction are prepared once and then run in one exchange (`preparedQuery`).
 * - Drizzle's parsers are merged into the client's table once. Drizzle passes parsers of its own with every
 *   statement (dates and intervals kept as text), and PGlite then copies its whole table of several hundred type
 *   parsers to merge them (`{ ...table, ...given }`) before reading the rows: 8.8 % of a vote's CPU on in-memory
 *   PGlite (`bench/README.md`). Merged once, the first time they come, each statement runs without them and its rows
 *   are read with the client's table as it stands: the same parsers, no copy.
 */
export function forDrizzlePglite(client: PGlite): Pick<PGlite, 'query' | 'transaction'> {
  const merged = new WeakSet<object>();
  const lean = (options?: QueryOptions): QueryOptions | undefined => {
    const parsers = options?.parsers;
    if (!parsers) return options;
    if (!merged.has(parsers)) {
      Object.assign(client.parsers, parsers);
      merged.add(parsers);
    }
    return { ...options, parsers: undefined };
  };
  const leanQuery =
    (run: Query): Query =>
    (text, params, options) =>
      run(text, params, lean(options));
  return {
    query: leanQuery(preparedQuery(client)),
    transaction: (callback) =>
      client.transaction((tx) => {
        // The transaction's other methods are closures over it, so a child object that only replaces query works.
        const inside: Transaction = Object.create(tx);
        inside.query = leanQuery(tx.query);
        return callback(inside);
      }),
  };
}
