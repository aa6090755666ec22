import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tmp = mkdtempSync(join(tmpdir(), 'planbot-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The environment of a fresh machine: no Slack, no model, no database URL. */
const bareEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmp, PLANBOT_DATA_DIR: join(tmp, 'data') };

function planbot(args: string[], env: Record<string, string> = {}, input?: string) {
  return spawnSync(process.execPath, ['bin/planbot.mjs', ...args], {
    env: { ...bareEnv, ...env },
    encoding: 'utf8',
    input,
    timeout: 90_000,
  });
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

describe('the planbot command', () => {
  it('`ask --json --offline` prints one object of the contract shape', () => {
    const out = planbot(['ask', '到2017年,全区国家质检中心要达到多少家?', '--json', '--offline']);
    expect(out.status, out.stderr).toBe(0);
    const answer = JSON.parse(out.stdout);
    expect(Object.keys(answer).sort()).toEqual(['answer', 'citations', 'grounded', 'mode']);
    expect(answer).toMatchObject({ grounded: true, mode: 'extractive' });
    expect(answer.answer).toContain('10家');
    expect(answer.citations[0]).toMatchObject({
      section: expect.stringContaining('代表性指标'),
      quote: expect.any(String),
    });
  });

  it('`ask --batch` answers every line in input order with its id', () => {
    const file = join(tmp, 'batch.jsonl');
    writeFileSync(
      file,
      [
        '{"id":"b","q":"这份计划是哪天印发的?"}',
        '{"id":7,"q":"计划里对无人机检测提出了什么要求?"}',
        '{"id":"c","q":"How many PhDs should be recruited?"}',
      ].join('\n'),
    );
    const out = planbot(['ask', '--batch', file, '--json', '--offline']);
    expect(out.status, out.stderr).toBe(0);
    const lines = jsonLines(out.stdout);
    expect(lines.map((l) => l.id)).toEqual(['b', 7, 'c']);
    expect(lines[0]).toMatchObject({ grounded: true });
    expect(lines[0].answer).toContain('2015年6月12日');
    expect(lines[1]).toMatchObject({ grounded: false, citations: [] });
  });

  it('`ask --batch` gives a bad line its own output line, so outputs stay aligned with inputs', () => {
    const file = join(tmp, 'bad-batch.jsonl');
    writeFileSync(file, ['{"id":"a","q":""}', 'not json', '{"id":"c","q":"学科带头人分为几个等级?"}'].join('\n'));
    const out = planbot(['ask', '--batch', file, '--json', '--offline']);
    expect(out.status, out.stderr).toBe(0);
    const lines = jsonLines(out.stdout);
    expect(lines.map((l) => l.id)).toEqual(['a', null, 'c']);
    expect(lines[0]).toMatchObject({ grounded: false, citations: [], error: 'needs a non-empty "q"' });
    expect(lines[1]).toMatchObject({ grounded: false, error: 'not valid JSON' });
    expect(lines[2].answer).toContain('A、B、C');
    expect(out.stderr).toContain('bad-batch.jsonl:2: not valid JSON');
  });

  it('`sandbox --script` with one DM prints the action, its acknowledgement and a chat.postMessage reply', () => {
    const script = join(tmp, 'dm.jsonl');
    writeFileSync(script, '{"as":"U_JLY_1","dm":"直属技术机构一年向自治区局报告几次科技工作情况?"}\n');
    const out = planbot(['sandbox', '--memory', '--script', script]);
    expect(out.status, out.stderr).toBe(0);
    const lines = jsonLines(out.stdout);
    expect(lines[0]).toEqual({ action: { as: 'U_JLY_1', dm: '直属技术机构一年向自治区局报告几次科技工作情况?' } });
    expect(lines[1]).toEqual({ ack: null });
    const post = lines.find((l) => l.call === 'chat.postMessage');
    expect(post.args.channel).toBe('D_JLY_1');
    expect(post.args.text).toMatch(/两次|年中、年底/);
  });

  it('when a script line is not a known action, it is reported and the script goes on', () => {
    const script = join(tmp, 'bad.jsonl');
    writeFileSync(script, '{"as":"U_JLY_1","fly":"away"}\nnot json\n{"as":"U_JLY_1","dm":"学科带头人分为几个等级?"}\n');
    const out = planbot(['sandbox', '--memory', '--script', script]);
    expect(out.status).toBe(1);
    const lines = jsonLines(out.stdout);
    expect(lines[0].error).toContain('line 1: not a known action');
    expect(lines[1].error).toContain('line 2: not valid JSON');
    expect(lines.some((l) => l.call === 'chat.postMessage')).toBe(true);
  });

  it('when the environment is half-configured, it stops with one line naming the variable', () => {
    const out = planbot(['db', 'migrate'], { SLACK_BOT_TOKEN: 'xoxb-123' });
    expect(out.status).toBe(1);
    expect(out.stderr.trim()).toBe(
      'planbot: invalid environment: SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP) is',
    );
    expect(out.stderr).not.toContain('xoxb-123');
  });

  it('when the workspace file is invalid, it stops with one line naming the unit and field', () => {
    const bad = join(tmp, 'bad-workspace.yaml');
    writeFileSync(
      bad,
      'admins: [U_ADMIN]\nchannels: { summary: C_KEJI }\nkinds:\n  - { id: institution, label: 直属技术机构 }\nunits:\n  - id: jly\n    name: 计量院\n    kind: lab\n',
    );
    const out = planbot(['sandbox', '--memory', '--workspace', bad, '--script', '/dev/null']);
    expect(out.status).toBe(1);
    expect(out.stderr.trim()).toMatch(
      /^planbot: .*bad-workspace\.yaml line \d+: units\[0\] \(jly\)\.kind: must be one of institution/,
    );
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('`export --period` writes, from the database the app used, the CSV of what was submitted there', () => {
    const dataDir = join(tmp, 'export-data');
    const script = join(tmp, 'progress.jsonl');
    writeFileSync(
      script,
      [
        '{"clock":"2016-06-20T09:00:00+08:00"}',
        '{"as":"U_COAL_LEAD","channel":"C_COAL","command":"/progress","text":"国家质检中心 3 通过国家验收, 见通知"}',
        '{"as":"U_JLY_1","channel":"C_JLY","command":"/progress","text":"合作科技项目 1"}',
      ].join('\n'),
    );
    const run = planbot(['sandbox', '--script', script], { PLANBOT_DATA_DIR: dataDir });
    expect(run.status, run.stderr).toBe(0);
    const out = planbot(['export', '--period', '2016H1'], { PLANBOT_DATA_DIR: dataDir });
    expect(out.status, out.stderr).toBe(0);
    const [header, ...rows] = out.stdout.trimEnd().split(/\r?\n/);
    expect(header).toBe(
      '\uFEFFperiod,unit_id,unit,indicator_key,indicator,value,measure,note,submitted_by,submitted_at',
    );
    expect(rows).toHaveLength(2);
    expect(rows).toContain(
      '2016H1,coal_nm,国家煤炭产品质量监督检验中心(内蒙古),national_centers,国家质检中心,3,家,"通过国家验收, 见通知",U_COAL_LEAD,2016-06-20T09:00:00+08:00',
    );
    expect(rows.some((r) => r.startsWith('2016H1,jly,') && r.includes(',cooperation_projects,'))).toBe(true);
  });

  it('`--help` explains each command', () => {
    expect(planbot(['--help']).stdout).toContain('sandbox');
    expect(planbot(['ask', '--help']).stdout).toContain('--batch');
    expect(planbot(['sandbox', '--help']).stdout).toContain('--script');
    expect(planbot(['export', '--help']).stdout).toContain('--period');
  });
});

describe('npm start on a fresh machine', () => {
  it('with no environment, starts the local workspace on PGlite under the data directory and answers a typed DM', async () => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/main.ts'], {
      env: bareEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no prompt; stderr: ${stderr}`)), 60_000);
      child.stdout.on('data', () => {
        if (stdout.includes('>')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.stdin.write('每年每个直属技术机构要完成几项合作科技项目?\n');
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (stdout.includes('一项')) {
          clearInterval(check);
          resolve();
        }
      }, 50);
    });
    child.stdin.end(':quit\n');
    expect(await exited).toBe(0);
    expect(stderr).toContain('starting the local workspace');
    expect(stdout).toContain('[planbot → D_');
    expect(stdout).toContain('依据');
  });
});
