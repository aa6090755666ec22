/**
 * Load benchmark: planbot's real HTTP app (the ingress thread in front of the app's worker thread, as `npm start`
 * runs it) beside a bare Bolt app (Bolt's HTTP receiver, listeners that only ack), each in its own child process;
 * Slack's side (fake Web API, response_url sink) is a third; this process is the driver. At each level, N workers
 * send signed requests back to back on loopback — /plan questions, DMs, vote clicks and /progress inline updates — to
 * one app at a time, then wait for that app to finish all the work the requests set off. Reports acked and fully
 * handled throughput, p50/p99 ack latency side by side, CPU per request, and how long the backlog took to drain.
 *
 *   npx tsx bench/load.ts [--seconds N] [--levels 1,4,16,64] [--database URL] [--scale-out] [--profile DIR]
 *                         [--only plan|dm|vote|progress] [--smoke] [--json]
 *
 * `--database URL` runs planbot on a fresh database created on that PostgreSQL server (dropped afterwards) instead
 * of in-memory PGlite. `--scale-out` (needs `--database`) runs two planbot processes on that one database, each on
 * its own port, driven round-robin, both running the scheduler from a clock at which reminders are due: it reports
 * the pair's throughput, that every reply arrived once and every scheduled message was posted exactly once.
 * `--smoke` runs two short levels and exits 0 only if every request was acked with 200 within Slack's 3 s and
 * every /plan, vote and /progress request got its reply. Never a timed assertion beyond that 3 s.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDatabase } from '../db/scratch.js';
import { postSigned } from '../src/sandbox/signing.js';
import { commandRequest } from '../test/reliability/support.js';
import { type ChildMessage, SIGNING_SECRET, serve } from './bare-app.js';
import { scheduledOnce } from './load-db.js';
import {
  ask,
  KINDS,
  type Kind,
  type LevelResult,
  QUESTIONS,
  runLevel,
  type Slack,
  sendOnly,
  type Target,
  table,
  tally,
} from './load-run.js';
import { type StandInMessage, serveStandIn } from './slack-stand-in.js';

const WARM_UP_ENGLISH = 'What is the target for R&D spending as a share of income?';

/** A time at which the shipped plan's reminders are due (the scale-out run's scheduler catches up on start). */
const SCHEDULE_CLOCK = '2016-06-16T09:05:00+08:00';

interface Options {
  seconds: number;
  levels: number[];
  smoke: boolean;
  json: boolean;
  database?: string;
  scaleOut: boolean;
  profile?: string;
  only?: Kind;
}

function parseArgs(argv: string[]): Options {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const smoke = argv.includes('--smoke');
  const seconds = Number(get('--seconds') ?? (smoke ? 1.5 : 5));
  const levels = (get('--levels') ?? (smoke ? '1,8' : '1,4,16,64'))
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const database = get('--database');
  const scaleOut = argv.includes('--scale-out');
  const only = get('--only');
  if (
    !(seconds > 0 && seconds <= 120) ||
    !levels.length ||
    levels.some((n) => n > 512) ||
    (scaleOut && !database) ||
    (only !== undefined && !(KINDS as readonly string[]).includes(only))
  ) {
    throw new Error(
      'usage: bench/load.ts [--seconds 0<N<=120] [--levels 1,4,16 (each <= 512)] [--database URL [--scale-out]] [--profile DIR] [--only plan|dm|vote|progress] [--smoke] [--json]',
    );
  }
  return {
    seconds,
    levels,
    smoke,
    json: argv.includes('--json'),
    database,
    scaleOut,
    profile: get('--profile'),
    only: only as Kind | undefined,
  };
}

