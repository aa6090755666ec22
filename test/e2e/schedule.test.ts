import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressUpdates, reports } from '../../db/schema.js';
import { createScheduler, type Scheduler } from '../../src/schedule/scheduler.js';
import { createJobClient } from '../../src/schedule/send.js';
import { adminPlan, callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

/** The demo workspace in the sandbox, its clock moved by `clock` actions: reminders, nudges and the circular. */

const at = (iso: string) => new Date(`${iso}+08:00`);
const INSTITUTION_CHANNELS = ['C_BZY', 'C_JLY', 'C_SHY', 'C_TJY', 'C_XJJ'];

let sb: TestSandbox;
let scheduler: Scheduler;

async function submit(unitId: string, when: string): Promise<void> {
  const t = at(when);
  await sb.booted.deps.db.insert(reports).values({
    unitId,
    plan: sb.booted.deps.plans.shipped.slug,
    period: '2016H1',
    status: 'submitted',
    version: 1,
    topics: {
      rules_in_force: '已落实',
      work_carried_out: '已开展',
      staff_training: '已培训',
      project_progress: '推进中',
    },
    firstSubmittedAt: t,
    submittedAt: t,
    submittedBy: 'U_TEST',
    updatedBy: 'U_TEST',
    updatedAt: t,
  });
}

async function update(unitId: string, values: Record<string, number>): Promise<void> {
  const t = at('2016-06-20T10:00:00');
  for (const [indicatorKey, value] of Object.entries(values)) {
    await sb.booted.deps.db.insert(progressUpdates).values({
      plan: sb.booted.deps.catalogue.plan.slug,
      unitId,
      indicatorKey,
      period: '2016H1',
      value,
      submittedBy: 'U_TEST',
      submittedAt: t,
      updatedBy: 'U_TEST',
      updatedAt: t,
    });
  }
}

const FULL_DUTIES = {
  cooperation_projects: 1,
  research_admin_staff: 1,
  doctorate_research_funding: 20,
  training_months: 1,
  rd_spending_share: 5,
  bureau_project_cofunding: 100,
  b_level_leaders: 2,
};

beforeAll(async () => {
  sb = await startTestSandbox({
    start: '2016-06-10T09:00:00+08:00',
    onClock: async (now) => {
      await scheduler.runDue(now);
    },
  });
  scheduler = createScheduler(sb.booted.deps, createJobClient('xoxb-sandbox-token', sb.session.fake.url), {
    sleep: async () => {},
  });
});
afterAll(async () => {
  await sb?.close();
});

describe('scheduled reminders and the circular in the local workspace', () => {
  it('fourteen days before the mid-year deadline, every institution without a report is reminded in its channel and its lead by DM', async () => {
    const posts = callsOf(await sb.run({ clock: '2016-06-16T09:00:00+08:00' }), 'chat.postMessage').map((c) =>
      String(c.args.channel),
    );
    expect(posts.filter((c) => c.startsWith('C_')).sort()).toEqual(INSTITUTION_CHANNELS);
    expect(posts.filter((c) => c.startsWith('U_')).sort()).toEqual([
      'U_BZY_LEAD',
      'U_JLY_LEAD',
      'U_SHY_LEAD',
      'U_TJY_LEAD',
      'U_XJJ_LEAD',
    ]);
    // National and regional centers and league bureaus do not owe the half-year report.
    expect(posts).not.toContain('C_COAL');
  });

  it('after a unit submits its report, the next reminder skips it', async () => {
    await submit('jly', '2016-06-20T15:00:00');
    const posts = callsOf(await sb.run({ clock: '2016-06-23T09:00:00+08:00' }), 'chat.postMessage').map((c) =>
      String(c.args.channel),
    );
    expect(posts).not.toContain('C_JLY');
    expect(posts).not.toContain('U_JLY_LEAD');
    expect(posts).toContain('C_SHY');
  });

  it('moving the clock to a time already handled sends nothing again', async () => {
    expect(callsOf(await sb.run({ clock: '2016-06-23T09:30:00+08:00' }), 'chat.postMessage')).toEqual([]);
  });

  it('the day after the deadline, the units still missing are nudged; a week later the admins are told who is missing', async () => {
    await sb.run({ clock: '2016-06-29T09:00:00+08:00' });
    await submit('tjy', '2016-06-30T17:00:00');
    const nudges = callsOf(await sb.run({ clock: '2016-07-01T09:00:00+08:00' }), 'chat.postMessage').map((c) =>
      String(c.args.channel),
    );
    expect(nudges.filter((c) => c.startsWith('C_')).sort()).toEqual(['C_BZY', 'C_SHY', 'C_XJJ']);
    await submit('shy', '2016-07-05T10:00:00');
    await sb.run({ clock: '2016-07-07T09:00:00+08:00' });
    const escalation = callsOf(await sb.run({ clock: '2016-07-08T09:00:00+08:00' }), 'chat.postMessage');
    expect(escalation.map((c) => c.args.channel)).toEqual(['C_KEJI_ADMIN']);
    const text = String(escalation[0]?.args.text);
    expect(text).toContain('内蒙古自治区纤维检验局');
    expect(text).toContain('内蒙古自治区标准化院');
    expect(text).not.toContain('石油化工');
  });

  it('fifteen days after the deadline the circular ranks the institutions, marks the bottom three and uploads the chart', async () => {
    await update('jly', FULL_DUTIES);
    await update('shy', FULL_DUTIES);
    await update('tjy', { cooperation_projects: 1, research_admin_staff: 1, rd_spending_share: 5 });
    await update('xjj', { cooperation_projects: 1, research_admin_staff: 1 });
    await update('jly', { national_centers: 3, doctorates: 1 });
    const events = await sb.run({ clock: '2016-07-15T09:00:00+08:00' });
    const posts = callsOf(events, 'chat.postMessage');
    const main = posts.find((c) => c.args.channel === 'C_KEJI' && !c.args.thread_ts);
    const text = String(main?.args.text);
    expect(text).toContain('2016年上半年科技工作情况通报');
    const order = ['计量院', '石化院', '特检院', '纤检局', '标准化院'].map((n) => text.indexOf(`名 ${n}`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const blocks = JSON.stringify(main?.args.blocks);
    expect(blocks.match(/黄牌预警/g)?.length).toBeGreaterThanOrEqual(3);
    expect(blocks).toMatch(/特检院.*纤检局.*标准化院 列为\*黄牌预警\*/);
    expect(blocks).toContain('计分方法');
    // Each ranked unit's detail is a reply in the circular's thread.
    expect(posts.filter((c) => c.args.channel === 'C_KEJI' && c.args.thread_ts)).toHaveLength(5);
    expect(callsOf(events, 'files.completeUploadExternal')).toHaveLength(1);
    expect(sb.session.fake.uploads.at(-1)?.filename).toBe('circular-2016H1.png');
  });

  it('admins see the schedule and its failures with /plan schedule, change it, and preview the circular', async () => {
    const shown = await adminPlan(sb, 'schedule');
    expect(String(shown[0]?.text)).toContain('报告提醒');
    expect(String(shown[0]?.text)).toContain('下一次');
    const set = await adminPlan(sb, 'schedule set reminders time 08:30');
    expect(String(set[0]?.text)).toContain('已将报告提醒的发送时间设为 08:30');
    const bad = await adminPlan(sb, 'schedule set time 8点');
    expect(String(bad[0]?.text)).toContain('未修改');
    const preview = await adminPlan(sb, 'summary preview 2016H1');
    expect(String(preview[0]?.text)).toContain('【预览】2016年上半年科技工作情况通报');
    // A period written in two words is read as one; one that is no period is said, not replaced by a default.
    const twoWords = await adminPlan(sb, 'summary preview 2016年 上半年');
    expect(String(twoWords[0]?.text)).toContain('【预览】2016年上半年');
    const unread = await adminPlan(sb, 'summary preview 2016H3');
    expect(String(unread[0]?.text)).toContain('无法识别期次');
  });

  it('a member who is not an admin cannot see or change the schedule', async () => {
    const refused = responsesOf(
      await sb.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/plan', text: 'schedule pause' }),
    );
    expect(String(refused[0]?.text)).toContain('只有管理员');
  });
});
