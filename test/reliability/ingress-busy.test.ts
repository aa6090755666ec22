import { afterEach, describe, expect, it } from 'vitest';
import { type HttpApp, serveIngress } from '../../src/ingress/run-http.js';
import { startWorkerHost } from '../../src/ingress/worker-host.js';
import { silentLogger } from '../../src/logger.js';
import { interactive } from '../../src/sandbox/requests.js';
import { postSigned } from '../../src/sandbox/signing.js';
import { commandRequest, sleep } from './support.js';

/**
 * The ingress in front of an app thread that the test stops dead (see test/fakes/blocking-worker.ts): Slack's
 * acknowledgements do not wait for it, and a shutdown waits for everything that was acknowledged.
 */
const SECRET = 'ingress-busy-signing-secret';
const WORKER = new URL('../fakes/blocking-worker.ts', import.meta.url);

let http: HttpApp | undefined;
afterEach(async () => {
  await http?.stop();
  http = undefined;
});

async function start(maxOutstanding?: number): Promise<{ http: HttpApp; gate: Int32Array }> {
  const shared = new SharedArrayBuffer(12);
  const worker = startWorkerHost(WORKER, { shared }, maxOutstanding);
  await worker.ready;
  http = await serveIngress(worker, { signingSecret: SECRET, logger: silentLogger, host: '127.0.0.1', port: 0 });
  return { http, gate: new Int32Array(shared) };
}

const command = (name: string, n: number) =>
  commandRequest({
    command: name,
    text: String(n),
    user: 'U_1',
    channel: 'C_1',
    responseUrl: `http://127.0.0.1:9/${n}`,
  });

async function untilBlocked(gate: Int32Array): Promise<void> {
  while (Atomics.load(gate, 2) !== 1) await sleep(10);
}

const release = (gate: Int32Array) => {
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
};

describe('acknowledgements never wait for the app thread', () => {
  it('when the app thread is blocked, every request is still acknowledged and handled once it frees up', async () => {
    const { http, gate } = await start();
    expect((await postSigned(http.url, SECRET, command('/block', 0))).status).toBe(200);
    await untilBlocked(gate);
    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postSigned(http.url, SECRET, command('/work', i + 1))),
    );
    expect(acks.map((r) => r.status)).toEqual(Array(20).fill(200));
    // Acknowledged, not yet done: the app thread has not run a single one.
    expect(Atomics.load(gate, 1)).toBe(0);
    release(gate);
    await http.settle();
    expect(Atomics.load(gate, 1)).toBe(21);
  });

  it('when more is waiting than the app thread may hold, the rest gets 503 (not acknowledged, so Slack retries it)', async () => {
    const { http, gate } = await start(5);
    expect((await postSigned(http.url, SECRET, command('/block', 0))).status).toBe(200);
    await untilBlocked(gate);
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) statuses.push((await postSigned(http.url, SECRET, command('/work', i))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 503, 503]);
    release(gate);
    await http.settle();
    // Only what was acknowledged ran; once the backlog is done, requests are taken again.
    expect(Atomics.load(gate, 1)).toBe(5);
    expect((await postSigned(http.url, SECRET, command('/work', 7))).status).toBe(200);
    await http.settle();
    expect(Atomics.load(gate, 1)).toBe(6);
  });

  it('when it shuts down with acknowledged work queued behind a blocked app thread, all of it is done first', async () => {
    const { http: app, gate } = await start();
    await postSigned(app.url, SECRET, command('/block', 0));
    await untilBlocked(gate);
    await Promise.all(Array.from({ length: 10 }, (_, i) => postSigned(app.url, SECRET, command('/work', i + 1))));
    const stopped = app.stop();
    http = undefined;
    await sleep(50);
    release(gate);
    expect(await stopped).toBe('drained');
    expect(Atomics.load(gate, 1)).toBe(11);
  });

  it("when a modal is submitted, the app thread's answer comes back in the acknowledgement", async () => {
    const { http } = await start();
    const res = await postSigned(
      http.url,
      SECRET,
      interactive({
        type: 'view_submission',
        user: { id: 'U_1' },
        team: { id: 'T_1' },
        view: { id: 'V_1', callback_id: 'm' },
      }),
    );
    expect(JSON.parse(res.body)).toEqual({ response_action: 'errors', errors: { value: 'checked by the app thread' } });
  });

  it('when /healthz is asked, the app thread answers it through the ingress', async () => {
    const { http } = await start();
    const res = await fetch(new URL('/healthz', http.url));
    expect(await res.text()).toBe('route /healthz\n');
  });
});
