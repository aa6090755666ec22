import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type HttpApp, startHttpApp } from '../../src/ingress/run-http.js';
import { silentLogger } from '../../src/logger.js';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack.js';
import { interactive } from '../../src/sandbox/requests.js';
import { postSigned, type SignedRequest } from '../../src/sandbox/signing.js';
import { BLOCK, PROGRESS_MODAL } from '../../src/slack/blocks/progress-modal.js';
import { directoryOf, loadWorkspace } from '../../src/workspace/file.js';
import { sample } from '../fakes/prometheus.js';
import { commandRequest, type ResponseSink, startResponseSink } from '../reliability/support.js';

/**
 * HTTP mode as `npm start` runs it: the ingress on this thread, the real app (listeners, in-memory PGlite, answering)
 * in its worker thread, against the fake Slack Web API and a response_url sink on loopback.
 */
const SECRET = 'ingress-test-signing-secret';
let fake: FakeSlack;
let sink: ResponseSink;
let http: HttpApp;

beforeAll(async () => {
  const config = loadConfig({});
  const people = directoryOf(loadWorkspace(config.workspacePath));
  fake = await startFakeSlack({
    directory: {
      users: people.map((p) => ({ id: p.id, name: p.id.toLowerCase(), realName: p.name })),
      channels: [{ id: 'C_JLY', name: 'jly', members: ['U_PLANBOT', ...people.map((p) => p.id)] }],
    },
  });
  sink = await startResponseSink();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-ingress-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    LOG_LEVEL: 'warn',
  };
  http = await startHttpApp(loadConfig(env), silentLogger, {
    env,
    memory: true,
    botId: 'B_PLANBOT',
    botUserId: 'U_PLANBOT',
    scheduler: false,
    host: '127.0.0.1',
    port: 0,
    shutdownDeadlineMs: 10_000,
  });
}, 60_000);
afterAll(async () => {
  await http?.stop();
  await sink?.close();
  await fake?.close();
});

describe('HTTP mode with the app in its own thread', () => {
  it('when /plan is asked, the ack is an empty 200 and the answer reaches the response_url', async () => {
    const url = sink.url();
    const res = await postSigned(
      http.url,
      SECRET,
      commandRequest({
        command: '/plan',
        text: '科技投入的目标是多少',
        user: 'U_JLY_1',
        channel: 'C_JLY',
        responseUrl: url,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    await http.settle();
    expect(sink.received(url)).toHaveLength(1);
  });

  it('when a progress modal is submitted without a number, the errors come back in the ack', async () => {
    const payload = {
      type: 'view_submission',
      user: { id: 'U_JLY_1' },
      team: { id: 'T_SANDBOX' },
      api_app_id: 'A_PLANBOT',
      view: { id: 'V_INGRESS', hash: 'h1', callback_id: PROGRESS_MODAL, private_metadata: '', state: { values: {} } },
    };
    const res = await postSigned(http.url, SECRET, interactive(payload));
    expect(res.status).toBe(200);
    const ack = JSON.parse(res.body) as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors)).toEqual([BLOCK.value]);
  });

  it('when a request is not signed with the secret, it gets 401', async () => {
    const res = await postSigned(
      http.url,
      'another-secret',
      commandRequest({ command: '/plan', text: 'help', user: 'U_JLY_1', channel: 'C_JLY', responseUrl: sink.url() }),
    );
    expect(res.status).toBe(401);
  });

  it('when a body is larger than any Slack sends (over 4 MB), it is refused with 413 before it is verified', async () => {
    const res = await fetch(http.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `text=${'x'.repeat(5 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(413);
  });

  it('when /healthz and /metrics are asked on the same port, the app answers them', async () => {
    const health = await fetch(new URL('/healthz', http.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok' });
    const metrics = await (await fetch(new URL('/metrics', http.url))).text();
    expect(sample(metrics, 'planbot_requests_total', { kind: 'command:/plan' })).toBeGreaterThanOrEqual(1);
    expect((await fetch(new URL('/nothing', http.url))).status).toBe(404);
  });

  it('when bodies of any shape arrive, unsigned ones get 401 and signed ones 200 or 400, never a 500', async () => {
    const body: fc.Arbitrary<SignedRequest> = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => ({ body: JSON.stringify(v), contentType: 'application/json' as const })),
      fc
        .dictionary(
          fc.constantFrom('command', 'text', 'payload', 'ssl_check', 'type', 'x'),
          fc.string({ maxLength: 30 }),
        )
        .map((d) => ({
          body: new URLSearchParams(d).toString(),
          contentType: 'application/x-www-form-urlencoded' as const,
        })),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (req, signed) => {
        const res = await postSigned(http.url, signed ? SECRET : 'not-the-secret', req);
        const sslCheck =
          req.contentType === 'application/x-www-form-urlencoded' &&
          new URLSearchParams(req.body).get('ssl_check') === '1';
        if (!signed) expect(res.status).toBe(sslCheck ? 200 : 401);
        else expect([200, 400]).toContain(res.status);
      }),
      { numRuns: 150 },
    );
    await http.settle();
    expect((await fetch(new URL('/healthz', http.url))).status).toBe(200);
  });
});
