import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type BodyError, formOf, parseBody, readBody, signatureProblem } from '../../../src/ingress/slack-request.js';
import { slackSignature } from '../../../src/sandbox/signing.js';

const SECRET = 'request-test-secret';
const NOW = 1_700_000_000_000;
const signed = (body: string, at = NOW / 1000, secret = SECRET) => ({
  'x-slack-signature': slackSignature(secret, at, body),
  'x-slack-request-timestamp': String(at),
});

describe("verifying Slack's signature as Bolt's receiver does", () => {
  const body = 'command=%2Fplan&text=hi';

  it('a request signed with the secret within five minutes holds', () => {
    expect(signatureProblem(SECRET, signed(body), body, NOW)).toBeUndefined();
    expect(signatureProblem(SECRET, signed(body, NOW / 1000 - 299), body, NOW)).toBeUndefined();
  });

  it.each([
    ['another secret', signed(body, NOW / 1000, 'other'), body, 'signature mismatch'],
    ['a changed body', signed(body), `${body}x`, 'signature mismatch'],
    ['an old timestamp (a replay)', signed(body, NOW / 1000 - 301), body, 'request is stale'],
    ['no signature', { 'x-slack-request-timestamp': String(NOW / 1000) }, body, 'signature headers missing'],
    [
      'a timestamp that is no number',
      { ...signed(body), 'x-slack-request-timestamp': 'soon' },
      body,
      'timestamp is not a number',
    ],
    ['another version', { ...signed(body), 'x-slack-signature': 'v1=abc' }, body, 'unknown signature version'],
    ['a short hash', { ...signed(body), 'x-slack-signature': 'v0=ab' }, body, 'signature mismatch'],
    [
      'the hash in capitals (Bolt compares the text)',
      {
        ...signed(body),
        'x-slack-signature': signed(body)['x-slack-signature'].replace(/[a-f]/g, (c) => c.toUpperCase()),
      },
      body,
      'signature mismatch',
    ],
  ])('%s is refused', (_situation, headers, text, problem) => {
    expect(signatureProblem(SECRET, headers, text, NOW)).toBe(problem);
  });
});

describe('parsing the body', () => {
  it("a command's form, an interaction's payload and an event's JSON", () => {
    const form = 'application/x-www-form-urlencoded';
    expect(parseBody(formOf(form, 'command=%2Fplan&text=a+b'), '')).toEqual(
      expect.objectContaining({ command: '/plan', text: 'a b' }),
    );
    const payload = `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions' }))}`;
    expect(parseBody(formOf(form, payload), payload)).toEqual({ type: 'block_actions' });
    expect(parseBody(formOf('application/json', '{"type":"event_callback"}'), '{"type":"event_callback"}')).toEqual({
      type: 'event_callback',
    });
    expect(formOf(form, 'ssl%5Fcheck=1&token=x')?.ssl_check).toBe('1');
    expect(() => parseBody(undefined, '{')).toThrow();
  });
});

describe('reading the body', () => {
  async function send(body: string, limit: number, headers: Record<string, string> = {}) {
    const server = createServer((req, res) => {
      readBody(req, limit).then(
        (b) => res.end(`ok ${b.toString()}`),
        (e: BodyError) => res.writeHead(e.status, { connection: 'close' }).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      return await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request({ port, host: '127.0.0.1', method: 'POST', headers }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }

  it('reads a body within the limit whole', async () => {
    expect(await send('x'.repeat(100), 100)).toEqual({ status: 200, text: `ok ${'x'.repeat(100)}` });
  });

  it('refuses with 413 a body past the limit, by its length or as it streams', async () => {
    expect((await send('x'.repeat(101), 100)).status).toBe(413);
    expect((await send('x'.repeat(101), 100, { 'transfer-encoding': 'chunked' })).status).toBe(413);
  });
});
