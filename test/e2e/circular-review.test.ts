import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { sectionWith, submitReports, TOPIC_LABELS } from '../fakes/half-year-reports.js';
import { callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

/** `schedule: { circularReview: true }`: the circular goes to the admins first and posts once, when one posts it. */

let sb: TestSandbox;
const summaryPosts = (events: Awaited<ReturnType<TestSandbox['run']>>) =>
  callsOf(events, 'chat.postMessage').filter((c) => c.args.channel === 'C_KEJI');
const adminDms = (events: Awaited<ReturnType<TestSandbox['run']>>) =>
  callsOf(events, 'chat.postMessage').filter((c) => c.args.channel === 'U_ADMIN');
const EDITED = '经科技处审核:计量院全年计量比对课题进展顺利。';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'planbot-review-'));
  const workspacePath = join(dir, 'workspace.yaml');
  const demo = readFileSync('workspaces/demo.yaml', 'utf8');
  writeFileSync(workspacePath, demo.replace(/^schedule:\n/m, 'schedule:\n  circularReview: true\n'));
  sb = await startTestSandbox({ start: '2016-06-20T09:00:00+08:00', workspacePath });
  await submitReports(sb);
}, 240_000);
afterAll(() => sb?.close());

describe('reviewing the circular before it posts', () => {
  it('at its time the draft goes to the admins with 预览 / 编辑 / 发布 / 推迟, and nothing to the summary channel', async () => {
    const events = await sb.run({ clock: '2016-07-15T09:00:00+08:00' });
    expect(summaryPosts(events)).toEqual([]);
    const [dm] = adminDms(events);
    expect(String(dm?.args.text)).toContain('2016年上半年科技工作情况通报');
    const buttons = JSON.stringify(dm?.args.blocks);
    for (const b of ['预览', '编辑', '发布', '推迟']) expect(buttons).toContain(`"${b}"`);
  }, 240_000);

  it('the next working day, nobody having acted, the admins are reminded', async () => {
    // 15 July 2016 was a Friday: the weekend passes without a reminder.
    expect(adminDms(await sb.run({ clock: '2016-07-17T09:00:00+08:00' }))).toEqual([]);
    const events = await sb.run({ clock: '2016-07-18T09:00:00+08:00' });
    expect(summaryPosts(events)).toEqual([]);
    expect(String(adminDms(events)[0]?.args.text)).toContain('提醒');
  }, 120_000);

  it('预览 shows the admin the circular with what the units reported', async () => {
    const shown = responsesOf(await sb.run({ as: 'U_ADMIN', click: '预览' }));
    expect(String(shown[0]?.text)).toContain('【预览】');
    expect(sectionWith(shown[0]?.blocks, TOPIC_LABELS.work_carried_out as string)).toContain(
      '计量院:开展计量比对研究课题4项，其中2项已通过验收。',
    );
  });

  it('推迟 moves it by the chosen days: at the new time the draft is drawn up again and sent to the admins', async () => {
    const opened = await sb.run({ as: 'U_ADMIN', click: '推迟' });
    expect(callsOf(opened, 'views.open')).toHaveLength(1);
    const told = await sb.run({ as: 'U_ADMIN', submit: { 推迟天数: '1 天' } });
    expect(String(adminDms(told)[0]?.args.text)).toContain('已推迟 1 天');
    const later = await sb.run({ clock: '2016-07-19T09:30:00+08:00' });
    expect(summaryPosts(later)).toEqual([]);
    expect(String(adminDms(later)[0]?.args.text)).toContain('重新生成');
  }, 120_000);

  it('编辑 opens the summary text in a modal; the saved edit is what the circular will say', async () => {
    const opened = await sb.run({ as: 'U_ADMIN', click: '编辑' });
    const view = JSON.stringify(callsOf(opened, 'views.open')[0]?.args.view);
    expect(view).toContain('开展计量比对研究课题4项');
    const saved = await sb.run({ as: 'U_ADMIN', submit: { 科技工作开展: EDITED } });
    expect(summaryPosts(saved)).toEqual([]);
    expect(String(adminDms(saved)[0]?.args.text)).toContain('修改已保存');
  });

  it('发布 posts exactly one circular to the summary channel, with the edit in it', async () => {
    const events = await sb.run({ as: 'U_ADMIN', click: '发布' });
    const main = summaryPosts(events).filter((c) => !c.args.thread_ts);
    expect(main).toHaveLength(1);
    const section = sectionWith(main[0]?.args.blocks, TOPIC_LABELS.work_carried_out as string);
    expect(section).toContain(EDITED);
    expect(section).not.toContain('开展计量比对研究课题4项');
    // The other topics keep the units' own words.
    expect(sectionWith(main[0]?.args.blocks, TOPIC_LABELS.staff_training as string)).toContain(
      '计量院:组织科研人员培训3期，共培训60人次。',
    );
    expect(String(responsesOf(events)[0]?.text)).toContain('已由 <@U_ADMIN>');
  });

  it('a redelivered 发布, and a second click on another copy of the draft, post nothing more', async () => {
    expect(summaryPosts(await sb.run({ redeliver: true }))).toEqual([]);
    const again = await sb.run({ as: 'U_ADMIN', click: '发布' });
    expect(summaryPosts(again)).toEqual([]);
    expect(String(responsesOf(again)[0]?.text)).toContain('不会重复发布');
  });

  it('the draft, the postponement, the edit and the post are in the audit log', async () => {
    const rows = await sb.booted.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'circular'), eq(auditLog.entityId, 'nmg-keji-2015/2016H1/circular')))
      .orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.action)).toEqual([
      'circular.draft',
      'circular.postpone',
      'circular.draft',
      'circular.edit',
      'circular.post',
    ]);
    expect(rows.at(-1)?.actor).toBe('U_ADMIN');
  });

  it('once posted, a unit’s report for the period is locked', async () => {
    const events = await sb.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/report', text: '2016H1' });
    expect(String(responsesOf(events)[0]?.text)).toContain('本期报告已锁定');
  });
});
