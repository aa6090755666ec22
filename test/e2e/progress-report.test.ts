import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, reports, reportVersions } from '../../db/schema.js';
import { findInputs } from '../../src/sandbox/render-blocks.js';
import { SANDBOX_BOT } from '../../src/sandbox/session.js';
import { acksOf, adminPlan, callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ start: '2016-06-20T09:00:00+08:00' });
  // Figures the report, the status, the export and the answers below show.
  await sandbox.run(
    { as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '国家质检中心 3 通过国家验收' },
    { as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '科技投入 4%' },
    { as: 'U_SHY_1', channel: 'C_SHY', command: '/progress', text: '博士 2 引进, 含1名海归' },
  );
});
afterAll(() => sandbox?.close());

const db = () => sandbox.booted.deps.db;
const textOf = (x: unknown) => JSON.stringify(x);
const callbackOf = (view: unknown) => (view as { callback_id?: string } | undefined)?.callback_id;
const jlyReport = async () => {
  const [report] = await db()
    .select()
    .from(reports)
    .where(and(eq(reports.unitId, 'jly'), eq(reports.period, '2016H1')));
  return report;
};

describe('/report: draft, then submit', () => {
  it('opens the report modal with the four topics from the catalogue and the unit’s figures read-only', async () => {
    const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/report', text: '' });
    const [open] = callsOf(events, 'views.open');
    const labels = findInputs(open?.args.view).map((i) => i.label);
    expect(labels).toEqual([
      '科技制度落实情况',
      '科技工作开展情况',
      '科研人员培训情况',
      '科技项目推进情况',
      '仅保存草稿',
    ]);
    expect(textOf(open?.args.view)).toContain('国家质检中心:3家');
    expect(textOf(open?.args.view)).toContain('科技投入占收入比例:4%');
  });

  it('when “仅保存草稿” is ticked, a draft with what was typed is saved', async () => {
    const events = await sandbox.run({
      as: 'U_JLY_1',
      submit: { 科技制度落实: '修订了科研管理办法', 仅保存草稿: 'draft' },
    });
    expect(acksOf(events)).toEqual([null]);
    expect(String(callsOf(events, 'chat.postEphemeral')[0]?.args.text)).toContain('已保存草稿');
    expect(await jlyReport()).toMatchObject({
      status: 'draft',
      version: 1,
      topics: { rules_in_force: '修订了科研管理办法' },
    });
  });

  it('opens again with the draft filled in, and refuses to submit while topics are empty', async () => {
    const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/report', text: '' });
    const inputs = findInputs(callsOf(events, 'views.open')[0]?.args.view);
    expect(inputs[0]?.initial).toBe('修订了科研管理办法');
    const refused = await sandbox.run({ as: 'U_JLY_1', submit: { 科技工作开展: '开展课题3项' } });
    const [ack] = acksOf(refused) as Array<{ response_action: string; errors: Record<string, string> }>;
    expect(ack?.response_action).toBe('errors');
    expect(Object.keys(ack?.errors ?? {}).sort()).toEqual(['project_progress', 'staff_training']);
    expect((await jlyReport())?.status).toBe('draft');
  });

  it('when every topic is filled, the report is submitted as a new version and both versions are kept', async () => {
    const events = await sandbox.run({
      as: 'U_JLY_1',
      submit: { 科技工作开展: '开展课题3项', 科研人员培训: '培训20人次', 科技项目推进: '2项结题' },
    });
    expect(String(callsOf(events, 'chat.postEphemeral')[0]?.args.text)).toContain('已提交');
    const report = await jlyReport();
    expect(report).toMatchObject({ status: 'submitted', version: 2, submittedBy: 'U_JLY_1' });
    const versions = await db()
      .select()
      .from(reportVersions)
      .where(eq(reportVersions.reportId, report?.id ?? 0))
      .orderBy(asc(reportVersions.version));
    expect(versions.map((v) => v.status)).toEqual(['draft', 'submitted']);
  });

  it('when a double click delivers the submission again, no third version is made', async () => {
    await sandbox.run({ redeliver: true });
    const report = await jlyReport();
    expect(report?.version).toBe(2);
    expect(
      await db()
        .select()
        .from(reportVersions)
        .where(eq(reportVersions.reportId, report?.id ?? 0)),
    ).toHaveLength(2);
  });

  it('when a member of another unit asks for this unit’s report, they are refused', async () => {
    const events = await sandbox.run({ as: 'U_SHY_1', channel: 'C_SHY', command: '/report', text: 'jly' });
    expect(callsOf(events, 'views.open')).toEqual([]);
    expect(String(responsesOf(events)[0]?.text)).toContain('您无权填写半年报告');
  });
});

