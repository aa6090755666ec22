/**
 * Builds the half-year circular for 1,000 units × 30 indicators × 6 periods from PostgreSQL and prints how long it
 * took and how many queries it made; the query count must not grow with the units (compare 100 and 1,000).
 *
 *   npx tsx bench/summary.ts            # BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://root@127.0.0.1:5432/test
 */
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { type Db, openDatabase } from '../db/client.js';
import * as schema from '../db/schema.js';
import { scratchDatabase } from '../db/scratch.js';
import { type Catalogue, type Indicator, loadCatalogue } from '../src/plan/catalogue.js';
import { defaultScheduleConfig } from '../src/schedule/config.js';
import { buildPeriodCircular } from '../src/schedule/jobs.js';
import { circularMessages } from '../src/schedule/messages.js';
import { chartPng } from '../src/summary/chart.js';

const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const UNITS = 1000;
const INDICATORS = 30;
const PERIODS = ['2015H1', '2015H2', '2016H1', '2016H2', '2017H1', '2017H2'];
const PERIOD = '2017H2';

/** The plan's catalogue, topped up with unit duties to 30 indicators. */
function benchCatalogue(): Catalogue {
  const base = loadCatalogue('plans/nmg-keji-2015');
  const template = base.indicators.find((i) => i.key === 'cooperation_projects') as Indicator;
  const extra = Array.from({ length: Math.max(0, INDICATORS - base.indicators.length) }, (_, n) => ({
    ...template,
    key: `bench_duty_${n}`,
    name: `测试职责指标${n}`,
  }));
  return { ...base, indicators: [...base.indicators, ...extra] };
}

async function main(): Promise<void> {
  const catalogue = benchCatalogue();
  const scratch = await scratchDatabase(SERVER, 'planbot_bench');
  const url = new URL(scratch.url);
  const migrated = await openDatabase({ kind: 'postgres', url: url.toString() });
  await migrated.close();
  let queries = 0;
  const client = postgres(url.toString(), { max: 10, onnotice: () => {}, debug: () => void queries++ });
  const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Db;
  try {
    const keys = catalogue.indicators.map((i) => i.key).slice(0, INDICATORS);
    const t0 = performance.now();
    await client`insert into units (id, name, short, kind, channel)
      select 'u' || lpad(g::text, 4, '0'), '单位' || g, '单位' || g, 'institution', 'C_U' || g from generate_series(1, ${UNITS}) g`;
    await client`insert into progress_updates (unit_id, indicator_key, period, value, submitted_by, submitted_at, updated_by, updated_at)
      select 'u' || lpad(u::text, 4, '0'), k, p, (u * 7 + length(k) + length(p)) % 5, 'U_BENCH', now(), 'U_BENCH', now()
      from generate_series(1, ${UNITS}) u, unnest(${keys}::text[]) k, unnest(${PERIODS}::text[]) p`;
    await client`insert into reports (unit_id, period, status, version, topics, first_submitted_at, submitted_at, submitted_by, updated_by, updated_at)
      select 'u' || lpad(g::text, 4, '0'), ${PERIOD}, 'submitted', 1, '{}'::jsonb,
        timestamptz '2017-12-25 10:00+08' + (g % 20) * interval '1 day', timestamptz '2017-12-25 10:00+08' + (g % 20) * interval '1 day',
        'U_BENCH', 'U_BENCH', now()
      from generate_series(1, ${UNITS}) g where g % 10 <> 0`;
    await client`analyze`;
    const [{ n }] = (await client`select count(*)::int as n from progress_updates`) as unknown as [{ n: number }];
    console.log(
      `seeded ${UNITS} units × ${keys.length} indicators × ${PERIODS.length} periods = ${n} updates in ${Math.round(performance.now() - t0)} ms`,
    );

    const config = defaultScheduleConfig();
    const channels = { summary: 'C_KEJI', admins: 'C_ADMIN' };
    const build = async () => {
      queries = 0;
      const start = performance.now();
      const circular = await buildPeriodCircular({ db, catalogue }, PERIOD, config, new Date('2018-01-15T01:00:00Z'));
      const built = performance.now();
      const png = chartPng(circular);
      const messages = circularMessages(circular, png, { timezone: 'Asia/Shanghai', channels });
      const end = performance.now();
      return {
        circular,
        messages,
        queries,
        totalMs: end - start,
        dataMs: built - start,
        renderMs: end - built,
        png: png.length,
      };
    };
    await build(); // warm-up: connections, JIT
    const full = await build();
    console.log(
      `circular for ${full.circular.ranking.length} units: ${full.totalMs.toFixed(0)} ms (figures ${full.dataMs.toFixed(0)} ms, chart and messages ${full.renderMs.toFixed(0)} ms), ` +
        `${full.queries} queries, ${full.messages.length} outbox messages, chart ${Math.round(full.png / 1024)} KiB; ` +
        `yellow cards (the lowest three places, ties sharing a place): ${full.circular.ranking.filter((r) => r.yellowCard).length} units`,
    );
    await client`update units set active = false where id > 'u0100'`;
    const small = await build();
    console.log(
      `circular for ${small.circular.ranking.length} units: ${small.totalMs.toFixed(0)} ms, ${small.queries} queries`,
    );
    const ok = full.totalMs <= 2000 && full.queries === small.queries;
    console.log(
      ok ? 'OK: within 2 s, query count independent of units' : 'NOT OK: over 2 s or query count grows with units',
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await client.end({ timeout: 5 });
    await scratch.drop();
  }
}

await main();
