import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack.js';
import { directoryOf, loadWorkspace } from '../../src/workspace/file.js';

/**
 * `planbot job run summary` by hand against a stand-in Slack (SLACK_API_URL): with circular review on, the circular
 * goes to the admins as a draft, as at its scheduled time, and never straight to the summary channel.
 */

const tmp = mkdtempSync(join(tmpdir(), 'planbot-job-cli-'));
const workspace = join(tmp, 'workspace.yaml');
writeFileSync(
  workspace,
  readFileSync('workspaces/demo.yaml', 'utf8').replace(/^schedule:\n/m, 'schedule:\n  circularReview: true\n'),
);

/** Runs the CLI without blocking this process, whose event loop serves the fake Slack. */
function planbot(args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/planbot.mjs', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('planbot job run summary with circular review on', { timeout: 240_000 }, () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    const people = directoryOf(loadWorkspace('workspaces/demo.yaml'));
    fake = await startFakeSlack({
      directory: {
        users: people.map((p) => ({ id: p.id, name: p.id.toLowerCase(), realName: p.name })),
        channels: [{ id: 'C_KEJI', name: 'keji', members: ['U_PLANBOT', 'U_ADMIN'] }],
      },
    });
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('sends the draft to the admins and posts nothing to the summary channel', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: tmp,
      PLANBOT_DATA_DIR: join(tmp, 'data'),
      PLANBOT_WORKSPACE: workspace,
      SLACK_BOT_TOKEN: 'xoxb-job-test',
      SLACK_SIGNING_SECRET: 'job-test-secret',
      SLACK_API_URL: fake.url,
      LOG_LEVEL: 'error',
    };
    const run = await planbot(['job', 'run', 'summary', '--period', '2016H1'], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('circular review is on');
    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((c) => c.args.channel === 'U_ADMIN' || String(c.args.channel).startsWith('D'))).toBe(true);
    expect(posts.some((c) => c.args.channel === 'C_KEJI')).toBe(false);
    expect(JSON.stringify(posts)).toContain('2016年上半年');
  });
});
