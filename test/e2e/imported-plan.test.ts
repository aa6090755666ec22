import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planIndicators, plans, progressUpdates } from '../../db/schema.js';
import { isPlanbotError } from '../../src/errors.js';
import { importPlan } from '../../src/plan/import.js';
import { readDocumentBytes } from '../../src/plan/read/index.js';
import { setIndicatorStatus } from '../../src/plan/store.js';
import { callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';
import { OTHER_PLAN_TEXT } from '../integration/plans-support.js';
import { makeDocx } from '../unit/plan/read/make-documents.js';

/** A workspace that runs only the imported plan: its own unit kinds, units and channels. */
const ONLY_IMPORTED = `
timezone: Asia/Shanghai
admins: [U_BOSS]
channels: { summary: C_ALL }
plans: [zhihui-nongye]
kinds:
  - { id: county, label: 县区农业农村局 }
units:
  - { id: east, name: 东区农业农村局, short: 东区, kind: county, channel: C_EAST, leads: [U_EAST], members: [] }
  - { id: west, name: 西区农业农村局, short: 西区, kind: county, channel: C_WEST, leads: [U_WEST], members: [] }
`;

function workspaceFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'planbot-ws-')), 'workspace.yaml');
  writeFileSync(path, text);
  return path;
}

/** The made-up plan as a Word document: one paragraph a line. */
async function planDocx(): Promise<Uint8Array> {
  return makeDocx(OTHER_PLAN_TEXT.trim().split('\n'));
}

const textOf = (events: Awaited<ReturnType<TestSandbox['run']>>) =>
  JSON.stringify(responsesOf(events).map((r) => [r.text, r.blocks]));
/** What planbot posted in a conversation (a DM, a thread): its messages' text and blocks. */
const postedOf = (events: Awaited<ReturnType<TestSandbox['run']>>) =>
  JSON.stringify(callsOf(events, 'chat.postMessage').map((c) => [c.args.text, c.args.blocks]));

describe('a .docx plan imported, approved and reported on by a workspace that runs only it', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox({
      start: '2024-09-20T09:00:00+08:00',
      workspacePath: workspaceFile(ONLY_IMPORTED),
    });
    const db = sandbox.booted.deps.db;
    const document = await readDocumentBytes(await planDocx(), '智慧农业行动方案.docx');
    expect(document.format).toBe('docx');
    await importPlan(db, {
      document,
      fileName: '智慧农业行动方案.docx',
      slug: 'zhihui-nongye',
      by: 'U_BOSS',
      now: new Date('2024-03-01T00:00:00Z'),
      timezone: 'Asia/Shanghai',
      reserved: [sandbox.booted.deps.plans.shipped.slug],
    });
    await setIndicatorStatus(db, 'zhihui-nongye', 'all', 'approved', 'U_BOSS', new Date('2024-03-02T00:00:00Z'));
    await sandbox.booted.deps.plans.refresh(true);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('a unit lead records an update on one of its indicators, stored under that plan', async () => {
    const events = await sandbox.run({
      as: 'U_EAST',
      channel: 'C_EAST',
      command: '/progress',
      text: '智慧农业示范基地 12',
    });
    expect(String(responsesOf(events)[0]?.text)).toContain('已记录');
    const rows = await sandbox.booted.deps.db
      .select()
      .from(progressUpdates)
      .where(and(eq(progressUpdates.unitId, 'east'), eq(progressUpdates.plan, 'zhihui-nongye')));
    expect(rows.map((r) => [r.value, r.period])).toEqual([[12, '2024H2']]);
  });

  it('a milestone takes done (1) and nothing else', async () => {
    const refused = await sandbox.run({
      as: 'U_WEST',
      channel: 'C_WEST',
      command: '/progress',
      text: '农业大数据平台 3',
    });
    expect(String(responsesOf(refused)[0]?.text)).toContain('里程碑');
    const done = await sandbox.run({ as: 'U_WEST', channel: 'C_WEST', command: '/progress', text: '农业大数据平台 1' });
    expect(String(responsesOf(done)[0]?.text)).toContain('已记录');
  });

  it('/plan status speaks that plan’s indicators and figures, none of the shipped plan’s', async () => {
    const events = await sandbox.run({ as: 'U_EAST', channel: 'C_EAST', command: '/plan', text: 'status' });
    const text = textOf(events);
    expect(text).toContain('智慧农业示范基地');
    expect(text).toContain('12');
    const shipped = sandbox.booted.deps.plans.shipped.catalogue.indicators.map((i) => i.name);
    for (const name of shipped) expect(text).not.toContain(name);
  });

  it('/plan answers from that plan’s text', async () => {
    const events = await sandbox.run({
      as: 'U_EAST',
      channel: 'C_EAST',
      command: '/plan',
      text: '示范基地要建多少个?',
    });
    expect(textOf(events)).toContain('50个左右');
  });
});

