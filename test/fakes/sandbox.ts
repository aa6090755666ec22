import { type Booted, boot } from '../../src/bootstrap.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { type ClockHook, performAction, ScriptAction } from '../../src/sandbox/actions.js';
import { schedulerOnClock } from '../../src/sandbox/run.js';
import { type SandboxEvent, SandboxSession } from '../../src/sandbox/session.js';

/** The real app and receiver on an in-memory database, against the fake Slack: one per test file. */
export interface TestSandbox {
  session: SandboxSession;
  booted: Booted;
  clock: ManualClock;
  /** Performs the actions in order, as a script would, and returns everything the bot sent back. */
  run(...actions: unknown[]): Promise<SandboxEvent[]>;
  close(): Promise<void>;
}

export async function startTestSandbox(
  options: { start?: string; env?: Record<string, string>; workspacePath?: string; onClock?: ClockHook } = {},
): Promise<TestSandbox> {
  const clock = new ManualClock(new Date(options.start ?? '2016-06-20T09:00:00+08:00'));
  const booted = await boot(loadConfig(options.env ?? {}), {
    clock,
    memory: true,
    logger: silentLogger,
    workspacePath: options.workspacePath,
  });
  const session = await SandboxSession.start(booted.deps);
  // As in `planbot sandbox`: moving the clock runs the scheduled jobs, unless the test brings its own hook.
  const onClock = options.onClock ?? schedulerOnClock(booted.deps, session);
  return {
    session,
    booted,
    clock,
    async run(...actions) {
      const events: SandboxEvent[] = [];
      for (const action of actions) events.push(...(await performAction(session, ScriptAction.parse(action), onClock)));
      return events;
    },
    async close() {
      await session.close();
      await booted.close();
    },
  };
}

/** The Web API calls among the events, optionally of one method. */
export function callsOf(
  events: SandboxEvent[],
  method?: string,
): Array<{ call: string; args: Record<string, unknown> }> {
  return events.filter(
    (e): e is { call: string; args: Record<string, unknown> } => 'call' in e && (!method || e.call === method),
  );
}

export function responsesOf(events: SandboxEvent[]): Array<Record<string, unknown>> {
  return events
    .filter((e): e is { response_url: Record<string, unknown> } => 'response_url' in e)
    .map((e) => e.response_url);
}

/** The replies to an admin's `/plan <text>` in the science office's channel (the demo workspace's admin). */
export async function adminPlan(
  sandbox: Pick<TestSandbox, 'run'>,
  text: string,
): Promise<Array<Record<string, unknown>>> {
  return responsesOf(await sandbox.run({ as: 'U_ADMIN', channel: 'C_KEJI', command: '/plan', text }));
}

export function acksOf(events: SandboxEvent[]): unknown[] {
  return events.filter((e): e is { ack: unknown } => 'ack' in e).map((e) => e.ack);
}
