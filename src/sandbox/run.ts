import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { boot } from '../bootstrap.js';
import { ManualClock } from '../clock.js';
import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import { PlanbotError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { demoStart, hasEnded, hasStarted } from '../plan/span.js';
import { createScheduler } from '../schedule/scheduler.js';
import { createJobClient } from '../schedule/send.js';
import { workspaceReloader } from '../workspace/reload.js';
import type { EmailLookup } from '../workspace/resolve.js';
import type { ClockHook } from './actions.js';
import { runScript } from './script.js';
import { SandboxSession } from './session.js';
import { runTerminal } from './terminal.js';

export interface SandboxOptions {
  workspacePath?: string;
  scriptPath?: string;
  memory?: boolean;
  /** At the prompt: where the log and the files planbot uploads are written (default `.sandbox`). */
  outputDir?: string;
}

/** Where the prompt's log goes and uploaded files are saved. */
export function sandboxOutput(outputDir = '.sandbox'): { logFile: string; filesDir: string } {
  return { logFile: resolve(outputDir, 'planbot.log'), filesDir: resolve(outputDir, 'files') };
}

/**
 * The log at the prompt goes to a file: JSON lines written to the terminal would land in the middle of what the
 * person is typing. A script's stdout is its JSONL, so its log stays on stderr, quiet unless asked for.
 */
export function sandboxLogger(config: Config, script: boolean, logFile: string): Logger {
  if (script) {
    const level = config.logLevel === 'info' ? 'warn' : config.logLevel;
    return createLogger({ level, secrets: config.secrets });
  }
  mkdirSync(dirname(logFile), { recursive: true });
  return createLogger({
    level: config.logLevel,
    secrets: config.secrets,
    write: (line) => appendFileSync(logFile, `${line}\n`),
  });
}

/**
 * Where the local workspace's clock starts: today while any plan the workspace runs is under way (its reminders and
 * circulars are live), else the primary plan's demo instant.
 */
export function demoClockStart(deps: Pick<Deps, 'running' | 'catalogue' | 'workspace'>, today: Date): Date {
  const live = deps.running().some((e) => {
    const span = { ...e.catalogue.periods, timezone: deps.workspace.timezone };
    return hasStarted(span, today) && !hasEnded(span, today);
  });
  return live ? today : demoStart(deps.catalogue, today);
}

/**
 * Scheduled jobs run when the clock is moved (the `clock` action), against the session's fake Slack: every slot
 * that fell due during the move runs, however long the move; a move backwards runs nothing.
 */
export function schedulerOnClock(deps: Deps, session: SandboxSession): ClockHook {
  const scheduler = createScheduler(deps, createJobClient('xoxb-sandbox-token', session.fake.url), {
    metrics: deps.metrics,
  });
  let previous = deps.clock.now();
  return async (now) => {
    const movedHours = (now.getTime() - previous.getTime()) / 3_600_000;
    previous = now;
    // A move back in time runs nothing: what it passes over is judged when the clock next moves forward.
    if (movedHours <= 0) return;
    await scheduler.runDue(now, { catchUpHours: movedHours });
  };
}

/**
 * The local workspace has no real accounts to look e-mail addresses up in: each address stands for a person whose
 * user id is made from it (`zhang.min@bureau.example` → `U_ZHANG_MIN`), so a workspace file written for a real
 * bureau runs locally as it is.
 */
export const sandboxEmailLookup: EmailLookup = async (email) =>
  `U_${(email.split('@')[0] ?? email).toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;

/** The script file's text; a file that cannot be read is one line saying so, before anything starts. */
function readScript(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message;
    throw new PlanbotError('invalid_input', `cannot read the script ${path}: ${reason}`, undefined, { cause });
  }
}

/** `planbot sandbox` and `npm start` without Slack credentials: the real app against a fake Slack on loopback. */
export async function runSandbox(config: Config, options: SandboxOptions): Promise<number> {
  const script = options.scriptPath ? readScript(options.scriptPath) : undefined;
  const output = sandboxOutput(options.outputDir);
  const logger = sandboxLogger(config, script !== undefined, output.logFile);
  // A script's time stands still unless it moves it; at the prompt it runs forward. Either starts on the demo clock.
  const clock = new ManualClock(new Date(), { running: script === undefined });
  const booted = await boot(config, {
    clock,
    lookupEmail: sandboxEmailLookup,
    logger,
    memory: options.memory,
    workspacePath: options.workspacePath,
  });
  clock.set(demoClockStart(booted.deps, new Date()));
  const session = await SandboxSession.start(booted.deps);
  const onClock = schedulerOnClock(booted.deps, session);
  try {
    if (script !== undefined) {
      const errors = await runScript(
        session,
        script,
        (line) => process.stdout.write(`${JSON.stringify(line)}\n`),
        onClock,
      );
      return errors ? 1 : 0;
    }
    // As with Slack, edits of the workspace file apply without a restart; new people join the fake Slack.
    const reloader = workspaceReloader(booted.deps, resolve(options.workspacePath ?? config.workspacePath), {
      lookup: sandboxEmailLookup,
      onApplied: (ws) => session.addPeople(ws),
      onRefused: (error) =>
        process.stdout.write(`\n  ! The workspace file was not applied (the last good one stays): ${error}\n`),
    });
    reloader.watch();
    // At the prompt the jobs also run on their own timer, as in `npm start` with Slack.
    const ticker = createScheduler(booted.deps, createJobClient('xoxb-sandbox-token', session.fake.url), {
      metrics: booted.deps.metrics,
    });
    ticker.start();
    try {
      process.stdout.write(`The log is written to ${output.logFile}; files planbot uploads to ${output.filesDir}.\n`);
      await runTerminal(session, { onClock, filesDir: output.filesDir });
    } finally {
      ticker.stop();
      reloader.stop();
    }
    return 0;
  } finally {
    await session.close();
    await booted.close();
  }
}
