import { getPriority, setPriority } from 'node:os';
import { resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { WebClient } from '@slack/web-api';
import { boot } from '../bootstrap.js';
import { ManualClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { opsResponse } from '../ops/health.js';
import { drainAndStop } from '../ops/shutdown.js';
import { createScheduler } from '../schedule/scheduler.js';
import { createJobClient } from '../schedule/send.js';
import { createSlackApp, tellAdminsOfRefusedEdit } from '../slack/app.js';
import { workspaceReloader } from '../workspace/reload.js';
import { lookupByEmailVia } from '../workspace/resolve.js';
import { ForwardedReceiver } from './forwarded-receiver.js';

/** How much nicer than the receiving thread the app's thread runs (Linux nice steps: 5 is about a third the share). */
const WORKER_NICENESS = 5;

/** What the ingress passes the worker; the environment is the process's unless `env` is given (tests, benchmarks). */
export interface PlanbotWorkerData {
  env?: Record<string, string>;
  /** An in-memory PGlite database (benchmarks, tests). */
  memory?: boolean;
  botId?: string;
  botUserId?: string;
  /** Run reminders and circulars in this process (default true). */
  scheduler?: boolean;
  /** Start a running clock at this instant (the scale-out benchmark makes reminders due); default the system's. */
  clockAt?: string;
  shutdownDeadlineMs: number;
}

/**
 * The app's thread in HTTP mode: everything but receiving — Bolt's listeners, the database (PGlite's WASM included),
 * answering, Web API calls, the scheduler and the workspace file's reloader.
 */
async function main(port: NonNullable<typeof parentPort>, data: PlanbotWorkerData): Promise<void> {
  yieldToIngress();
  const config = loadConfig(data.env ?? process.env);
  if (config.slack.kind !== 'http') throw new Error('the ingress worker runs HTTP mode only');
  const slack = config.slack;
  const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
  // As on the main thread: a stray rejection is logged, not the end of the thread that runs every listener.
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection in the app worker', { reason }));
  const lookupEmail = lookupByEmailVia(
    new WebClient(slack.botToken, slack.slackApiUrl ? { slackApiUrl: slack.slackApiUrl } : {}),
  );
  const clock = data.clockAt ? new ManualClock(new Date(data.clockAt), { running: true }) : undefined;
  const booted = await boot(config, { logger, lookupEmail, memory: data.memory, ...(clock ? { clock } : {}) });
  const receiver = new ForwardedReceiver(port, 8, data.shutdownDeadlineMs);
  const app = createSlackApp(booted.deps, {
    kind: 'forwarded',
    botToken: slack.botToken,
    receiver,
    ...(slack.slackApiUrl ? { slackApiUrl: slack.slackApiUrl } : {}),
    ...(data.botId && data.botUserId ? { botId: data.botId, botUserId: data.botUserId } : {}),
  });
  const reloader = workspaceReloader(booted.deps, resolve(config.workspacePath), {
    lookup: lookupEmail,
    onRefused: tellAdminsOfRefusedEdit(app, booted.deps),
  });
  if (!data.memory) reloader.watch();
  await app.init();
  await app.start();
  const scheduler =
    data.scheduler === false
      ? undefined
      : createScheduler(booted.deps, createJobClient(slack.botToken, slack.slackApiUrl), {
          metrics: booted.deps.metrics,
        });
  scheduler?.start();
  receiver.serve({
    route: async (path) => {
      const r = await opsResponse(booted.deps, path);
      return r
        ? { status: r.status, contentType: r.type, body: r.body }
        : { status: 404, contentType: 'text/plain', body: '' };
    },
    settle: () => booted.deps.tasks.whenIdle(),
    stop: () =>
      drainAndStop(
        {
          stopReceiving: async () => {
            await app.stop();
          },
          stopScheduler: () => {
            reloader.stop();
            scheduler?.stop();
          },
          tasks: booted.deps.tasks,
          close: () => booted.close(),
          logger,
        },
        data.shutdownDeadlineMs,
      ),
  });
}

/**
 * On Linux a nice value belongs to a thread, so this lowers only the app's thread: when the cores are busy, the
 * receiving thread gets the CPU first and acknowledgements do not queue behind the app's work. Elsewhere (or when
 * refused) it is a no-op.
 */
function yieldToIngress(): void {
  try {
    if (process.platform === 'linux') setPriority(Math.min(19, getPriority() + WORKER_NICENESS));
  } catch {
    // Not allowed in this environment: the threads share the CPU evenly, as any two threads do.
  }
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as PlanbotWorkerData).catch((error: unknown) => {
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  });
}
