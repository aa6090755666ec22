import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Booted, boot } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack.js';
import { postSigned } from '../../src/sandbox/signing.js';
import { createSlackApp } from '../../src/slack/app.js';
import { directoryOf } from '../../src/workspace/file.js';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../fakes/openai-server.js';
import { commandRequest, messageRequest, type ResponseSink, startResponseSink } from './support.js';

/**
 * The app booted in HTTP mode with distinctive secrets, its every log line captured at debug level, while requests
 * fail every way they can: the model rejects the key (and quotes it back, as real servers do), Slack rejects the
 * token, signatures are wrong. No line may contain a secret.
 */
const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-4242-LEAKCHECK-bottoken-9f8e7d',
  SLACK_SIGNING_SECRET: 'LEAKCHECKsigning0123456789abcdef',
  OPENAI_API_KEY: 'LEAKCHECK-model-key-27182818284',
  DATABASE_URL: 'postgres://planbot:LEAKCHECKdbpass@127.0.0.1:1/planbot',
};

const lines: string[] = [];
let booted: Booted;
let fake: FakeSlack;
let model: FakeOpenAiServer;
let sink: ResponseSink;
let app: ReturnType<typeof createSlackApp>;
let eventsUrl = '';

beforeAll(async () => {
  model = await startFakeOpenAiServer({
    handler: (_body, i) =>
      i % 2
        ? {
            kind: 'status',
            status: 401,
            message: `Incorrect API key provided: ${SECRETS.OPENAI_API_KEY}. Find your key at https://example.invalid`,
          }
        : { kind: 'status', status: 500, message: `upstream failed for key ${SECRETS.OPENAI_API_KEY}` },
  });
  const config = loadConfig({ ...SECRETS, OPENAI_BASE_URL: model.baseURL, OPENAI_TIMEOUT_MS: '500', PORT: '3999' });
  expect(config.slack.kind).toBe('http');
  const logger = createLogger({ level: 'debug', secrets: config.secrets, write: (l) => lines.push(l) });
  // The database is the in-memory one: the URL's password is only there to be kept out of the logs.
  booted = await boot(config, { logger, memory: true });
  const people = directoryOf(booted.deps.workspace);
  fake = await startFakeSlack({
    directory: {
      users: people.map((p) => ({ id: p.id, name: p.id.toLowerCase(), realName: p.name })),
      channels: [{ id: 'C_JLY', name: 'jly', members: ['U_PLANBOT', ...people.map((p) => p.id)] }],
    },
  });
  if (config.slack.kind !== 'http') throw new Error('not http');
  app = createSlackApp(booted.deps, {
    ...config.slack,
    slackApiUrl: fake.url,
    botId: 'B_PLANBOT',
    botUserId: 'U_PLANBOT',
  });
  await app.init();
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  sink = await startResponseSink();
});

afterAll(async () => {
  await app?.stop().catch(() => {});
  await booted?.close();
  await fake?.close();
  await model?.close();
  await sink?.close();
});

describe('secrets never reach a log line', () => {
  it('when requests fail in every way, no log line holds the bot token, signing secret, API key or database password', async () => {
    const secret = SECRETS.SLACK_SIGNING_SECRET;
    const ask = (text: string) =>
      postSigned(
        eventsUrl,
        secret,
        commandRequest({ command: '/plan', text, user: 'U_JLY_1', channel: 'C_JLY', responseUrl: sink.url() }),
      );
    // The model rejects the key on every question (401, 500); Slack rejects the token on some posts.
    for (let i = 0; i < 4; i++) expect((await ask(`科技投入不低于多少?${i}`)).status).toBe(200);
    fake.failNext('chat.postMessage', { error: 'invalid_auth' });
    fake.failNext('chat.postMessage', { error: 'token_revoked' });
    for (let i = 0; i < 3; i++) {
      const dm = messageRequest({ user: 'U_JLY_1', channel: 'D_JLY_1', text: `年度考核里科技工作占多少分?${i}` });
      expect((await postSigned(eventsUrl, secret, dm)).status).toBe(200);
    }
    // Wrong signatures, a replay, a body Slack never sends.
    expect(
      (
        await postSigned(
          eventsUrl,
          'wrong-secret',
          commandRequest({ command: '/plan', text: 'x', user: 'U_JLY_1', channel: 'C_JLY', responseUrl: sink.url() }),
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await postSigned(
          eventsUrl,
          secret,
          { body: 'payload=%7B', contentType: 'application/x-www-form-urlencoded' },
          { timestamp: 1 },
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await postSigned(eventsUrl, secret, {
          body: '{"type":"event_callback","event":null}',
          contentType: 'application/json',
        })
      ).status,
    ).toBe(200);
    await sink.waitFor(4, 15_000);
    await booted.deps.tasks.whenIdle();
    await fake.whenIdle();

    expect(lines.length).toBeGreaterThan(10);
    // The failures were logged (so the check below looked at lines that had every chance to leak).
    expect(lines.some((l) => l.includes('model request failed'))).toBe(true);
    expect(lines.some((l) => /invalid_auth|token_revoked/.test(l))).toBe(true);
    // The model's error quoted the key: that line was written, with the key replaced.
    expect(lines.some((l) => l.includes('Incorrect API key provided: [redacted]'))).toBe(true);
    const leaks = lines.filter((l) => Object.values(SECRETS).some((s) => l.includes(s)) || l.includes('LEAKCHECK'));
    expect(leaks).toEqual([]);
  });
});
