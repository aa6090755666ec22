/**
 * `/progress` ingest: signed inline updates sent from this process, over loopback, to planbot's HTTP receiver
 * (another process, writing to PostgreSQL), and the same load to a bare Bolt app that only acknowledges.
 * Reports, side by side, throughput and p50/p99 acknowledgement latency, and for planbot the rate of updates
 * confirmed (written and answered through the response_url).
 *
 * Two ways to drive it:
 * - `--concurrency 1,8,32,64` (closed loop): that many senders, each waiting for its acknowledgement. Planbot acks
 *   before it writes, so past its write rate the work queues behind the acks and the run measures backlog.
 * - `--rate 100,300,400` (open loop, paced): requests sent on a fixed schedule, latency counted from the moment each
 *   was due (a late driver does not hide a slow server). Each level also waits for every confirmation and reports
 *   the CPU each process used, so the highest rate with p99 ≤ 100 ms and nothing left unconfirmed is the sustained
 *   rate, and the CPU column says who saturates.
 *
 * Usage: npx tsx bench/ingest.ts [--seconds 5] [--concurrency 1,8,32,64 | --rate 100,300] [--database postgres://…]
 *        [--profile DIR]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { scratchDatabase } from '../db/scratch.js';
import { postSigned } from '../src/sandbox/signing.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '1,8,32,64' },
    rate: { type: 'string' },
    /** Seconds each side is driven at 100 requests/s before the first level, not counted: JIT and pools warm. */
    warmup: { type: 'string', default: '2' },
    database: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test' },
    /** A directory for each server's CPU profile (`--cpu-prof`), written when the run ends. */
    profile: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const levels = String(values.concurrency).split(',').map(Number);
const rates = values.rate ? String(values.rate).split(',').map(Number) : null;
/** In paced mode, requests still unanswered beyond this many are not sent (counted as skipped): memory stays bounded. */
const MAX_IN_FLIGHT = 1000;
const profileDir = values.profile;

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
  name: 'planbot' | 'bare' | 'responses';
  url: string;
  secret: string;
  child: ChildProcess;
}

async function startSide(name: Side['name'], databaseUrl: string): Promise<Side> {
  const child = spawn(
    process.execPath,
    // tsx as a loader, not its CLI: one process per side, and `--cpu-prof` lands on the server itself.
    [
      '--import',
      'tsx',
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      'bench/ingest-server.ts',
      name,
      databaseUrl,
    ],
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

/** Where planbot confirms each update (the slash command's response_url): a process of its own, counting. */
async function startResponses(databaseUrl: string) {
  const side = await startSide('responses', databaseUrl);
  const counts = async () => (await (await fetch(side.url)).json()) as { confirmed: number; refused: number };
  return {
    url: side.url,
    pid: side.child.pid ?? 0,
    counts,
    /** Until `confirmed` reaches `expected` or `ms` pass. */
    async waitFor(expected: number, ms: number) {
      const until = performance.now() + ms;
      while ((await counts()).confirmed < expected && performance.now() < until)
        await new Promise((r) => setTimeout(r, 10));
    },
    close: () => side.child.kill(),
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function commandBody(side: Side, n: number, tag: string, responseUrl: string): string {
  const s = senders[n % senders.length] ?? senders[0];
  return new URLSearchParams({
    command: '/progress',
    text: s?.text ?? '',
    user_id: s?.user ?? '',
    channel_id: 'C_BENCH',
    team_id: 'T_BENCH',
    trigger_id: `${n}.${Date.now()}.bench-${side.name}-${tag}`,
    response_url: responseUrl,
  }).toString();
}

async function send(side: Side, body: string): Promise<number> {
  const res = await postSigned(side.url, side.secret, { body, contentType: 'application/x-www-form-urlencoded' }).catch(
    () => ({ status: 0 }),
  );
  return res.status;
}

function summarise(latencies: number[], failures: number, elapsed: number, skipped = 0) {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures,
    skipped,
    rps: latencies.length / elapsed,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    max: latencies.at(-1) ?? 0,
    elapsed,
  };
}

async function drive(side: Side, concurrency: number, responseUrl: string) {
  const latencies: number[] = [];
  let failures = 0;
  let seq = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const body = commandBody(side, seq++, `c${concurrency}`, responseUrl);
      const t0 = performance.now();
      const status = await send(side, body);
      latencies.push(performance.now() - t0);
      if (status !== 200) failures++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summarise(latencies, failures, (performance.now() - started) / 1000);
}

/** Open loop: request i is due at start + i/rate, sent then whatever came back; latency counts from when it was due. */
async function pace(side: Side, rate: number, responseUrl: string, forSeconds = seconds) {
  const latencies: number[] = [];
  const pending = new Set<Promise<void>>();
  let failures = 0;
  let skipped = 0;
  const total = Math.round(rate * forSeconds);
  const started = performance.now();
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (pending.size >= MAX_IN_FLIGHT) {
      skipped++;
      continue;
    }
    const p: Promise<void> = send(side, commandBody(side, n, `r${rate}`, responseUrl)).then((status) => {
      latencies.push(performance.now() - due);
      if (status !== 200) failures++;
      pending.delete(p);
    });
    pending.add(p);
  }
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(pending);
  return summarise(latencies, failures, elapsed, skipped);
}

/** CPU seconds used so far by a process (user + system), from /proc; 0 where there is no /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Every PostgreSQL server process on this machine (the backends serving the run among them). */
function postgresCpuSeconds(): number {
  let total = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(Number(entry));
      } catch {}
    }
  } catch {}
  return total;
}

