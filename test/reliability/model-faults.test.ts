import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questions } from '../../db/schema.js';
import { type FakeOpenAiServer, type FakeReply, reply, startFakeOpenAiServer } from '../fakes/openai-server.js';
import { callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

/**
 * The model server fails in each way it can: refused, silent past the timeout (before or during the answer), or
 * rate-limited. Through the real app, every question on every surface still gets the plan's own words, cited.
 */
const QUESTION = '年度考核里科技工作占多少分?';
const NOTE = '语言模型暂时无法使用';

let model: FakeOpenAiServer;
let sandbox: TestSandbox;
let refused: TestSandbox;
let failure: () => FakeReply = () => reply.serverError();

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  model = await startFakeOpenAiServer({ handler: () => failure() });
  const env = { OPENAI_API_KEY: 'sk-test-model-faults', OPENAI_TIMEOUT_MS: '300' };
  sandbox = await startTestSandbox({ env: { ...env, OPENAI_BASE_URL: model.baseURL } });
  refused = await startTestSandbox({ env: { ...env, OPENAI_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1` } });
});
afterAll(async () => {
  await sandbox?.close();
  await refused?.close();
  await model?.close();
});

/** Asks on /plan, in a DM and by mention; returns the text and blocks each surface finally showed. */
async function askEverywhere(box: TestSandbox, user: string): Promise<Array<{ surface: string; shown: string }>> {
  const command = await box.run({ as: user, channel: 'C_JLY', command: '/plan', text: QUESTION });
  const dm = await box.run({ as: user, dm: QUESTION });
  const mention = await box.run({ as: user, channel: 'C_JLY', mention: QUESTION });
  const last = (events: typeof mention) => {
    const finals = [...callsOf(events, 'chat.postMessage'), ...callsOf(events, 'chat.update')];
    return JSON.stringify(finals.at(-1)?.args ?? null);
  };
  return [
    { surface: '/plan', shown: JSON.stringify(responsesOf(command).at(-1) ?? null) },
    { surface: 'dm', shown: last(dm) },
    { surface: 'mention', shown: last(mention) },
  ];
}

function expectExtractive(shown: Array<{ surface: string; shown: string }>) {
  for (const { surface, shown: text } of shown) {
    expect(text, surface).toContain('20分');
    expect(text, surface).toContain('依据');
    expect(text, surface).toContain('三、(四) 加强科技工作考核');
    expect(text, surface).toContain(NOTE);
  }
}

async function lastModes(box: TestSandbox, n: number) {
  const rows = await box.booted.deps.db.select().from(questions);
  return rows.slice(-n).map((r) => ({ mode: r.mode, grounded: r.grounded }));
}

describe('when the model server fails, every question still gets an extractive answer in Slack', () => {
  it('when the model server refuses connections, /plan, DMs and mentions are answered from the plan text', async () => {
    expectExtractive(await askEverywhere(refused, 'U_JLY_1'));
    expect(await lastModes(refused, 3)).toEqual(Array(3).fill({ mode: 'extractive', grounded: true }));
  });

  it('when the model server answers 429 with Retry-After on every attempt, the answers are extractive', async () => {
    failure = () => reply.rateLimited(0);
    const before = model.requests.length;
    expectExtractive(await askEverywhere(sandbox, 'U_TJY_1'));
    // One retry per question, no more: three questions, two attempts each.
    expect(model.requests.length - before).toBe(6);
  });

  it('when the model server answers 500 on every attempt, the answers are extractive', async () => {
    failure = () => reply.serverError(503);
    expectExtractive(await askEverywhere(sandbox, 'U_TJY_1'));
  });

  it('when the model server accepts and then says nothing past the timeout, the answers are extractive', async () => {
    failure = () => reply.hang();
    expectExtractive(await askEverywhere(sandbox, 'U_SHY_1'));
    expect(await lastModes(sandbox, 3)).toEqual(Array(3).fill({ mode: 'extractive', grounded: true }));
  });

  it('when the model stalls in the middle of a streamed answer, the half answer is replaced by the extractive one', async () => {
    failure = () => ({ kind: 'text', text: '根据计划,年度考核中科技工作占比较高,具体为', chunkSize: 4, stallAfter: 3 });
    const events = await sandbox.run({ as: 'U_XJJ_1', channel: 'C_XJJ', mention: QUESTION });
    expect(callsOf(events, 'chat.startStream').length + callsOf(events, 'chat.appendStream').length).toBeGreaterThan(0);
    const update = callsOf(events, 'chat.update').at(-1);
    expect(JSON.stringify(update?.args)).toContain('20分');
    expect(JSON.stringify(update?.args)).toContain(NOTE);
  });
});
