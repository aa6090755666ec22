/**
 * `/progress` ingest: signed inline updates sent from this process, over loopback, to planbot's HTTP receiver
 * (another process, writing to PostgreSQL), and the same load to a bare Bolt app that only acknowledges.
 * Reports, side by side, throughput and p50/p99 acknowledgement latency, and for planbot the rate of updates
 * confirmed (written and answered through the response_url).
 *
 * Usage: npx tsx bench/ingest.ts [--seconds 5] [--concurrency 1,8,32,64] [--database postgres://root@127.0.0.1:5432/test]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { postSigned } from '../src/sandbox/signing.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '1,8,32,64' },
    database: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test' },
  },
});
const seconds = Number(values.seconds);
const levels = String(values.concurrency).split(',').map(Number);

/** Members who may report, and what they report: institutions their cooperation projects, centres their count. */
const senders = [
  ...['JLY', 'SHY', 'TJY', 'XJJ', 'BZY'].flatMap((u) =>
    [`U_${u}_1`, `U_${u}_LEAD`].map((user) => ({ user, text: '合作科技项目 1 基准测试' })),
  ),
  ...['COAL', 'COALW', 'ENERGY'].flatMap((u) =>
    [`U_${u}_1`, `U_${u}_LEAD`].map((user) => ({ user, text: '国家质检中心 3 基准测试' })),
  ),
];

interface Side {
  name: 'planbot' | 'bare';
  url: string;
  secret: string;
  child: ChildProcess;
}

async function startSide(name: Side['name'], databaseUrl: string): Promise<Side> {
  const child = spawn(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'bench/ingest-server.ts', name, databaseUrl],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.on('exit', (code) => reject(new Error(`${name} server exited with ${code}`)));
  });
  return { name, child, ...(JSON.parse(line) as { url: string; secret: string }) };
}

/** Where planbot confirms each update (the slash command's response_url), counted as they arrive. */
async function startResponses() {
  let confirmed = 0;
  let refused = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (body.includes('已记录')) confirmed++;
      else refused++;
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/r`,
    counts: () => ({ confirmed, refused }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function drive(side: Side, concurrency: number, responseUrl: string) {
  const latencies: number[] = [];
  let failures = 0;
  let seq = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = seq++;
      const s = senders[n % senders.length] ?? senders[0];
      if (!s) return;
      const body = new URLSearchParams({
        command: '/progress',
        text: s.text,
        user_id: s.user,
        channel_id: 'C_BENCH',
        team_id: 'T_BENCH',
        trigger_id: `${n}.${Date.now()}.bench-${side.name}-${concurrency}`,
        response_url: responseUrl,
      }).toString();
      const t0 = performance.now();
      const res = await postSigned(side.url, side.secret, {
        body,
        contentType: 'application/x-www-form-urlencoded',
      }).catch(() => ({ status: 0 }));
      latencies.push(performance.now() - t0);
      if (res.status !== 200) failures++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures,
    rps: latencies.length / elapsed,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    max: latencies.at(-1) ?? 0,
    elapsed,
  };
}

async function main() {
  const admin = postgres(values.database as string, { max: 1, onnotice: () => {} });
  const dbName = `planbot_bench_${Date.now()}`;
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(values.database as string);
  url.pathname = `/${dbName}`;
  const responses = await startResponses();
  const rows: string[] = [];
  const sides = [await startSide('bare', url.toString()), await startSide('planbot', url.toString())];
  try {
    for (const concurrency of levels) {
      const result: Record<string, Awaited<ReturnType<typeof drive>> & { updatesPerSecond?: number }> = {};
      for (const side of sides) {
        const before = responses.counts().confirmed;
        const started = performance.now();
        result[side.name] = await drive(side, concurrency, responses.url);
        if (side.name === 'planbot') {
          // Updates are written after the acknowledgement: wait for the last confirmation (bounded).
          const expected = before + (result.planbot?.requests ?? 0);
          const waitUntil = performance.now() + 30_000;
          while (responses.counts().confirmed < expected && performance.now() < waitUntil)
            await new Promise((r) => setTimeout(r, 20));
          const confirmed = responses.counts().confirmed - before;
          const r = result.planbot;
          if (r) r.updatesPerSecond = confirmed / ((performance.now() - started) / 1000);
        }
      }
      const b = result.bare;
      const p = result.planbot;
      if (!b || !p) continue;
      rows.push(
        `| ${concurrency} | ${b.rps.toFixed(0)} | ${b.p50.toFixed(1)} | ${b.p99.toFixed(1)} | ${p.rps.toFixed(0)} | ${(p.updatesPerSecond ?? 0).toFixed(0)} | ${p.p50.toFixed(1)} | ${p.p99.toFixed(1)} | ${(p.p99 / b.p99).toFixed(2)}× | ${p.failures + b.failures} |`,
      );
      process.stderr.write(`concurrency ${concurrency} done\n`);
    }
    const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const [{ count }] = (await db`select count(*)::int as count from progress_updates`) as unknown as [
      { count: number },
    ];
    await db.end();
    console.log(
      `\n/progress ingest, ${seconds} s per level, ${senders.length} senders, PostgreSQL ${url.host}, Node ${process.version}\n`,
    );
    console.log(
      '| concurrency | bare req/s | bare p50 ms | bare p99 ms | planbot req/s | planbot updates/s | planbot p50 ms | planbot p99 ms | p99 ratio | failed |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) console.log(row);
    console.log(
      `\nrows written: ${count}; confirmations: ${responses.counts().confirmed}; refusals: ${responses.counts().refused}`,
    );
  } finally {
    for (const side of sides) side.child.kill();
    await responses.close();
    await new Promise((r) => setTimeout(r, 500));
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
