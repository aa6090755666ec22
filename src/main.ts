import { resolve } from 'node:path';
import { WebClient } from '@slack/web-api';
import { boot } from './bootstrap.js';
import { type Config, environmentSecrets, loadConfig } from './config.js';
import { isPlanbotError } from './errors.js';
import { startHttpApp } from './ingress/run-http.js';
import { createLogger, type Logger, redact } from './logger.js';
import { drainAndStop } from './ops/shutdown.js';
import { runSandbox } from './sandbox/run.js';
import { createScheduler } from './schedule/scheduler.js';
import { createJobClient } from './schedule/send.js';
import { createSlackApp, tellAdminsOfRefusedEdit } from './slack/app.js';
import { workspaceReloader } from './workspace/reload.js';
import { lookupByEmailVia } from './workspace/resolve.js';

/** Longer than any one answer or upload takes, shorter than systemd's default TimeoutStopSec (90 s). */
const SHUTDOWN_DEADLINE_MS = 30_000;

/** `npm start`: config → deps → the Slack app (or the local workspace when no Slack credentials are set). */
async function start(): Promise<number> {
  const config = loadConfig();
  if (config.slack.kind === 'local') {
    process.stderr.write('No Slack credentials set: starting the local workspace (see README, "Local workspace").\n');
    return runSandbox(config, {});
  }
  const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
  if (config.slack.kind === 'http') return startHttp(config, logger);
  const lookupEmail = lookupByEmailVia(new WebClient(config.slack.botToken));
  const booted = await boot(config, { logger, lookupEmail });
  const app = createSlackApp(booted.deps, config.slack);
  // Edits of the workspace file apply without a restart; a bad edit is reported to the admins' channel.
  const reloader = workspaceReloader(booted.deps, resolve(config.workspacePath), {
    lookup: lookupEmail,
    onRefused: tellAdminsOfRefusedEdit(app, booted.deps),
  });
  reloader.watch();
  await app.init();
  await app.start();
  logger.info('planbot is connected to Slack over Socket Mode', {
    metrics:
      config.slack.kind === 'socket' && config.slack.metricsPort
        ? `http://0.0.0.0:${config.slack.metricsPort}/metrics`
        : 'off (METRICS_PORT unset)',
  });
  // Reminders and circulars: catch-up now, then every minute; each message posted once across processes.
  const scheduler = createScheduler(booted.deps, createJobClient(config.slack.botToken, config.slack.slackApiUrl), {
    metrics: booted.deps.metrics,
  });
  scheduler.start();
  await untilSignal(logger);
  const outcome = await drainAndStop(
    {
      stopReceiving: async () => {
        await app.stop();
      },
      stopScheduler: () => {
        reloader.stop();
        return scheduler.stop();
      },
      tasks: booted.deps.tasks,
      close: () => booted.close(),
      logger,
    },
    SHUTDOWN_DEADLINE_MS,
  );
  return outcome === 'drained' ? 0 : 1;
}

/**
 * HTTP mode: this thread receives and acknowledges, a worker thread runs the app (src/ingress/). A worker that dies
 * takes the process with it, so the supervisor restarts both.
 */
async function startHttp(config: Config, logger: Logger): Promise<number> {
  const http = await startHttpApp(config, logger, { shutdownDeadlineMs: SHUTDOWN_DEADLINE_MS });
  logger.info('planbot is listening for Slack over HTTP', { port: http.port, path: '/slack/events' });
  const crashed = new Promise<'crashed'>((resolve) =>
    http.onCrash((error) => {
      logger.error('the app worker stopped unexpectedly', { error });
      resolve('crashed');
    }),
  );
  if ((await Promise.race([untilSignal(logger), crashed])) === 'crashed') {
    // Nothing can handle requests now, and the open port would keep acknowledging them: exit at once so the
    // supervisor restarts the process (Slack retries the events it sees go unanswered meanwhile).
    process.exit(1);
  }
  return (await http.stop()) === 'drained' ? 0 : 1;
}

function untilSignal(logger: Logger): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info('shutting down', { signal });
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

process.on('unhandledRejection', (reason) => {
  const message = reason instanceof Error ? reason.message : String(reason);
  process.stderr.write(`planbot: unhandled rejection: ${redact(message, environmentSecrets())}\n`);
});

start().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    const message = isPlanbotError(error) ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`planbot: ${redact(message, environmentSecrets())}\n`);
    process.exitCode = 1;
  },
);
