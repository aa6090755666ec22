import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

/**
 * The Slack Web API answers 429 with Retry-After, or 500, when the bot posts its answer. The WebClient retries;
 * the person sees the answer exactly once, never twice, and when Slack keeps failing they get an apology.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

const QUESTION = '直属技术机构每年科技投入不能低于收入的多少?';

/** The bot's messages in a person's DM since `from`. */
const botPostsInDm = (user: string, from: number) =>
  sandbox.session.fake
    .messages(sandbox.session.fake.dmChannel(user))
    .slice(from)
    .filter((m) => m.user === 'U_PLANBOT');

describe('when Slack fails to take the answer, it is delivered once and only once', () => {
  it('when chat.postMessage answers 429 with Retry-After, the client waits, retries, and the answer appears once', async () => {
    const from = sandbox.session.fake.messages(sandbox.session.fake.dmChannel('U_JLY_1')).length;
    sandbox.session.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const events = await sandbox.run({ as: 'U_JLY_1', dm: QUESTION });
    expect(callsOf(events, 'chat.postMessage')).toHaveLength(2);
    const posts = botPostsInDm('U_JLY_1', from);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.text).toContain('5%');
  });

  it('when chat.postMessage answers 500 twice, the third attempt delivers the answer once', async () => {
    const from = sandbox.session.fake.messages(sandbox.session.fake.dmChannel('U_SHY_1')).length;
    sandbox.session.fake.failNext('chat.postMessage', { status: 500 });
    sandbox.session.fake.failNext('chat.postMessage', { status: 500 });
    const events = await sandbox.run({ as: 'U_SHY_1', dm: QUESTION });
    expect(callsOf(events, 'chat.postMessage')).toHaveLength(3);
    const posts = botPostsInDm('U_SHY_1', from);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.text).toContain('5%');
  });

  it('when chat.postMessage keeps answering 500 past the retries, the person gets one apology and no answer twice', async () => {
    const from = sandbox.session.fake.messages(sandbox.session.fake.dmChannel('U_TJY_1')).length;
    for (let i = 0; i < 3; i++) sandbox.session.fake.failNext('chat.postMessage', { status: 500 });
    await sandbox.run({ as: 'U_TJY_1', dm: QUESTION });
    const posts = botPostsInDm('U_TJY_1', from);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.text).toMatch(/内部错误|稍后重试/);
  });

  it('when sharing a /plan answer meets a 429, the answer is posted to the channel once', async () => {
    await sandbox.run({ as: 'U_BZY_1', channel: 'C_BZY', command: '/plan', text: QUESTION });
    const from = sandbox.session.fake.messages('C_BZY').length;
    sandbox.session.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const shared = await sandbox.run({ as: 'U_BZY_1', click: '分享到频道' });
    expect(responsesOf(shared)).toContainEqual({ delete_original: true });
    const posts = sandbox.session.fake
      .messages('C_BZY')
      .slice(from)
      .filter((m) => m.user === 'U_PLANBOT');
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]?.blocks)).toContain('<@U_BZY_1>');
  });
});
