import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Booted, boot } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { SandboxSession } from '../../src/sandbox/session.js';
import { postSigned } from '../../src/sandbox/signing.js';
import { openFreshPostgres } from '../fakes/db.js';
import { sample } from '../fakes/prometheus.js';
import { startTcpProxy, type TcpProxy } from '../fakes/tcp-proxy.js';
import { commandRequest, sleep, startResponseSink } from './support.js';

/**
 * The app on PostgreSQL reached through a proxy whose line the test cuts or stalls: /healthz says 503 while the
 * database does not answer and 200 again once it does, and the failed checks are counted; a command is acknowledged
 * while the database hangs. Needs TEST_DATABASE_URL.
 */
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('/healthz follows the database', () => {
  let proxy: TcpProxy;
  let booted: Booted;
  let session: SandboxSession;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await openFreshPostgres(serverUrl as string);
    dropDatabase = () => fresh.close();
    const direct = new URL(fresh.url);
    proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
    direct.port = String(proxy.port);
    booted = await boot(loadConfig({ DATABASE_URL: direct.toString() }), { logger: silentLogger });
    session = await SandboxSession.start(booted.deps);
  });
  afterAll(async () => {
    proxy?.restore();
    await session?.close();
    await booted?.close();
    await proxy?.close();
    await dropDatabase?.();
  });

  const health = async () => {
    const res = await fetch(new URL('/healthz', session.eventsUrl));
    return { status: res.status, body: await res.json() };
  };

  it('is 200 while the database answers, 503 when it goes away, and 200 again when it is back', async () => {
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok' } });
    proxy.cut();
    expect(await health()).toMatchObject({ status: 503, body: { status: 'unavailable', database: 'unavailable' } });
    proxy.restore();
    expect(await health()).toMatchObject({ status: 200, body: { database: 'ok' } });
    const metrics = await (await fetch(new URL('/metrics', session.eventsUrl))).text();
    expect(sample(metrics, 'planbot_database_errors_total')).toBeGreaterThanOrEqual(1);
  });

  it('acknowledges a command while the database hangs, and answers it once the database is back', async () => {
    // The plans are re-read from the database at most every 2 s: past that, this request is the one that re-reads them.
    await sleep(2_100);
    proxy.stall();
    const sink = await startResponseSink();
    try {
      const responseUrl = sink.url();
      const request = commandRequest({
        command: '/plan',
        text: '年度考核里科技工作占多少分?',
        user: 'U_JLY_1',
        channel: 'C_JLY',
        responseUrl,
      });
      const sent = Date.now();
      const ack = await postSigned(session.eventsUrl, session.signingSecret, request);
      // Bolt answers 404 itself when a listener has not acknowledged within 3 s: the ack did not wait for the database.
      expect(ack.status).toBe(200);
      expect(Date.now() - sent).toBeLessThan(3_000);
      proxy.restore();
      await session.settle();
      const told = sink.received(responseUrl);
      expect(told).toHaveLength(1);
      expect(JSON.stringify(told[0])).toContain('分');
    } finally {
      proxy.restore();
      await sink.close();
    }
  });
});
