import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../../src/config.js';
import { sandboxLogger } from '../../../src/sandbox/run.js';
import { SLASH_COMMANDS } from '../../../src/sandbox/slash-commands.js';
import { createTerminal, type Terminal } from '../../../src/sandbox/terminal.js';
import { startTestSandbox, type TestSandbox } from '../../fakes/sandbox.js';

// The local workspace's prompt, line by line as a person types it (issue 11, point 6).
let sandbox: TestSandbox;
let terminal: Terminal;
let out: string;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'planbot-terminal-'));
  sandbox = await startTestSandbox({ start: '2016-06-20T09:00:00+08:00' });
  terminal = createTerminal(sandbox.session, { filesDir: join(out, 'files') });
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(out, { recursive: true, force: true });
});

const type = async (line: string) => String(await terminal.handle(line));

describe('the local workspace prompt', () => {
  it('when :clock is given a date it cannot read, it says how to write one and the clock and later commands still work', async () => {
    const before = sandbox.clock.now().toISOString();
    const answer = await type(':clock 2016年7月1日');
    expect(answer).toContain('is not a date-time the clock understands');
    expect(answer).toContain('2016-07-01T09:00');
    expect(sandbox.clock.now().toISOString()).toBe(before);
    expect(await type(':clock 2016-02-30')).toContain('not a real date-time');
    const next = await type('/plan help');
    expect(next).not.toContain('内部错误');
    expect(next).toContain('/plan');
  });

  it('reads a time without an offset on the workspace’s clock', async () => {
    await type(':clock 2016-06-21T09:30');
    expect(sandbox.clock.now().toISOString()).toBe('2016-06-21T01:30:00.000Z');
  });

  it('when :as names someone who is not in the workspace, it says so, lists who is, and keeps the speaker', async () => {
    const prompt = terminal.prompt();
    const answer = await type(':as 张三丰');
    expect(answer).toContain('no one called "张三丰"');
    expect(answer).toContain('李建国 (U_JLY_LEAD)');
    expect(terminal.prompt()).toBe(prompt);
  });

  it('takes :as by name or by id', async () => {
    expect(await type(':as 李建国')).toContain('U_JLY_LEAD');
    expect(terminal.prompt()).toContain('(U_JLY_LEAD)');
    await type(':as u_admin');
    expect(terminal.prompt()).toContain('(U_ADMIN)');
  });

  it('answers a mistyped command at once, as Slack does, with the command it probably meant', async () => {
    const answer = await type('/progres 国家质检中心 3');
    expect(answer).toContain('/progres is not a valid command');
    expect(answer).toContain('Did you mean /progress?');
    expect(answer).not.toContain('HTTP');
  });

  it('opens App Home with :home', async () => {
    await type(':as U_JLY_LEAD');
    expect(await type(':home')).toContain('[App Home of U_JLY_LEAD]');
  });

  it('shares a file in the DM with :file, and an admin’s plan file is imported', async () => {
    const path = join(out, 'plan.txt');
    writeFileSync(path, '某县全民健身设施建设实施方案\n一、工作目标\n到2026年底，新建社区健身中心20个以上。\n');
    await type(':as U_ADMIN');
    const shown = await type(`:file ${path} slug: jianshen`);
    expect(shown).toContain('`jianshen`');
    expect(shown).toContain('审核指标');
    // A row's button, copied as the terminal shows it (its label repeats on every row), clicks that row's.
    const review = await type(':click 审核指标');
    const reject = /\[(驳回 ‹plan_review_reject:t01›)\]/.exec(review)?.[1];
    expect(reject).toBeTruthy();
    expect(await type(`:click ${reject}`)).toMatch(/t01[^\n]*已驳回/);
    // A button not there is refused with the buttons as shown, so one can be copied.
    expect(await type(':click 驳回 ‹plan_review_reject:t99›')).toContain('批准 ‹plan_review_approve:t01›');
  });

  it('ticks the draft checkbox by its label', async () => {
    await type(':as U_JLY_1');
    await type(':in C_JLY');
    const opened = await type('/report');
    expect(opened).toContain('仅保存草稿');
    const answer = await type(':submit 科技制度落实=修订了科研管理办法 仅保存草稿');
    expect(answer).toContain('已保存草稿');
  });

  it('closes an open modal with :click on its close button, as Slack does; after that there is nothing to submit', async () => {
    await type(':as U_JLY_1');
    await type(':in C_JLY');
    expect(await type('/report')).toContain('[取消]');
    expect(await type(':click 不存在')).toContain('the open modal: :submit to submit it, :click 取消 to close it');
    expect(await type(':click 取消')).toBe('  (modal closed)');
    expect(await type(':submit 科技制度落实=修订了科研管理办法')).toContain('no modal is open');
    // With no modal open, the words are a button to look for like any other, and the message says what there is.
    expect(await type(':click 取消')).toMatch(/no button "取消"/);
  });

  it('writes a file planbot uploads to the files folder and shows where', async () => {
    // An export of a period with no updates sends no file, so one is recorded first.
    await type(':as U_JLY_1');
    await type(':in C_JLY');
    expect(await type('/progress 合作科技项目 1')).toContain('已记录');
    await type(':as U_ADMIN');
    const answer = await type('/plan export 2016H1 csv');
    const path = /\(file saved: (.+)\)/.exec(answer)?.[1];
    expect(path).toBeTruthy();
    expect(existsSync(String(path))).toBe(true);
    expect(String(path)).toContain(join(out, 'files'));
  });
});

describe('the local workspace log', () => {
  it('at the prompt goes to a file, not onto the terminal', () => {
    const logFile = join(out, 'planbot.log');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      sandboxLogger(loadConfig({}), false, logFile).warn('workspace synced', { changes: 3 });
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
    }
    expect(JSON.parse(readFileSync(logFile, 'utf8').trim())).toMatchObject({ msg: 'workspace synced', changes: 3 });
  });
});

it('knows the same slash commands as manifest.yaml registers', () => {
  const manifest = parseYaml(readFileSync('manifest.yaml', 'utf8')) as {
    features: { slash_commands: Array<{ command: string }> };
  };
  expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([...SLASH_COMMANDS]);
});
