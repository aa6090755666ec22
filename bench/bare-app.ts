/**
 * The servers `bench/load.ts` compares, each in its own child process: planbot as `npm start` runs it in HTTP mode
 * (the ingress thread in front of the app's worker thread; in-memory PGlite, or PostgreSQL with `--database`) and a
 * bare Bolt app on Bolt's HTTP receiver whose listeners only acknowledge. Slack's side (fake Web API, response_url
 * sink) is a third process, bench/slack-stand-in.ts. The parent talks to a child over IPC:
 *   child → {ready: {url}}; parent → {reset: true} as a level starts, {drain: true} as it ends; child → {drained}.
 */
import { appendFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { App, LogLevel } from '@slack/bolt';
import { loadConfig } from '../src/config.js';
import { startHttpApp } from '../src/ingress/run-http.js';
import { silentLogger } from '../src/logger.js';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789';

export interface Stats {
  drainMs: number;
  /** CPU time of the process (all its threads), user + system, from the level's start until drained. */
  cpuMs: number;
  /** That CPU time as a share of one core over the same wall time. */
  cpuShare: number;
  /** Event-loop delay of the receiving thread. */
  loopDelayP99Ms: number;
  rssMb: number;
}

export type ChildMessage = { ready: { url: string } } | { drained: Stats };

export interface ServeOptions {
  apiUrl: string;
  databaseUrl?: string;
  /** Start the app's clock here, scheduler on (the scale-out run makes reminders due). */
  clockAt?: string;
  /** Appends each level's window (monotonic µs, the clock of V8's profiles) here, for bench/profile-summary.ts. */
  marks?: string;
}

async function servePlanbot(options: ServeOptions): Promise<{ url: string; drain: () => Promise<void> }> {
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: options.apiUrl,
    LOG_LEVEL: 'silent',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
  const http = await startHttpApp(loadConfig(env), silentLogger, {
    env,
    memory: !options.databaseUrl,
    botId: 'B_PLANBOT',
    botUserId: 'U_PLANBOT',
    scheduler: Boolean(options.clockAt),
    ...(options.clockAt ? { clockAt: options.clockAt } : {}),
    host: '127.0.0.1',
    port: 0,
    shutdownDeadlineMs: 30_000,
  });
  return { url: http.url, drain: () => http.settle() };
}

async function serveBare(): Promise<{ url: string; drain: () => Promise<void> }> {
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
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, drain: async () => {} };
}

/** Runs in the child: starts the server, then answers drain requests until the parent disconnects. */
export async function serve(kind: 'planbot' | 'bare', options: ServeOptions): Promise<void> {
  const send = (m: ChildMessage) => process.send?.(m);
  const { url, drain } = kind === 'planbot' ? await servePlanbot(options) : await serveBare();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let cpu = process.cpuUsage();
  let since = performance.now();
  let from: bigint | undefined;
  const reset = () => {
    loop.reset();
    cpu = process.cpuUsage();
    since = performance.now();
    from = process.hrtime.bigint() / 1000n;
  };
  process.on('message', async (m: { drain?: boolean; reset?: boolean }) => {
    if (m.reset) return reset();
    if (!m.drain) return;
    const started = performance.now();
    await drain();
    const drainMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    if (options.marks && from !== undefined)
      appendFileSync(options.marks, `${from} ${process.hrtime.bigint() / 1000n}\n`);
    from = undefined;
    send({
      drained: {
        drainMs,
        cpuMs,
        cpuShare: cpuMs / (performance.now() - since),
        loopDelayP99Ms: loop.percentile(99) / 1e6,
        rssMb: process.memoryUsage().rss / 2 ** 20,
      },
    });
    loop.reset();
    cpu = process.cpuUsage();
    since = performance.now();
  });
  process.on('disconnect', () => process.exit(0));
  send({ ready: { url } });
}
