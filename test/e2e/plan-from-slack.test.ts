import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planIndicators, plans, progressUpdates } from '../../db/schema.js';
import { workspaceReloader } from '../../src/workspace/reload.js';
import { acksOf, callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';
import { OTHER_PLAN_TEXT } from '../integration/plans-support.js';
import { makeDocx, makeEncryptedPdf, makeScannedPdf } from '../unit/plan/read/make-documents.js';

/** A bureau that runs the shipped plan and has not yet named the one its admin is about to import. */
const BEFORE = `
timezone: Asia/Shanghai
admins: [U_BOSS]
channels: { summary: C_ALL }
units:
  - { id: east, name: 东区农业农村局, short: 东区, kind: institution, channel: C_EAST, leads: [U_EAST], members: [] }
`;
/** The same bureau once the admin names the imported plan, as the import's reply tells them to. */
const AFTER = `
timezone: Asia/Shanghai
admins: [U_BOSS]
channels: { summary: C_ALL }
plans: [zhihui-nongye]
kinds:
  - { id: county, label: 县区农业农村局 }
units:
  - { id: east, name: 东区农业农村局, short: 东区, kind: county, channel: C_EAST, leads: [U_EAST], members: [] }
`;

const dir = mkdtempSync(join(tmpdir(), 'planbot-slack-import-'));
const workspacePath = join(dir, 'workspace.yaml');
const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

type Events = Awaited<ReturnType<TestSandbox['run']>>;
const posted = (events: Events) =>
  callsOf(events, 'chat.postMessage').map((c) => `${c.args.text} ${JSON.stringify(c.args.blocks ?? [])}`);
const viewText = (events: Events, method: string) => JSON.stringify(callsOf(events, method).map((c) => c.args.view));

describe('an admin imports a .docx plan from a Slack DM, reviews it in a modal, and a unit reports on it', () => {
  let sandbox: TestSandbox;
  let docx: string;

  beforeAll(async () => {
    writeFileSync(workspacePath, BEFORE);
    sandbox = await startTestSandbox({ start: '2024-09-20T09:00:00+08:00', workspacePath });
    docx = file('智慧农业行动方案.docx', await makeDocx(OTHER_PLAN_TEXT.trim().split('\n')));
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const db = () => sandbox.booted.deps.db;
  const indicatorKey = (name: string) => {
    const found = sandbox.booted.deps.plans.get('zhihui-nongye')?.indicators.find((i) => i.name.includes(name));
    expect(found, name).toBeDefined();
    return found?.key ?? '';
  };

  it('when someone who is not an admin shares a plan file, it is politely refused and nothing is stored', async () => {
    const events = await sandbox.run({ as: 'U_EAST', dm_file: docx });
    expect(posted(events).join()).toContain('只有管理员可以导入');
    expect(callsOf(events, 'files.info')).toEqual([]);
    expect(await db().select().from(plans)).toEqual([]);
  });

  it('when an admin shares a file that is not a usable document, one sentence says why and nothing is stored', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>';
    const scan = await makeScannedPdf(new Resvg(svg).render().asPng());
    const cases: [string, Uint8Array | string, string][] = [
      ['random.docx', 'not a zip at all', '不是有效的文档'],
      ['empty.txt', '', '是空的'],
      ['broken.pdf', '%PDF-1.4 broken', '不是有效的文档'],
      ['scan.pdf', scan, '没有文字层'],
      ['locked.pdf', await makeEncryptedPdf(), '已加密'],
      ['plan.exe', 'MZ', '只支持'],
    ];
    for (const [name, bytes, why] of cases) {
      const events = await sandbox.run({ as: 'U_BOSS', dm_file: file(name, bytes) });
      const replies = posted(events);
      expect(replies, name).toHaveLength(1);
      expect(replies[0], name).toContain(`“${name}”`);
      expect(replies[0], name).toContain(why);
      expect(replies[0], name).toContain('未保存任何内容');
    }
    expect(await db().select().from(plans)).toEqual([]);
    expect(await db().select().from(planIndicators)).toEqual([]);
  });

  it('when an admin shares a .docx plan, it is imported with its drafted targets and the reply says what to do next', async () => {
    const events = await sandbox.run({ as: 'U_BOSS', dm_file: docx, text: 'slug: zhihui-nongye' });
    const [reply = ''] = posted(events);
    expect(reply).toContain('已导入计划《某市推进智慧农业发展三年行动方案》');
    expect(reply).toContain('`zhihui-nongye`');
    // The workspace file does not name it yet: the reply says what to add.
    expect(reply).toContain('plans: [nmg-keji-2015, zhihui-nongye]');
    expect(reply).toContain('plan_review_open');
    const [stored] = await db().select().from(plans);
    expect([stored?.slug, stored?.format, stored?.createdBy]).toEqual(['zhihui-nongye', 'docx', 'U_BOSS']);
    const drafted = await db().select().from(planIndicators);
    expect(drafted.length).toBeGreaterThan(2);
    expect(drafted.every((i) => i.status === 'draft')).toBe(true);
  });

  it('the review modal lists every drafted indicator with its figure, section and quote', async () => {
    const events = await sandbox.run({ as: 'U_BOSS', click: '审核指标' });
    const view = viewText(events, 'views.open');
    expect(view).toContain('智慧农业示范基地');
    expect(view).toContain('50个左右');
    expect(view).toContain('一、总体目标');
    expect(view).toContain('待审核');
  });

  it('approving two indicators and rejecting one changes just those, and the modal shows it', async () => {
    const base = indicatorKey('示范基地');
    const farmland = indicatorKey('高标准农田');
    const rate = indicatorKey('合格率');
    await sandbox.run({ as: 'U_BOSS', click: `plan_review_approve:${base}` });
    await sandbox.run({ as: 'U_BOSS', click: `plan_review_approve:${farmland}` });
    const events = await sandbox.run({ as: 'U_BOSS', click: `plan_review_reject:${rate}` });
    expect(viewText(events, 'views.update')).toContain(`已驳回 ${rate}`);
    const rows = await db().select().from(planIndicators).where(eq(planIndicators.planSlug, 'zhihui-nongye'));
    const status = Object.fromEntries(rows.map((r) => [r.key, r.status]));
    expect([status[base], status[farmland], status[rate]]).toEqual(['approved', 'approved', 'rejected']);
    expect(rows.filter((r) => r.status === 'draft').length).toBe(rows.length - 3);
  });

  it('an added indicator whose quote is not the plan’s words is sent back to fix; with a verbatim quote it is added', async () => {
    const before = (await db().select().from(planIndicators)).length;
    const pushed = await sandbox.run({ as: 'U_BOSS', click: '添加指标' });
    expect(callsOf(pushed, 'views.push')).toHaveLength(1);
    const wrong = await sandbox.run({
      as: 'U_BOSS',
      submit: { name: '职业农民培训', target: '2000', measure: '人次', quote: '每年培训职业农民两千人' },
    });
    expect(JSON.stringify(acksOf(wrong))).toContain('不在计划原文中');
    expect((await db().select().from(planIndicators)).length).toBe(before);
    const right = await sandbox.run({
      as: 'U_BOSS',
      submit: { name: '职业农民培训', target: '2000', measure: '人次', quote: '每年培训新型职业农民2000人次以上' },
    });
    expect(viewText(right, 'views.update')).toContain('已添加并批准指标');
    const [added] = await db()
      .select()
      .from(planIndicators)
      .where(and(eq(planIndicators.planSlug, 'zhihui-nongye'), eq(planIndicators.name, '职业农民培训')));
    expect([added?.target, added?.measure, added?.status, added?.section]).toEqual([
      2000,
      '人次',
      'approved',
      '二、(二) 人才培养',
    ]);
  });

  it('/plan review SLUG opens the modal; an edit saves the new figure and keeps the indicator approved', async () => {
    const farmland = indicatorKey('高标准农田');
    const opened = await sandbox.run({ as: 'U_BOSS', command: '/plan', text: 'review zhihui-nongye' });
    expect(viewText(opened, 'views.open')).toContain('高标准农田');
    const pushed = await sandbox.run({ as: 'U_BOSS', click: `plan_review_edit:${farmland}` });
    expect(viewText(pushed, 'views.push')).toContain('"initial_value":"12"');
    const saved = await sandbox.run({ as: 'U_BOSS', submit: { target: '15' } });
    expect(viewText(saved, 'views.update')).toContain(`已保存对 ${farmland} 的修改`);
    const [row] = await db()
      .select()
      .from(planIndicators)
      .where(and(eq(planIndicators.planSlug, 'zhihui-nongye'), eq(planIndicators.key, farmland)));
    expect([row?.target, row?.measure, row?.status]).toEqual([15, '万亩', 'approved']);
  });

  it('approve all approves the drafts that are left and never a rejected one', async () => {
    const events = await sandbox.run({ as: 'U_BOSS', click: 'plan_review_approve_all' });
    expect(viewText(events, 'views.update')).toMatch(/已批准 \d+ 个待审核指标/);
    const rows = await db().select().from(planIndicators).where(eq(planIndicators.planSlug, 'zhihui-nongye'));
    expect(rows.filter((r) => r.status === 'draft')).toEqual([]);
    expect(rows.find((r) => r.name.includes('合格率'))?.status).toBe('rejected');
  });

  it('admins see the plans on App Home with a button to review; a unit lead does not', async () => {
    const admin = await sandbox.run({ as: 'U_BOSS', home: true });
    const home = viewText(admin, 'views.publish');
    expect(home).toContain('zhihui-nongye');
    expect(home).toContain('plan_review_open');
    const opened = await sandbox.run({ as: 'U_BOSS', click: 'plan_review_open' });
    expect(viewText(opened, 'views.open')).toContain('zhihui-nongye');
    const lead = await sandbox.run({ as: 'U_EAST', home: true });
    expect(viewText(lead, 'views.publish')).not.toContain('zhihui-nongye');
  });

  it('/plan import explains the steps to admins; the plan commands are refused to others', async () => {
    const help = await sandbox.run({ as: 'U_BOSS', command: '/plan', text: 'import' });
    expect(String(responsesOf(help)[0]?.text)).toContain('私信');
    for (const text of ['plans', 'import', 'review zhihui-nongye']) {
      const refused = await sandbox.run({ as: 'U_EAST', channel: 'C_EAST', command: '/plan', text });
      expect(String(responsesOf(refused)[0]?.text), text).toContain('只有管理员');
      expect(callsOf(refused, 'views.open'), text).toEqual([]);
    }
  });

  it('once the workspace file names the plan, a unit records on its approved indicators and not on a rejected one', async () => {
    // As `npm start` does: the file is watched, and an edit applies without a restart.
    const reloader = workspaceReloader(sandbox.booted.deps, workspacePath);
    writeFileSync(workspacePath, AFTER);
    const reloaded = await reloader.check();
    expect(reloaded).toEqual({ applied: true });
    const listed = await sandbox.run({ as: 'U_BOSS', command: '/plan', text: 'plans' });
    expect(JSON.stringify(responsesOf(listed))).toMatch(/zhihui-nongye`:运行中/);
    const base = await sandbox.run({
      as: 'U_EAST',
      channel: 'C_EAST',
      command: '/progress',
      text: '智慧农业示范基地 12',
    });
    expect(String(responsesOf(base)[0]?.text)).toContain('已记录');
    const added = await sandbox.run({
      as: 'U_EAST',
      channel: 'C_EAST',
      command: '/progress',
      text: '职业农民培训 800',
    });
    expect(String(responsesOf(added)[0]?.text)).toContain('已记录');
    const rejected = await sandbox.run({
      as: 'U_EAST',
      channel: 'C_EAST',
      command: '/progress',
      text: '农产品抽检合格率 99',
    });
    expect(String(responsesOf(rejected)[0]?.text)).not.toContain('已记录');
    const rows = await db().select().from(progressUpdates).where(eq(progressUpdates.plan, 'zhihui-nongye'));
    expect(rows.map((r) => r.value).sort((a, b) => a - b)).toEqual([12, 800]);
  });

  it('an admin who writes in English is answered in English', async () => {
    const events = await sandbox.run({
      as: 'U_BOSS',
      dm_file: docx,
      text: 'Here is the plan we adopted, reported on every year. cadence: yearly',
    });
    const [reply = ''] = posted(events);
    expect(reply).toContain('Imported the plan');
    expect(reply).toContain('Review indicators');
    // A file with a Chinese name and no slug asked for is stored under its title in pinyin; the comment chose its
    // cadence.
    const [second] = await db().select().from(plans).where(eq(plans.slug, 'moushi-tuijin-zhihui-nongye-fazhan'));
    expect(second?.cadence).toBe('yearly');
    expect(reply).toContain('moushi-tuijin-zhihui-nongye-fazhan');
    expect(reply).not.toMatch(/已导入|审核指标|本工作区/);
    // The review it opens speaks English too; only the plan's own words stay Chinese.
    const review = viewText(await sandbox.run({ as: 'U_BOSS', click: 'Review indicators' }), 'views.open');
    expect(review).toContain('Approve all drafts');
    expect(review).toContain('to review');
    expect(review).not.toMatch(/待审核|批准|驳回|章节/);
  });
});
