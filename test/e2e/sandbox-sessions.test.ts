import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Booted, boot } from '../../src/bootstrap.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { performAction, ScriptAction } from '../../src/sandbox/actions.js';
import { SandboxSession } from '../../src/sandbox/session.js';
import { callsOf } from '../fakes/sandbox.js';

/**
 * The local workspace keeps its database between sessions (`npm start` twice), and each session's clock starts at
 * the same instant. Seen as a user: in the second session a mention got no answer at all, its event taken for a
 * redelivery of the first session's.
 */
let booted: Booted;
beforeAll(async () => {
  booted = await boot(loadConfig({}), {
    clock: new ManualClock(new Date('2016-06-20T09:00:00+08:00')),
    memory: true,
    logger: silentLogger,
  });
});
afterAll(async () => {
  await booted?.close();
});

/** A mention in a new session: how many replies it got, and the thread they went to (the mention's ts). */
async function mentionInNewSession(): Promise<{ replies: number; thread: unknown }> {
  const session = await SandboxSession.start(booted.deps);
  try {
    const action = ScriptAction.parse({ as: 'U_JLY_1', channel: 'C_JLY', mention: '年度考核里科技工作占多少分?' });
    const events = await performAction(session, action);
    const replies = callsOf(events, 'chat.postMessage');
    return { replies: replies.length, thread: replies[0]?.args.thread_ts };
  } finally {
    await session.close();
  }
}

describe('two local-workspace sessions, one after the other, on one database', () => {
  it('a mention in each is answered once, in a thread of its own: not taken for a redelivery, nor for the earlier thread', async () => {
    const first = await mentionInNewSession();
    const second = await mentionInNewSession();
    expect([first.replies, second.replies]).toEqual([1, 1]);
    expect(first.thread).toMatch(/^\d+\.\d{6}$/);
    // The same clock, the same database: a thread named by the same ts would carry the earlier session's questions.
    expect(second.thread).not.toBe(first.thread);
  });
});