describe('/plan export', () => {
  const lastUpload = () => sandbox.session.fake.uploads.at(-1);

  it('sends the lead alone, by DM, a CSV whose rows are the lead’s unit’s submitted figures', async () => {
    const events = await sandbox.run({
      as: 'U_JLY_LEAD',
      channel: 'C_JLY',
      command: '/plan',
      text: 'export 2016H1 csv',
    });
    expect(callsOf(events, 'files.completeUploadExternal')[0]?.args.channel_id).toBe('D_JLY_LEAD');
    const upload = lastUpload();
    expect(upload?.filename).toMatch(/2016H1.*\.csv$/);
    const lines = upload?.bytes.toString('utf8').trim().split('\r\n') ?? [];
    expect(upload?.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // the BOM, which trim() drops
    expect(lines[0]).toBe('period,unit_id,unit,indicator_key,indicator,value,measure,note,submitted_by,submitted_at');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => [r[1], r[3], r[5], r[8]]).sort()).toEqual([
      ['jly', 'national_centers', '3', 'U_JLY_1'],
      ['jly', 'rd_spending_share', '4', 'U_JLY_1'],
    ]);
    expect(lines.join('\n')).toContain('通过国家验收');
    expect(lines.join('\n')).not.toContain('shy');
  });

  it('with zh, the CSV has Chinese headers and the submitter’s name, not the Slack id', async () => {
    await sandbox.run({ as: 'U_JLY_LEAD', channel: 'C_JLY', command: '/plan', text: 'export 2016H1 csv zh' });
    const lines = lastUpload()?.bytes.toString('utf8').trim().split('\r\n') ?? [];
    expect(lines[0]).toBe('期间,单位代码,单位,指标代码,指标,数值,计量单位,说明,填报人,填报时间');
    const submitters = lines.slice(1).map((l) => l.split(',')[8]);
    expect(submitters.length).toBeGreaterThan(0);
    const named = sandbox.booted.deps.workspace.people.U_JLY_1;
    expect(named).toBeTruthy();
    expect(new Set(submitters)).toEqual(new Set([named]));
  });

  it('says a period outside the plan is outside it, and sends no file', async () => {
    const before = sandbox.session.fake.uploads.length;
    const replies = await adminPlan(sandbox, 'export 2019H1');
    expect(String(replies[0]?.text)).toMatch(/2019年上半年不在计划期内/);
    expect(sandbox.session.fake.uploads.length).toBe(before);
  });

  it('says a period of the plan with no updates yet is empty, and sends no file', async () => {
    const before = sandbox.session.fake.uploads.length;
    const replies = await adminPlan(sandbox, 'export 2017H2');
    expect(String(replies[0]?.text)).toMatch(/还没有任何填报数据/);
    expect(sandbox.session.fake.uploads.length).toBe(before);
  });

  it('gives an admin every unit, as xlsx', async () => {
    await sandbox.run({ as: 'U_ADMIN', channel: 'C_KEJI', command: '/plan', text: 'export 2016H1 xlsx' });
    const upload = lastUpload();
    expect(upload?.filename).toMatch(/\.xlsx$/);
    expect(upload?.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('refuses a member, who may not export', async () => {
    const before = sandbox.session.fake.uploads.length;
    const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/plan', text: 'export 2016H1' });
    expect(String(responsesOf(events)[0]?.text)).toContain('您无权导出');
    expect(sandbox.session.fake.uploads.length).toBe(before);
  });

  it('answers a missing period with the usage', async () => {
    const events = await sandbox.run({ as: 'U_JLY_LEAD', channel: 'C_JLY', command: '/plan', text: 'export' });
    expect(String(responsesOf(events)[0]?.text)).toContain('/plan export 2016H1');
  });
});

describe('seeing progress', () => {
  it('/plan status shows region targets and the unit’s own duties with progress bars', async () => {
    const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/plan', text: 'status' });
    const blocks = textOf(responsesOf(events)[0]?.blocks);
    expect(blocks).toContain('全区目标完成情况');
    expect(blocks).toContain('███░░░░░░░ 30%');
    expect(blocks).toContain('计量院 的职责指标');
    expect(blocks).toContain('████████░░ 80%');
  });

  it('a question about where a target stands gets the plan’s target with its citation and the latest figure, who and when', async () => {
    const events = await sandbox.run({
      as: 'U_SHY_1',
      channel: 'C_SHY',
      command: '/plan',
      text: '国家质检中心现在有几家了?',
    });
    const blocks = textOf(responsesOf(events)[0]?.blocks);
    expect(blocks).toContain('2017年我区国家质检中心达到10家');
    expect(blocks).toContain('目前进展');
    expect(blocks).toContain('最近填报:计量院 张敏 于 2016-06-20 09:00 报 3家');
  });

  it('the same question in a mention gets the same line in the thread', async () => {
    const events = await sandbox.run({ as: 'U_SHY_1', channel: 'C_SHY', mention: '国家质检中心现在有几家了?' });
    const posted = textOf(callsOf(events, 'chat.postMessage').map((c) => c.args.blocks));
    expect(posted).toContain('最近填报:计量院 张敏');
  });

  it('the App Home shows the person’s unit, the report’s status and the unit’s indicators', async () => {
    const events = await sandbox.session.deliver(
      {
        body: JSON.stringify({
          team_id: SANDBOX_BOT.teamId,
          api_app_id: SANDBOX_BOT.appId,
          type: 'event_callback',
          event_id: 'EvHOME1',
          event_time: 1466384400,
          event: {
            type: 'app_home_opened',
            user: 'U_JLY_1',
            channel: 'D_HOME',
            tab: 'home',
            event_ts: '1466384400.000100',
          },
          authorizations: [
            { team_id: SANDBOX_BOT.teamId, user_id: SANDBOX_BOT.userId, is_bot: true, is_enterprise_install: false },
          ],
        }),
        contentType: 'application/json',
      },
      'U_JLY_1',
    );
    const [publish] = callsOf(events, 'views.publish');
    expect(publish?.args.user_id).toBe('U_JLY_1');
    const view = textOf(publish?.args.view);
    expect(view).toContain('计量院');
    expect(view).toContain('半年报告:已提交(第 2 版');
    expect(view).toContain('2016-06-30');
    expect(view).toContain('科技投入占收入比例');
  });

  it('the “Open report” button opens the report modal for the unit and period', async () => {
    const events = await sandbox.run({ as: 'U_JLY_1', click: 'open_report' });
    const [open] = callsOf(events, 'views.open');
    expect(callbackOf(open?.args.view)).toBe('half_year_report');
    expect(findInputs(open?.args.view)[0]?.initial).toBe('修订了科研管理办法');
  });
});

describe('after the circular posts', () => {
  it('the period’s report is locked for its unit, and an admin may still open it', async () => {
    const now = sandbox.clock.now();
    await db().insert(outbox).values({
      job: 'summary',
      slot: '2016H1',
      recipient: 'C_KEJI',
      kind: 'circular',
      payload: {},
      status: 'sent',
      nextAttemptAt: now,
      sentAt: now,
    });
    const member = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/report', text: '' });
    expect(callsOf(member, 'views.open')).toEqual([]);
    expect(String(responsesOf(member)[0]?.text)).toContain('本期报告已锁定');
    const admin = await sandbox.run({ as: 'U_ADMIN', channel: 'C_KEJI', command: '/report', text: 'jly' });
    expect(callbackOf(callsOf(admin, 'views.open')[0]?.args.view)).toBe('half_year_report');
  });
});
