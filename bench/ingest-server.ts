/**
 * One side of `bench/ingest.ts`, run in its own process: either planbot's real app (HTTP receiver, listeners,
 * PostgreSQL) or a bare Bolt app whose `/progress` only acknowledges. Prints `{"url","secret"}` when listening.
 * `responses` is the third process: the response_url planbot confirms each update at, counting what arrives
 * (`GET /counts`), so the driver that times acknowledgements does not also handle confirmations.
 * Usage: tsx bench/ingest-server.ts planbot|bare|responses [DATABASE_URL]
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { boot } from '../src/bootstrap.js';
import { ManualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { startFakeSlack } from '../src/sandbox/fake-slack.js';
import { createSlackApp } from '../src/slack/app.js';

const [kind, databaseUrl] = process.argv.slice(2);
const secret = randomBytes(16).toString('hex');
const identity = { botId: 'B_PLANBOT', botUserId: 'U_PLANBOT' };

async function start(): Promise<Server> {
  if (kind === 'responses') return countResponses();
  const fake = await startFakeSlack({ directory: { users: [], channels: [] } });
  if (kind === 'bare') {
    const app = new App({
      token: 'xoxb-bench',
      signingSecret: secret,
      ...identity,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url },
    });
    app.command('/progress', async ({ ack }) => {
      await ack();
    });
    return (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  }
  if (!databaseUrl) throw new Error('usage: ingest-server.ts planbot DATABASE_URL');
  const booted = await boot(loadConfig({ DATABASE_URL: databaseUrl }), {
    clock: new ManualClock(new Date('2016-06-20T09:00:00+08:00')),
    logger: silentLogger,
  });
  const app = createSlackApp(booted.deps, {
    kind: 'http',
    botToken: 'xoxb-bench',
    signingSecret: secret,
    slackApiUrl: fake.url,
    ...identity,
  });
  await app.init();
  return (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
}

async function countResponses(): Promise<Server> {
  const counts = { confirmed: 0, refused: 0 };
  const server = createServer((req, res) => {
    if (req.method === 'GET') return void res.writeHead(200).end(JSON.stringify(counts));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (Buffer.concat(chunks).toString('utf8').includes('已记录')) counts.confirmed++;
      else counts.refused++;
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

start().then(
  (server) => {
    const { port } = server.address() as AddressInfo;
    const path = kind === 'responses' ? '/r' : '/slack/events';
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}${path}`, secret })}\n`);
  },
  (error) => {
    process.stderr.write(`ingest-server: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
// The driver stops each side with SIGTERM; exiting (not dying of it) lets `--cpu-prof` write its profile.
process.on('SIGTERM', () => process.exit(0));