function fork_(args: string[], profile?: string): ChildProcess {
  if (profile) mkdirSync(profile, { recursive: true });
  return fork(fileURLToPath(import.meta.url), args, {
    execArgv: ['--import', 'tsx', ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function ready<T>(child: ChildProcess, what: string, pick: (m: ChildMessage | StandInMessage) => T | undefined) {
  return new Promise<T>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready`)));
    const onMessage = (m: ChildMessage | StandInMessage) => {
      const value = pick(m);
      if (value === undefined) return;
      child.off('message', onMessage);
      child.removeAllListeners('exit');
      resolve(value);
    };
    child.on('message', onMessage);
  });
}

async function startSlack(): Promise<Slack> {
  const child = fork_(['--stand-in']);
  const r = await ready(child, 'the Slack stand-in', (m) =>
    'ready' in m && 'apiUrl' in m.ready ? m.ready : undefined,
  );
  return { child, responseBase: r.responseBase, dm: r.dm, apiUrl: r.apiUrl };
}

async function startTarget(
  name: 'planbot' | 'bare',
  apiUrl: string,
  extra: { database?: string; clock?: string; profile?: string },
): Promise<Target> {
  const args = ['--serve', name, '--api', apiUrl];
  if (extra.database) args.push('--db', extra.database);
  if (extra.clock) args.push('--clock', extra.clock);
  if (extra.profile && name === 'planbot') args.push('--marks', join(extra.profile, 'marks.txt'));
  const child = fork_(args, name === 'planbot' ? extra.profile : undefined);
  const r = await ready(child, `${name} server`, (m) => ('ready' in m && 'url' in m.ready ? m.ready : undefined));
  return { name, child, eventsUrl: r.url };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const serveKind = argv[argv.indexOf('--serve') + 1];
  if (argv.includes('--stand-in')) return serveStandIn().then(() => -1);
  if (serveKind === 'planbot' || serveKind === 'bare') {
    const get = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
    await serve(serveKind, {
      apiUrl: get('--api') ?? '',
      databaseUrl: get('--db'),
      clockAt: get('--clock'),
      marks: get('--marks'),
    });
    return -1;
  }
  const options = parseArgs(argv);
  if (options.only) sendOnly(options.only);
  const db = options.database ? await scratchDatabase(options.database, 'planbot_bench') : undefined;
  const slack = await startSlack();
  const children: ChildProcess[] = [slack.child];
  try {
    const clock = options.scaleOut ? SCHEDULE_CLOCK : undefined;
    const pair = options.scaleOut ? 2 : 1;
    const planbots: Target[] = [];
    for (let i = 0; i < pair; i++)
      planbots.push(await startTarget('planbot', slack.apiUrl, { database: db?.url, clock, profile: options.profile }));
    const bare = await startTarget('bare', slack.apiUrl, {});
    children.push(...planbots.map((p) => p.child), bare.child);
    // One question first, so votes have an answer to land on; then one in English, whose first use indexes
    // CC-CEDICT (seconds, once per process): the levels measure the steady state. The smoke run skips it.
    const seeds = [QUESTIONS[0] as string, ...(options.smoke ? [] : [WARM_UP_ENGLISH])];
    for (const [i, text] of seeds.entries())
      for (const p of planbots)
        await postSigned(
          p.eventsUrl,
          SIGNING_SECRET,
          commandRequest({
            command: '/plan',
            text,
            user: 'U_JLY_1',
            channel: 'C_JLY',
            responseUrl: `${slack.responseBase}/seed-${i}`,
          }),
        );
    await Promise.all(planbots.map((p) => ask(p.child, { drain: true }, (m) => ('drained' in m ? true : undefined))));
    const scheduled = db && options.scaleOut ? await scheduledOnce(db.url, planbots, slack) : undefined;
    const results: LevelResult[] = [];
    for (const level of options.levels) {
      // One app at a time, so neither competes with the other for the CPU.
      const b = await runLevel([bare], slack, level, options.seconds);
      const p = await runLevel(planbots, slack, level, options.seconds);
      results.push(b, p);
      if (!options.json)
        process.stderr.write(
          `level ${level}: ${p.app} ${p.throughput.toFixed(1)} req/s p99 ${p.p99.toFixed(1)} ms; bare ${b.throughput.toFixed(1)} req/s p99 ${b.p99.toFixed(1)} ms\n`,
        );
    }
    const failed = results.reduce((n, r) => n + r.failed, 0);
    const busy = results.reduce((n, r) => n + r.busy, 0);
    const overLimit = results.reduce((n, r) => n + r.overLimit, 0);
    const unanswered = results.reduce((n, r) => n + Math.max(0, r.repliesExpected - r.repliesReceived), 0);
    const repeated = results.reduce((n, r) => n + r.repeatedReplies, 0);
    const requests = results.reduce((n, r) => n + r.ok + r.busy + r.failed, 0);
    const database = options.database ? 'postgresql' : 'pglite';
    const summary = {
      database,
      requests,
      busy,
      failed,
      overLimit,
      unanswered,
      repeatedReplies: repeated,
      maxAckMs: Math.max(...results.map((r) => r.max)),
      ...(scheduled ? { scheduled } : {}),
      ...(({ calls, sinkConnections }) => ({ calls, sinkConnections }))(await tally(slack)),
    };
    if (options.json) process.stdout.write(`${JSON.stringify({ results, summary })}\n`);
    else process.stdout.write(`${table(results)}\n\n${JSON.stringify({ summary })}\n`);
    if (options.smoke)
      return failed === 0 && busy === 0 && overLimit === 0 && unanswered === 0 && repeated === 0 ? 0 : 1;
    return 0;
  } finally {
    for (const child of children) child.disconnect();
    await db?.drop();
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
