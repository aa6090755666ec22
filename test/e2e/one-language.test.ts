import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectLang } from '../../src/answer/lang.js';
import { buttonsOf } from '../../src/sandbox/render-blocks.js';
import { scheduleLang } from '../../src/slack/listeners/commands/schedule.js';
import { acksOf, adminPlan, callsOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

// Issue 11, point 4: a person reads one language — Chinese users only Chinese, English askers only English.
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ start: '2016-06-15T10:00:00+08:00' });
});
afterAll(() => sandbox?.close());

const latinWords = (text: string) => text.match(/[A-Za-z]{3,}/g) ?? [];

describe('one language at a time', () => {
  it('a form error in a Chinese form is in Chinese only', async () => {
    await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '' });
    const events = await sandbox.run({ as: 'U_JLY_1', submit: { 指标: '国家质检中心', 数值: '-1' } });
    const [ack] = acksOf(events) as Array<{ response_action?: string; errors?: Record<string, string> }>;
    expect(ack?.response_action).toBe('errors');
    expect(ack?.errors?.value).toBe('数值不能为负数');
  });

  it('the reminder’s button is labelled in the reminder’s language only', async () => {
    const events = await sandbox.run({ clock: '2016-06-16T09:01:00+08:00' });
    const reminders = callsOf(events, 'chat.postMessage').filter((c) => c.args.channel === 'C_JLY');
    expect(reminders.length).toBeGreaterThan(0);
    const labels = reminders.flatMap((r) => buttonsOf(r.args.blocks).map((b) => b.text));
    expect(labels).toContain('填写报告');
    for (const label of labels) expect(label).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('/plan schedule set with a time that does not exist names the field in the admin’s words and says how to write it', async () => {
    const replies = await adminPlan(sandbox, 'schedule set time 25:00');
    const text = String(replies[0]?.text);
    expect(text).toContain('未修改');
    expect(text).toContain('发送时间');
    expect(text).toContain('09:00');
    expect(latinWords(text)).toEqual([]);
  });

  it('/plan schedule set takes the field by its name too', async () => {
    const replies = await adminPlan(sandbox, 'schedule set 发送时间 09:30');
    expect(String(replies[0]?.text)).toContain('发送时间设为 09:30');
  });

  it('/plan schedule help is answered with the schedule’s help, not as a question about the plan', async () => {
    const replies = await adminPlan(sandbox, 'schedule help');
    const text = String(replies[0]?.text);
    expect(text).toContain('/plan schedule set');
    expect(text).toContain('发送时间');
    expect(detectLang(text.replace(/`[^`]*`/g, ''))).toBe('zh');
  });

  it('the admin’s App Home shows the bureau’s overview: who reported and who still owes the last report', async () => {
    await sandbox.run({ clock: '2016-07-02T10:00:00+08:00' });
    const events = await sandbox.run({ as: 'U_ADMIN', home: true });
    const [home] = callsOf(events, 'views.publish');
    const text = JSON.stringify(home?.args.view);
    expect(text).toContain('全局概况');
    expect(text).toContain('2016年上半年* 的半年报告仍未提交');
    expect(text).toContain('计量院');
    expect(text).not.toContain('请联系科技处');
  });

  it('an English asker of /plan schedule is answered in English only', async () => {
    expect(scheduleLang(['set', 'time', '25:00'])).toBe('zh');
    expect(scheduleLang(['help', 'please', 'explain', 'the', 'settings'])).toBe('en');
    const replies = await adminPlan(sandbox, 'schedule set time 25:00 please');
    const text = String(replies[0]?.text);
    expect(text).toContain('sending time');
    expect(text).not.toMatch(/\p{Script=Han}/u);
  });

  it('an English asker of the schedule overview reads it in English only', async () => {
    const replies = await adminPlan(sandbox, 'schedule show me the next runs');
    const text = String(replies[0]?.text);
    expect(text).toMatch(/daily at \d\d:\d\d/);
    expect(text).toContain('Next:');
    expect(text).not.toMatch(/\p{Script=Han}/u);
  });

  it('an English asker of the circular preview gets its frame in English, the circular as it will be published', async () => {
    const replies = await adminPlan(sandbox, 'summary preview 2016H1 please');
    const [reply] = replies as Array<{
      text?: string;
      blocks?: Array<{ elements?: Array<{ text?: string }> }>;
    }>;
    expect(String(reply?.text)).toMatch(/^\[Preview\] /);
    const note = String(reply?.blocks?.[0]?.elements?.[0]?.text);
    // The plan's own title is its name; every other word of the frame is English.
    expect(note).toMatch(/^Preview of the H1 2016 circular of .+: not posted yet, only you see it\./);
  });
});
