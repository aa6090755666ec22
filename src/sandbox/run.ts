import { readFileSync } from 'node:fs';
import { boot } from '../bootstrap.js';
import { ManualClock } from '../clock.js';
import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import { createLogger } from '../logger.js';
import { demoStart } from '../plan/span.js';
import { createScheduler } from '../schedule/scheduler.js';
import { createJobClient } from '../schedule/send.js';
import type { ClockHook } from './actions.js';
import { runScript } from './script.js';
import { SandboxSession } from './session.js';
import { runTerminal } from './terminal.js';

export interface SandboxOptions {
  workspacePath?: string;
  scriptPath?: string;
  memory?: boolean;
}

/**
 * Scheduled jobs run when the clock is moved (the `clock` action), against the session's fake Slack: every slot
 * that fell due during the move runs, however long the move; a move backwards runs nothing.
 */
export function schedulerOnClock(deps: Deps, session: SandboxSession): ClockHook {
  const scheduler = createScheduler(deps, createJobClient('xoxb-sandbox-token', session.fake.url));
  let previous = deps.clock.now();
  return async (now) => {
    const movedHours = (now.getTime() - previous.getTime()) / 3_600_000;
    previous = now;
    // A move back in time runs nothing: what it passes over is judged when the clock next moves forward.
    if (movedHours <= 0) return;
    await scheduler.runDue(now, { catchUpHours: movedHours });
  };
}

/** `planbot sandbox` and `npm start` without Slack credentials: the real app against a fake Slack on loopback. */
export async function runSandbox(config: Config, options: SandboxOptions): Promise<number> {
  const script = options.scriptPath ? readFileSync(options.scriptPath, 'utf8') : undefined;
  // A script's stdout is its JSONL; the log stays on stderr and quiet unless asked for.
  const level = script && config.logLevel === 'info' ? 'warn' : config.logLevel;
  const logger = createLogger({ level, secrets: config.secrets });
  // A script's time stands still unless it moves it; at the prompt it runs forward. Either starts on the demo clock.
  const clock = new ManualClock(new Date(), { running: script === undefined });
  const booted = await boot(config, {
    clock,
    logger,
    memory: options.memory,
    workspacePath: options.workspacePath,
  });
  clock.set(demoStart(booted.deps.catalogue, new Date()));
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
    // At the prompt the jobs also run on their own timer, as in `npm start` with Slack.
    const ticker = createScheduler(booted.deps, createJobClient('xoxb-sandbox-token', session.fake.url));
    ticker.start();
    try {
      await runTerminal(session, onClock);
    } finally {
      ticker.stop();
    }
    return 0;
  } finally {
    await session.close();
    await booted.close();
  }
}
