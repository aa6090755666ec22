/**
 * The CPU one kind of request costs inside the app, with nothing else in the process: the real Bolt app with every
 * listener (`createSlackApp`), on a fresh PostgreSQL database, fed parsed request bodies through `processEvent`, 4 at
 * a time, after a warm-up. Replies go to a `response_url` sink in a child process and Web API calls to the fake Slack
 * (in this process: its share shows in DMs). No receiving thread, no signature check, no other process's samples:
 * run it under `node --cpu-prof` for a clean flame graph of one request kind (see bench/README.md).
 *
 *   npx tsx bench/request-cpu.ts [plan|dm|vote|progress] [--requests N] [--database URL|memory]
 *
 * `--database memory` runs on in-memory PGlite (the database then shares this thread, as in the app).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Receiver } from '@slack/bolt';
import { scratchDatabase } from '../db/scratch.js';
import { boot } from '../src/bootstrap.js';
import { ManualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { startFakeSlack } from '../src/sandbox/fake-slack.js';
import type { SignedRequest } from '../src/sandbox/signing.js';
import { createSlackApp } from '../src/slack/app.js';
import { ACTION_VOTE_UP } from '../src/slack/blocks/answer.js';
import { buttonRequest, commandRequest, messageRequest } from '../test/reliability/support.js';
import { KINDS, type Kind, QUESTIONS } from './load-run.js';

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const kind = (argv[0] && !argv[0].startsWith('--') ? argv[0] : 'vote') as Kind;
const requests = Number(flag('--requests') ?? 2000);
const serverUrl = flag('--database') ?? 'postgres://root@127.0.0.1:5432/test';
const memory = serverUrl === 'memory';
if (!KINDS.includes(kind) || !(requests > 0 && requests <= 100_000)) {
  throw new Error('usage: bench/request-cpu.ts [plan|dm|vote|progress] [--requests 1..100000] [--database URL|memory]');
}

/** Answers every POST with 200 {"ok":true}, in its own process so its CPU is not counted. */
async function startSink(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [
    '-e',
    `require('http').createServer((q, s) => { q.resume(); q.on('end', () => {
       s.writeHead(200, { 'content-type': 'application/json' }); s.end('{"ok":true}'); }); })
     .listen(0, '127.0.0.1', function () { console.log(this.address().port); });`,
  ]);
  const port = await new Promise<number>((resolve) => child.stdout?.once('data', (d) => resolve(Number(String(d)))));
  return { child, port };
}

/** A signed request's body as Bolt's receiver hands it to `processEvent`. */
function parsedBody(req: SignedRequest): Record<string, unknown> {
  const raw = String(req.body);
  if (req.contentType === 'application/json') return JSON.parse(raw);
  const form = Object.fromEntries(new URLSearchParams(raw));
  return form.payload ? JSON.parse(form.payload) : form;
}

const scratch = memory ? undefined : await scratchDatabase(serverUrl, 'bench_request_cpu');
const sink = await startSink();
const users = ['U_JLY_1', 'U_TJY_1', 'U_SHY_1'];
const fake = await startFakeSlack({
  directory: {
    users: users.map((id) => ({ id, name: id.toLowerCase(), realName: id })),
    channels: [{ id: 'C_JLY', name: 'jly', members: ['U_PLANBOT', ...users] }],
  },
});
const booted = await boot(loadConfig(scratch ? { DATABASE_URL: scratch.url } : {}), {
  memory,
  clock: new ManualClock(new Date('2016-06-20T09:00:00+08:00')),
  logger: silentLogger,
});
const receiver: Receiver = { init() {}, start: async () => {}, stop: async () => {} };
const app = createSlackApp(booted.deps, {
  kind: 'forwarded',
  botToken: 'xoxb-bench',
  receiver,
  slackApiUrl: fake.url,
  botId: 'B_PLANBOT',
  botUserId: 'U_PLANBOT',
});
await app.init();

const dm = fake.dmChannel('U_SHY_1');
function request(n: number, k: Kind): SignedRequest {
  const question = QUESTIONS[n % QUESTIONS.length] as string;
  const responseUrl = `http://127.0.0.1:${sink.port}/r/${n}`;
  if (k === 'plan')
    return commandRequest({ command: '/plan', text: question, user: 'U_JLY_1', channel: 'C_JLY', responseUrl });
  if (k === 'vote') {
    return buttonRequest({ user: 'U_TJY_1', channel: 'C_JLY', actionId: ACTION_VOTE_UP, value: '1', responseUrl });
  }
  if (k === 'progress') {
    const text = `科技投入 ${(n % 9) + 1}%`;
    return commandRequest({ command: '/progress', text, user: 'U_JLY_1', channel: 'C_JLY', responseUrl });
  }
  return messageRequest({ user: 'U_SHY_1', channel: dm, text: question });
}
const handle = (n: number, k: Kind) =>
  app.processEvent({ body: parsedBody(request(n, k)) as never, ack: async () => {} });

async function run(count: number, offset: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < count) await handle(offset + next++, kind);
    }),
  );
  await booted.deps.tasks.whenIdle();
}

try {
  // Question 1, for the votes to land on; then a warm-up the JIT and the connections settle in.
  await handle(0, 'plan');
  await booted.deps.tasks.whenIdle();
  await run(Math.min(500, requests), 1);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run(requests, 1_000_000);
  const used = process.cpuUsage(cpu);
  const msPerRequest = (used.user + used.system) / 1000 / requests;
  const wall = (performance.now() - started) / requests;
  const calls = fake.calls.length;
  process.stdout.write(
    `${JSON.stringify({ kind, requests, cpuMsPerRequest: Number(msPerRequest.toFixed(3)), wallMsPerRequest: Number(wall.toFixed(3)), webApiCalls: calls })}\n`,
  );
} finally {
  sink.child.kill();
  await fake.close();
  await booted.close();
  await scratch?.drop();
}
