/**
 * Load benchmark: planbot's real HTTP app beside a bare Bolt app (same receiver, listeners that only ack), each in
 * its own child process; this process is the driver. At each concurrency level, N workers send signed requests
 * back to back on loopback — /plan questions, DMs, vote clicks and /progress inline updates — to one app at a time,
 * then wait for that app to finish all the work the requests set off. Reports throughput and p50/p99 ack latency
 * side by side, the app's CPU share and event-loop delay, and how long its backlog took to drain.
 *
 *   npx tsx bench/load.ts [--seconds N] [--levels 1,4,16,64] [--smoke] [--json]
 *
 * `--smoke` runs two short levels and exits 0 only if every request was acked with 200 within Slack's 3 s and
 * every /plan, vote and /progress request got its reply. Never a timed assertion beyond that 3 s.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { postSigned, type SignedRequest } from '../src/sandbox/signing.js';
import { ACTION_VOTE_UP } from '../src/slack/blocks/answer.js';
import { buttonRequest, commandRequest, messageRequest } from '../test/reliability/support.js';
import { type ChildMessage, SIGNING_SECRET, type Stats, serve } from './bare-app.js';

const SLACK_ACK_LIMIT_MS = 3000;

interface Options {
  seconds: number;
  levels: number[];
  smoke: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Options & { serve?: 'planbot' | 'bare' } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const smoke = argv.includes('--smoke');
  const seconds = Number(get('--seconds') ?? (smoke ? 1.5 : 5));
  const levels = (get('--levels') ?? (smoke ? '1,8' : '1,4,16,64,128'))
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  if (!(seconds > 0 && seconds <= 120) || !levels.length || levels.some((n) => n > 512)) {
    throw new Error('usage: bench/load.ts [--seconds 0<N<=120] [--levels 1,4,16 (each <= 512)] [--smoke] [--json]');
  }
  const serveKind = get('--serve');
  return {
    seconds,
    levels,
    smoke,
    json: argv.includes('--json'),
    serve: serveKind === 'planbot' || serveKind === 'bare' ? serveKind : undefined,
  };
}

const QUESTIONS = readFileSync(fileURLToPath(new URL('../test/fixtures/qa/dev.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { q: string }).q);

type Kind = 'plan' | 'dm' | 'vote' | 'progress';
/** The mix, out of 20: questions by /plan, by DM, clicks on an answer's vote button, inline progress updates. */
const MIX: Kind[] = [
  ...Array(8).fill('plan'),
  ...Array(6).fill('dm'),
  ...Array(3).fill('vote'),
  ...Array(3).fill('progress'),
];

interface Target {
  name: 'planbot' | 'bare';
  child: ChildProcess;
  eventsUrl: string;
  responseBase: string;
  dm: string;
}

function startChild(name: 'planbot' | 'bare'): Promise<Target> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', name], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${name} server exited (${code}) before it was ready`)));
    child.once('message', (m: ChildMessage) => {
      if (!('ready' in m)) return reject(new Error(`unexpected message from ${name}`));
      const [eventsUrl, responseBase] = m.ready.url.split('|') as [string, string];
      child.removeAllListeners('exit');
      resolve({ name, child, eventsUrl, responseBase, dm: m.ready.dm });
    });
  });
}

function drain(target: Target): Promise<Stats> {
  return new Promise((resolve) => {
    const onMessage = (m: ChildMessage) => {
      if (!('drained' in m)) return;
      target.child.off('message', onMessage);
      resolve(m.drained);
    };
    target.child.on('message', onMessage);
    target.child.send({ drain: true });
  });
}

let seq = 0;
function nextRequest(target: Target): { kind: Kind; req: SignedRequest } {
  const n = seq++;
  const kind = MIX[n % MIX.length] as Kind;
  const question = QUESTIONS[n % QUESTIONS.length] as string;
  const responseUrl = target.responseBase ? `${target.responseBase}/${n}` : 'http://127.0.0.1:9/none';
  switch (kind) {
    case 'plan':
      return {
        kind,
        req: commandRequest({ command: '/plan', text: question, user: 'U_JLY_1', channel: 'C_JLY', responseUrl }),
      };
    case 'dm':
      return { kind, req: messageRequest({ user: 'U_SHY_1', channel: target.dm, text: question }) };
    case 'vote':
      // Question 1 is asked before the run starts.
      return {
        kind,
        req: buttonRequest({ user: 'U_TJY_1', channel: 'C_JLY', actionId: ACTION_VOTE_UP, value: '1', responseUrl }),
      };
    case 'progress':
      return {
        kind,
        req: commandRequest({
          command: '/progress',
          text: `科技投入 ${(n % 9) + 1}%`,
          user: 'U_JLY_1',
          channel: 'C_JLY',
          responseUrl,
        }),
      };
  }
}