/** CPU seconds the whole machine has been busy, every core together (other work on it shows up as the rest). */
function machineCpuSeconds(): number {
  try {
    const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return (ticks.reduce((a, b) => a + b, 0) - idle) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU used by the side's server, PostgreSQL, this driver and anything else on the machine while `run` runs, as % of
 * one core (a 2-core machine has 200).
 */
async function withCpu<T>(
  side: Side,
  responsesPid: number,
  run: () => Promise<T>,
): Promise<{ result: T; cpu: Record<string, number> }> {
  const pid = side.child.pid ?? 0;
  const before = {
    app: cpuSeconds(pid),
    pg: postgresCpuSeconds(),
    driver: process.cpuUsage(),
    responses: cpuSeconds(responsesPid),
    all: machineCpuSeconds(),
  };
  const t0 = performance.now();
  const result = await run();
  const wall = (performance.now() - t0) / 1000;
  const driver = process.cpuUsage(before.driver);
  const share = (s: number) => Math.round((100 * s) / wall);
  const used = {
    app: cpuSeconds(pid) - before.app,
    pg: postgresCpuSeconds() - before.pg,
    // The driver and the process counting confirmations together: the load generator's side.
    driver: (driver.user + driver.system) / 1e6 + cpuSeconds(responsesPid) - before.responses,
  };
  const rest = machineCpuSeconds() - before.all - used.app - used.pg - used.driver;
  return {
    result,
    cpu: { app: share(used.app), pg: share(used.pg), driver: share(used.driver), other: share(Math.max(0, rest)) },
  };
}

async function main() {
  const scratch = await scratchDatabase(values.database as string, 'planbot_bench');
  const url = new URL(scratch.url);
  const responses = await startResponses(url.toString());
  const rows: string[] = [];
  const sides = [await startSide('bare', url.toString()), await startSide('planbot', url.toString())];
  const runs = rates
    ? rates.map((rate) => ({ label: `${rate}/s`, run: (side: Side) => pace(side, rate, responses.url) }))
    : levels.map((c) => ({ label: String(c), run: (side: Side) => drive(side, c, responses.url) }));
  try {
    const warm = Number(values.warmup);
    for (const side of warm > 0 ? sides : []) {
      const before = (await responses.counts()).confirmed;
      const r = await pace(side, 100, responses.url, warm);
      if (side.name === 'planbot') await responses.waitFor(before + r.requests, 10_000);
    }
    for (const { label, run } of runs) {
      type Result = Awaited<ReturnType<typeof drive>> & { updatesPerSecond?: number; drain?: number };
      const result: Record<string, Result> = {};
      let cpu: Record<string, number> = {};
      for (const side of sides) {
        const before = (await responses.counts()).confirmed;
        const started = performance.now();
        const measured = await withCpu(side, responses.pid, async () => {
          const r: Result = await run(side);
          if (side.name !== 'planbot') return r;
          // Updates are written after the acknowledgement: wait for the last confirmation (bounded).
          const sent = performance.now();
          await responses.waitFor(before + r.requests, 30_000);
          r.drain = (performance.now() - sent) / 1000;
          const confirmed = (await responses.counts()).confirmed - before;
          r.updatesPerSecond = confirmed / ((performance.now() - started) / 1000);
          return r;
        });
        result[side.name] = measured.result;
        if (side.name === 'planbot') cpu = measured.cpu;
      }
      const b = result.bare;
      const p = result.planbot;
      if (!b || !p) continue;
      rows.push(
        `| ${label} | ${b.rps.toFixed(0)} | ${b.p50.toFixed(1)} | ${b.p99.toFixed(1)} | ${p.rps.toFixed(0)} | ${(p.updatesPerSecond ?? 0).toFixed(0)} | ${(p.drain ?? 0).toFixed(2)} | ${p.p50.toFixed(1)} | ${p.p99.toFixed(1)} | ${(p.p99 / b.p99).toFixed(2)}× | ${cpu.app} / ${cpu.pg} / ${cpu.driver} / ${cpu.other} | ${p.failures + b.failures}${p.skipped + b.skipped ? ` (+${p.skipped + b.skipped} skipped)` : ''} |`,
      );
      process.stderr.write(`${rates ? 'rate' : 'concurrency'} ${label} done\n`);
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
      `| ${rates ? 'rate' : 'concurrency'} | bare req/s | bare p50 ms | bare p99 ms | planbot req/s | planbot updates/s | last confirmed after s | planbot p50 ms | planbot p99 ms | p99 ratio | CPU % app / pg / driver / other | failed |`,
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) console.log(row);
    const final = await responses.counts();
    console.log(`\nrows written: ${count}; confirmations: ${final.confirmed}; refusals: ${final.refused}`);
  } finally {
    for (const side of sides) side.child.kill();
    responses.close();
    await new Promise((r) => setTimeout(r, 500));
    await scratch.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
