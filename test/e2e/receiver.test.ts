import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned, slackSignature } from '../../src/sandbox/signing.js';
import { startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

const command = () => ({
  body: new URLSearchParams({
    command: '/plan',
    text: 'help',
    user_id: 'U_JLY_1',
    channel_id: 'C_JLY',
    team_id: 'T_SANDBOX',
    trigger_id: '1.2.3',
    response_url: sandbox.session.responseUrl('U_JLY_1'),
  }).toString(),
  contentType: 'application/x-www-form-urlencoded' as const,
});

describe('the HTTP receiver checks every request is from Slack', () => {
  it('when a request is signed with the signing secret and is fresh, it is accepted', async () => {
    const res = await postSigned(sandbox.session.eventsUrl, sandbox.session.signingSecret, command());
    expect(res.status).toBe(200);
    await sandbox.session.settle();
  });

  it('when the signature is made with another secret, it gets 401 and nothing runs', async () => {
    const before = sandbox.session.fake.calls.length;
    const res = await postSigned(sandbox.session.eventsUrl, 'not-the-secret', command());
    expect(res.status).toBe(401);
    expect(await sandbox.session.settle()).toEqual([]);
    expect(sandbox.session.fake.calls.length).toBe(before);
  });

  it('when the signature header is missing, it gets 401', async () => {
    const res = await postSigned(sandbox.session.eventsUrl, sandbox.session.signingSecret, command(), {
      signature: null,
    });
    expect(res.status).toBe(401);
  });

  it('when the body was changed after signing, it gets 401', async () => {
    const req = command();
    const ts = Math.floor(Date.now() / 1000);
    const signature = slackSignature(sandbox.session.signingSecret, ts, req.body);
    const res = await postSigned(
      sandbox.session.eventsUrl,
      sandbox.session.signingSecret,
      { ...req, body: `${req.body}&text=stats` },
      { timestamp: ts, signature },
    );
    expect(res.status).toBe(401);
  });

  it('when the timestamp is older than five minutes (a replay), it gets 401 even with a valid signature', async () => {
    const res = await postSigned(sandbox.session.eventsUrl, sandbox.session.signingSecret, command(), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(res.status).toBe(401);
  });
});
