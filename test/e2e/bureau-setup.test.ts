import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot } from '../../src/bootstrap.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { startFakeSlack } from '../../src/sandbox/fake-slack.js';
import { sandboxEmailLookup } from '../../src/sandbox/run.js';
import { runPeopleCommand } from '../../src/workspace/cli-people.js';
import { type WorkspaceReloader, workspaceReloader } from '../../src/workspace/reload.js';
import { lookupByEmailVia } from '../../src/workspace/resolve.js';
import { callsOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

// Issue 11, point 7: setting planbot up for a real bureau — people by e-mail or from a CSV, edits without a restart.
const demo = readFileSync('workspaces/demo.yaml', 'utf8');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'planbot-bureau-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('people entered by e-mail address', () => {
  it('are resolved with users.lookupByEmail on sync, and an unknown address stops the sync naming it', async () => {
    const slack = await startFakeSlack({
      directory: {
        users: [{ id: 'U0ZHANGMIN', name: 'zhangmin', realName: '张敏', email: 'zhang.min@bureau.example' }],
        channels: [],
      },
    });
    const client = new WebClient('xoxb-test', { slackApiUrl: slack.url, logLevel: LogLevel.ERROR });
    const path = join(dir, 'by-email.yaml');
    writeFileSync(path, demo.replaceAll('U_JLY_1', 'zhang.min@bureau.example'));
    try {
      const booted = await boot(loadConfig({}), {
        memory: true,
        logger: silentLogger,
        clock: new ManualClock(new Date('2016-06-20T09:00:00+08:00')),
        workspacePath: path,
        lookupEmail: lookupByEmailVia(client),
      });
      try {
        expect(booted.deps.workspace.units.find((u) => u.id === 'jly')?.members).toEqual(['U0ZHANGMIN']);
        expect(booted.deps.workspace.people.U0ZHANGMIN).toBe('张敏');
        expect(slack.calls.filter((c) => c.method === 'users.lookupByEmail')).toEqual([
          { method: 'users.lookupByEmail', args: { email: 'zhang.min@bureau.example' } },
        ]);
      } finally {
        await booted.close();
      }
      writeFileSync(path, demo.replaceAll('U_JLY_1', 'zhang.mim@bureau.example'));
      await expect(
        boot(loadConfig({}), {
          memory: true,
          logger: silentLogger,
          workspacePath: path,
          lookupEmail: lookupByEmailVia(client),
        }),
      ).rejects.toThrow('people: no one in the Slack workspace has the e-mail address zhang.mim@bureau.example');
    } finally {
      await slack.close();
    }
  });
});

describe('people from a CSV, and workspace-file edits without a restart', () => {
  let sandbox: TestSandbox;
  let reloader: WorkspaceReloader;
  let path: string;
  const refused: string[] = [];
  beforeAll(async () => {
    path = join(dir, 'workspace.yaml');
    writeFileSync(path, demo);
    sandbox = await startTestSandbox({ workspacePath: path });
    reloader = workspaceReloader(sandbox.booted.deps, path, {
      lookup: sandboxEmailLookup,
      onApplied: (ws) => sandbox.session.addPeople(ws),
      onRefused: (error) => refused.push(error),
    });
  });
  afterAll(() => sandbox?.close());

  const openProgress = (as: string) => sandbox.run({ as, channel: 'C_JLY', command: '/progress', text: '' });

  it('planbot people import adds the CSV’s people to the workspace file, and the running app picks them up', async () => {
    const csvPath = join(dir, 'people.csv');
    writeFileSync(csvPath, '\uFEFF姓名,邮箱,单位,角色\n新同事,new.colleague@bureau.example,计量院,填报人\n');
    const said: string[] = [];
    expect(await runPeopleCommand(['import', csvPath, '--workspace', path], (l) => said.push(l))).toBe(0);
    expect(said.join()).toContain('1 people written');
    expect(readFileSync(path, 'utf8')).toContain('new.colleague@bureau.example');
    // Comments of the hand-written file survive the import.
    expect(readFileSync(path, 'utf8')).toContain('# The demo workspace');

    expect(callsOf(await openProgress('U_NEW_COLLEAGUE'), 'views.open')).toEqual([]);
    expect(await reloader.check()).toEqual({ applied: true });
    expect(callsOf(await openProgress('U_NEW_COLLEAGUE'), 'views.open')).toHaveLength(1);
  });

  it('a bad edit keeps the last good workspace in force and says which line to fix', async () => {
    const good = readFileSync(path, 'utf8');
    writeFileSync(path, good.replace('kind: institution', 'kind: institute'));
    const result = await reloader.check();
    expect(result.applied).toBe(false);
    expect(result.error).toMatch(/line \d+: units\[0\] \(jly\)\.kind: must be one of/);
    expect(refused).toHaveLength(1);
    expect(callsOf(await openProgress('U_NEW_COLLEAGUE'), 'views.open')).toHaveLength(1);
  });

  it('a CSV row naming a unit the file does not have is refused with its line', async () => {
    const csvPath = join(dir, 'bad.csv');
    writeFileSync(csvPath, 'name,email,unit,role\n王五,wang.wu@bureau.example,no-such-unit,member\n');
    writeFileSync(path, demo);
    await expect(runPeopleCommand(['import', csvPath, '--workspace', path], () => {})).rejects.toThrow(
      'people CSV line 2: no unit "no-such-unit"',
    );
  });
});