describe('two plans side by side in one workspace', () => {
  let sandbox: TestSandbox;
  const SIDE_BY_SIDE = `
timezone: Asia/Shanghai
admins: [U_BOSS]
channels: { summary: C_ALL, plans: { C_FARM: zhihui-nongye } }
plans: [nmg-keji-2015, zhihui-nongye]
kinds:
  - { id: institution, label: 直属技术机构 }
  - { id: national_center, label: 国家质检中心 }
  - { id: regional_center, label: 自治区级质检中心 }
  - { id: league_bureau, label: 盟市质监局 }
units:
  - { id: lab, name: 测试研究院, short: 测试院, kind: institution, channel: C_LAB, leads: [U_LAB], members: [] }
  - { id: farm, name: 农业站, short: 农业站, kind: league_bureau, channel: C_FARM, leads: [U_FARM], members: [],
      plans: [zhihui-nongye] }
`;

  beforeAll(async () => {
    sandbox = await startTestSandbox({
      start: '2016-06-20T09:00:00+08:00',
      workspacePath: workspaceFile(SIDE_BY_SIDE),
    });
    const db = sandbox.booted.deps.db;
    await importPlan(db, {
      document: { text: OTHER_PLAN_TEXT, format: 'txt' },
      fileName: 'zhihui-nongye.txt',
      by: 'U_BOSS',
      now: new Date('2016-01-05T00:00:00Z'),
      timezone: 'Asia/Shanghai',
      reserved: [sandbox.booted.deps.plans.shipped.slug],
    });
    await setIndicatorStatus(db, 'zhihui-nongye', 'all', 'approved', 'U_BOSS', new Date('2016-01-06T00:00:00Z'));
    await sandbox.booted.deps.plans.refresh(true);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('each unit records on the indicators of its own plans, each row under its plan', async () => {
    const lab = await sandbox.run({ as: 'U_LAB', channel: 'C_LAB', command: '/progress', text: '国家质检中心 2' });
    expect(String(responsesOf(lab)[0]?.text)).toContain('已记录');
    const farm = await sandbox.run({ as: 'U_FARM', channel: 'C_FARM', command: '/progress', text: '高标准农田 3' });
    expect(String(responsesOf(farm)[0]?.text)).toContain('已记录');
    // The farm unit does not run the shipped plan: its indicators are not offered there.
    const other = await sandbox.run({ as: 'U_FARM', channel: 'C_FARM', command: '/progress', text: '国家质检中心 1' });
    expect(String(responsesOf(other)[0]?.text)).not.toContain('已记录');
    const rows = await sandbox.booted.deps.db.select().from(progressUpdates);
    expect(rows.map((r) => [r.unitId, r.plan]).sort()).toEqual([
      ['farm', 'zhihui-nongye'],
      ['lab', 'nmg-keji-2015'],
    ]);
  });

  it('/plan in the channel bound to a plan answers from it and names it', async () => {
    const events = await sandbox.run({
      as: 'U_FARM',
      channel: 'C_FARM',
      command: '/plan',
      text: '高标准农田要新建多少?',
    });
    const text = textOf(events);
    expect(text).toContain('某市推进智慧农业发展三年行动方案');
    expect(text).toContain('12万亩');
  });

  it('a DM is answered from the plan whose text answers it, named, as /plan answers it', async () => {
    const farm = postedOf(await sandbox.run({ as: 'U_LAB', dm: '高标准农田要新建多少?' }));
    expect(farm).toContain('某市推进智慧农业发展三年行动方案');
    expect(farm).toContain('12万亩');
    const shipped = postedOf(await sandbox.run({ as: 'U_LAB', dm: '年度考核里科技工作占多少分?' }));
    expect(shipped).toContain('内蒙古质监科技创新发展三年行动计划');
    expect(shipped).toContain('20分');
  });

  it('a question no running plan covers says so of them all, by name, not of the first one alone', async () => {
    const dm = postedOf(await sandbox.run({ as: 'U_LAB', dm: '单位食堂每天几点开饭?' }));
    expect(dm).toContain('正在执行的计划都没有涉及这个问题');
    expect(dm).toContain('《内蒙古质监科技创新发展三年行动计划》');
    expect(dm).toContain('《某市推进智慧农业发展三年行动方案》');
    const command = textOf(
      await sandbox.run({ as: 'U_LAB', channel: 'C_LAB', command: '/plan', text: 'When does the staff canteen open?' }),
    );
    expect(command).toContain('None of the plans running covers this');
    expect(command).toContain('《某市推进智慧农业发展三年行动方案》');
    // In the channel bound to a plan, only that plan was searched: the line names it alone.
    const bound = textOf(
      await sandbox.run({ as: 'U_FARM', channel: 'C_FARM', command: '/plan', text: '单位食堂每天几点开饭?' }),
    );
    expect(bound).toContain('计划:《某市推进智慧农业发展三年行动方案》');
    expect(bound).not.toContain('都没有涉及');
  });

  it('a mention in the channel bound to a plan is answered from it, and a follow-up in its thread stays with it', async () => {
    const first = postedOf(
      await sandbox.run({ as: 'U_FARM', channel: 'C_FARM', mention: '农业大数据平台什么时候建成?' }),
    );
    expect(first).toContain('某市推进智慧农业发展三年行动方案');
    expect(first).toContain('2024年6月底前');
    // In an unbound channel, the thread's first question decides the plan of a follow-up that names none.
    const asked = postedOf(await sandbox.run({ as: 'U_LAB', channel: 'C_LAB', mention: '高标准农田要新建多少?' }));
    expect(asked).toContain('某市推进智慧农业发展三年行动方案');
    const followUp = postedOf(
      await sandbox.run({ as: 'U_LAB', channel: 'C_LAB', thread: 'last', text: '要到哪一年?' }),
    );
    expect(followUp).toContain('某市推进智慧农业发展三年行动方案');
    expect(followUp).not.toContain('内蒙古质监科技创新发展三年行动计划');
    // Offline, the follow-up is read with the question before it: the year the fields are due.
    expect(followUp).toContain('到2025年');
  });

  it('/plan status shows each plan the unit runs, named', async () => {
    const events = await sandbox.run({ as: 'U_LAB', channel: 'C_LAB', command: '/plan', text: 'status' });
    const text = textOf(events);
    expect(text).toContain('内蒙古质监科技创新发展三年行动计划');
    expect(text).toContain('某市推进智慧农业发展三年行动方案');
  });
});

describe('bad files', () => {
  it('every unusable document is refused with its sentence and stores nothing', async () => {
    const sandbox = await startTestSandbox({ workspacePath: workspaceFile(ONLY_IMPORTED) });
    try {
      const db = sandbox.booted.deps.db;
      const bad: [Uint8Array, string][] = [
        [new Uint8Array(), 'empty.docx'],
        [new TextEncoder().encode('not a zip at all'), 'random.docx'],
        [new TextEncoder().encode('%PDF-1.4 broken'), 'broken.pdf'],
        [new TextEncoder().encode('plan'), 'plan.exe'],
      ];
      for (const [bytes, name] of bad) {
        let sentence = '';
        try {
          const document = await readDocumentBytes(bytes, name);
          await importPlan(db, {
            document,
            fileName: name,
            by: 'U_BOSS',
            now: new Date(),
            timezone: 'Asia/Shanghai',
            reserved: [],
          });
        } catch (error) {
          expect(isPlanbotError(error) && error.code, name).toBe('document_unusable');
          sentence = isPlanbotError(error) ? error.userMessage.zh : '';
        }
        expect(sentence, name).toContain(name);
      }
      expect(await db.select().from(plans)).toEqual([]);
      expect(await db.select().from(planIndicators)).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});
