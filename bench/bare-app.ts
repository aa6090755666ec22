/**
 * The two servers `bench/load.ts` compares, each run in its own child process: planbot's real app (real listeners,
 * in-memory PGlite, the fake Slack Web API and a response_url sink on loopback) and a bare Bolt app on the same
 * HTTP receiver whose listeners only acknowledge. The parent talks to a child over IPC:
 *   child → {ready: {url, dm}}; parent → {reset: true} as a level starts, {drain: true} as it ends; child → {drained}.
 */
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { App, LogLevel } from '@slack/bolt';
import { count } from 'drizzle-orm';
import { questions } from '../db/schema.js';
import { boot } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { startFakeSlack } from '../src/sandbox/fake-slack.js';
import { createSlackApp } from '../src/slack/app.js';
import { directoryOf } from '../src/workspace/file.js';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789';

export interface Stats {
  /** Posts that reached the response_url sink (planbot only). */
  responses: number;
  /** Web API calls by method (planbot only). */
  calls: Record<string, number>;
  questions: number;
  drainMs: number;
  /** CPU time of the process, user + system, as a share of one core, from the level's start until drained. */
  cpuShare: number;
  loopDelayP99Ms: number;
  rssMb: number;
}

export type ChildMessage = { ready: { url: string; dm: string } } | { drained: Stats };

async function servePlanbot(): Promise<{ url: string; dm: string; drain: () => Promise<Partial<Stats>> }> {
  const booted = await boot(loadConfig({}), { memory: true, logger: silentLogger });
  const people = directoryOf(booted.deps.workspace);
  const fake = await startFakeSlack({
    directory: {
      users: people.map((p) => ({ id: p.id, name: p.id.toLowerCase(), realName: p.name })),
      channels: ['C_JLY', 'C_KEJI', 'C_GENERAL'].map((id) => ({
        id,
        name: id.toLowerCase(),
        members: ['U_PLANBOT', ...people.map((p) => p.id)],
      })),
    },
  });
  const calls: Record<string, number> = {};
  fake.onCall((call) => {
    calls[call.method] = (calls[call.method] ?? 0) + 1;
  });
  let responses = 0;
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      responses++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const app = createSlackApp(booted.deps, {
    kind: 'http',
    botToken: 'xoxb-bench-token',
    signingSecret: SIGNING_SECRET,
    slackApiUrl: fake.url,
    botId: 'B_PLANBOT',
    botUserId: 'U_PLANBOT',
  });
  await app.init();
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const sinkPort = (sink.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events|http://127.0.0.1:${sinkPort}/r`,
    dm: fake.dmChannel('U_SHY_1'),
    drain: async () => {
      await booted.deps.tasks.whenIdle();
      await fake.whenIdle();
      const [row] = await booted.deps.db.select({ n: count() }).from(questions);
      return { responses, calls: { ...calls }, questions: row?.n ?? 0 };
    },
  };
}

async function serveBare(): Promise<{ url: string; dm: string; drain: () => Promise<Partial<Stats>> }> {
  const app = new App({
    token: 'xoxb-bare-token',
    signingSecret: SIGNING_SECRET,
    botId: 'B_BARE',
    botUserId: 'U_BARE',
    logLevel: LogLevel.ERROR,
  });
  app.command(/.*/, async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  app.view(/.*/, async ({ ack }) => ack());
  app.event('message', async () => {});
  app.event('app_mention', async () => {});
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events|`,
    dm: 'D_BARE',
    drain: async () => ({ responses: 0, calls: {}, questions: 0 }),
  };
}

/** Runs in the child: starts the server, then answers drain requests until the parent disconnects. */
export async function serve(kind: 'planbot' | 'bare'): Promise<void> {
  const send = (m: ChildMessage) => process.send?.(m);
  const { url, dm, drain } = kind === 'planbot' ? await servePlanbot() : await serveBare();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let cpu = process.cpuUsage();
  let since = performance.now();
  process.on('message', async (m: { drain?: boolean; reset?: boolean }) => {
    if (m.reset) {
      loop.reset();
      cpu = process.cpuUsage();
      since = performance.now();
      return;
    }
    if (!m.drain) return;
    const started = performance.now();
    const partial = await drain();
    const drainMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const elapsed = performance.now() - since;
    send({
      drained: {
        responses: partial.responses ?? 0,
        calls: partial.calls ?? {},
        questions: partial.questions ?? 0,
        drainMs,
        cpuShare: (used.user + used.system) / 1000 / elapsed,
        loopDelayP99Ms: loop.percentile(99) / 1e6,
        rssMb: process.memoryUsage().rss / 2 ** 20,
      },
    });
    loop.reset();
    cpu = process.cpuUsage();
    since = performance.now();
  });
  process.on('disconnect', () => process.exit(0));
  send({ ready: { url, dm } });
}