interface LevelResult {
  app: 'planbot' | 'bare';
  concurrency: number;
  sent: Record<Kind, number>;
  ok: number;
  failed: number;
  overLimit: number;
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  stats: Stats;
  repliesExpected: number;
  repliesReceived: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function runLevel(target: Target, concurrency: number, seconds: number, before: Stats): Promise<LevelResult> {
  const latencies: number[] = [];
  const sent: Record<Kind, number> = { plan: 0, dm: 0, vote: 0, progress: 0 };
  let failed = 0;
  target.child.send({ reset: true });
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < deadline) {
      const { kind, req } = nextRequest(target);
      sent[kind]++;
      const t0 = performance.now();
      try {
        const res = await postSigned(target.eventsUrl, SIGNING_SECRET, req);
        if (res.status !== 200) failed++;
      } catch {
        failed++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const stats = await drain(target);
  latencies.sort((a, b) => a - b);
  const repliesExpected = target.name === 'planbot' ? sent.plan + sent.vote + sent.progress : 0;
  return {
    app: target.name,
    concurrency,
    sent,
    ok: latencies.length - failed,
    failed,
    overLimit: latencies.filter((l) => l >= SLACK_ACK_LIMIT_MS).length,
    throughput: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
    stats,
    repliesExpected,
    repliesReceived: stats.responses - before.responses,
  };
}

const f1 = (n: number) => n.toFixed(1);

function table(results: LevelResult[]): string {
  const rows = [
    '| concurrency | app | req/s | p50 ms | p99 ms | max ms | failed | app CPU | loop p99 ms | drain s | replies |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const replies = r.app === 'planbot' ? `${r.repliesReceived}/${r.repliesExpected}` : '–';
    rows.push(
      `| ${r.concurrency} | ${r.app} | ${f1(r.throughput)} | ${f1(r.p50)} | ${f1(r.p99)} | ${f1(r.max)} | ${r.failed} | ${Math.round(r.stats.cpuShare * 100)}% | ${f1(r.stats.loopDelayP99Ms)} | ${f1(r.stats.drainMs / 1000)} | ${replies} |`,
    );
  }
  const ratios = [
    '',
    '| concurrency | throughput planbot/bare | p50 planbot/bare | p99 planbot/bare |',
    '| ---: | ---: | ---: | ---: |',
  ];
  for (const p of results.filter((r) => r.app === 'planbot')) {
    const b = results.find((r) => r.app === 'bare' && r.concurrency === p.concurrency);
    if (b)
      ratios.push(
        `| ${p.concurrency} | ${(p.throughput / b.throughput).toFixed(2)} | ${(p.p50 / b.p50).toFixed(1)} | ${(p.p99 / b.p99).toFixed(1)} |`,
      );
  }
  return [...rows, ...ratios].join('\n');
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (options.serve) {
    await serve(options.serve);
    return -1;
  }
  const planbot = await startChild('planbot');
  const bare = await startChild('bare');
  try {
    // One question first, so votes have an answer to land on.
    await postSigned(
      planbot.eventsUrl,
      SIGNING_SECRET,
      commandRequest({
        command: '/plan',
        text: QUESTIONS[0] as string,
        user: 'U_JLY_1',
        channel: 'C_JLY',
        responseUrl: `${planbot.responseBase}/seed`,
      }),
    );
    let planbotStats = await drain(planbot);
    let bareStats = await drain(bare);
    const results: LevelResult[] = [];
    for (const level of options.levels) {
      // One app at a time, so neither competes with the other for the CPU.
      const b = await runLevel(bare, level, options.seconds, bareStats);
      bareStats = b.stats;
      const p = await runLevel(planbot, level, options.seconds, planbotStats);
      planbotStats = p.stats;
      results.push(b, p);
      if (!options.json)
        process.stderr.write(
          `level ${level}: planbot ${f1(p.throughput)} req/s p99 ${f1(p.p99)} ms; bare ${f1(b.throughput)} req/s p99 ${f1(b.p99)} ms\n`,
        );
    }
    const failed = results.reduce((n, r) => n + r.failed, 0);
    const overLimit = results.reduce((n, r) => n + r.overLimit, 0);
    const unanswered = results.reduce((n, r) => n + Math.max(0, r.repliesExpected - r.repliesReceived), 0);
    const requests = results.reduce((n, r) => n + r.ok + r.failed, 0);
    const summary = { requests, failed, overLimit, unanswered, maxAckMs: Math.max(...results.map((r) => r.max)) };
    if (options.json) process.stdout.write(`${JSON.stringify({ results, summary })}\n`);
    else process.stdout.write(`${table(results)}\n\n${JSON.stringify({ summary })}\n`);
    if (options.smoke) return failed === 0 && overLimit === 0 && unanswered === 0 ? 0 : 1;
    return 0;
  } finally {
    planbot.child.disconnect();
    bare.child.disconnect();
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`bench/load: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
