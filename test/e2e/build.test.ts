import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../../src/package-root.js';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack.js';
import { postSigned } from '../../src/sandbox/signing.js';
import { directoryOf, loadWorkspace } from '../../src/workspace/file.js';
import { sample } from '../fakes/prometheus.js';
import { messageRequest } from '../reliability/support.js';

/**
 * The compiled app, as `npm run build` makes it, runs without tsx. The build goes to a directory of its own inside
 * the package (node_modules/.cache), so the test neither touches dist/ nor loses the package's node_modules.
 */
const outDir = join('node_modules', '.cache', `planbot-build-test-${process.pid}`);
const tmp = mkdtempSync(join(tmpdir(), 'planbot-build-'));
const bareEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmp, PLANBOT_DATA_DIR: join(tmp, 'data') };

beforeAll(() => {
  const tsc = spawnSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir],
    { encoding: 'utf8', timeout: 180_000 },
  );
  expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
}, 200_000);
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs the compiled command from another directory, so nothing is found relative to the working directory. */
function built(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--enable-source-maps', join(process.cwd(), outDir, 'src', 'cli.js'), ...args], {
    cwd: tmp,
    env: { ...bareEnv, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

describe('the build', { timeout: 240_000 }, () => {
  it('compiles every source file to JavaScript with a source map beside it', () => {
    for (const file of ['src/main.js', 'src/cli.js', 'db/client.js']) {
      expect(existsSync(join(outDir, file)), file).toBe(true);
      expect(existsSync(join(outDir, `${file}.map`)), `${file}.map`).toBe(true);
    }
  });

  it('answers `ask` from the shipped plan, started outside the package', () => {
    const out = built(['ask', '--offline', '--json', '到2017年,全区国家质检中心要达到多少家?']);
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ grounded: true, mode: 'extractive' });
  });

  it('runs a sandbox script on a migrated database: a DM gets its reply', () => {
    const script = join(tmp, 'dm.jsonl');
    writeFileSync(script, '{"as":"U_JLY_1","dm":"学科带头人分为几个等级?"}\n');
    const out = built(['sandbox', '--memory', '--script', script]);
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.call === 'chat.postMessage')).toBe(true);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the compiled app in HTTP mode (npm run start:prod)', { timeout: 240_000 }, () => {
  let fake: FakeSlack;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    await fake?.close();
  });

  it('calls the Web API at SLACK_API_URL, serves /healthz and /metrics, and on SIGTERM finishes every acknowledged question before exiting', async () => {
    const people = directoryOf(loadWorkspace('workspaces/demo.yaml'));
    fake = await startFakeSlack({
      directory: {
        users: people.map((p) => ({ id: p.id, name: p.id.toLowerCase(), realName: p.name })),
        channels: [{ id: 'C_JLY', name: 'jly', members: ['U_PLANBOT', ...people.map((p) => p.id)] }],
      },
    });
    const port = await freePort();
    const secret = 'build-test-signing-secret';
    let stderr = '';
    child = spawn(process.execPath, ['--enable-source-maps', join(process.cwd(), outDir, 'src', 'main.js')], {
      cwd: tmp,
      detached: true,
      env: {
        ...bareEnv,
        PLANBOT_DATA_DIR: join(tmp, 'http-data'),
        SLACK_BOT_TOKEN: 'xoxb-build-test',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: fake.url,
        PORT: String(port),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    let health: Response | undefined;
    for (let i = 0; i < 600 && !health; i++) {
      health = await fetch(`${base}/healthz`).catch(() => undefined);
      if (!health) await new Promise((r) => setTimeout(r, 250));
    }
    expect(health?.status, stderr).toBe(200);
    expect(await health?.json()).toEqual({ status: 'ok', version: PACKAGE_VERSION, database: 'ok' });
    expect(fake.calls.some((c) => c.method === 'auth.test')).toBe(true);

    // Questions in flight, all acknowledged; then SIGTERM while they are being answered.
    const questions = ['学科带头人分为几个等级?', '科技投入占收入比例要达到多少?', '国家质检中心要达到多少家?'];
    const users = ['U_JLY_1', 'U_SHY_1', 'U_JLY_LEAD', 'U_SHY_LEAD'];
    const sent = users.flatMap((user) => questions.map((text) => ({ user, text })));
    const acks = await Promise.all(
      sent.map((q) =>
        postSigned(
          `${base}/slack/events`,
          secret,
          messageRequest({ user: q.user, channel: fake.dmChannel(q.user), text: q.text }),
        ),
      ),
    );
    expect(acks.map((r) => r.status)).toEqual(sent.map(() => 200));
    // The ingress acknowledges at once and the app thread takes requests in as it has room: wait until it has them all.
    let counted = 0;
    for (let i = 0; i < 600 && counted < sent.length; i++) {
      const metrics = await (await fetch(`${base}/metrics`)).text();
      counted = sample(metrics, 'planbot_requests_total', { kind: 'event:message' }) ?? 0;
      if (counted < sent.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(counted).toBe(sent.length);
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    expect(await exited, stderr).toBe(0);
    const replies = fake.calls.filter((c) => c.method === 'chat.postMessage' && String(c.args.channel).startsWith('D'));
    expect(replies.length, stderr).toBe(sent.length);
    expect(stderr).toContain('stopped cleanly');
  });
});
