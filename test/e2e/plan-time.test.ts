import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_BOT } from '../../src/sandbox/session.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { createJobClient } from '../../src/schedule/send.js';
import { callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

/**
 * The plan in time, through the real app: the period a late unit still owes, a region-wide figure reported by two
 * units, the plan after its end, and a local workspace first started on today's date.
 */

// Each test boots its own workspace at its own date; booting takes a while on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

const open: TestSandbox[] = [];
const start = async (at: string) => {
  const sb = await startTestSandbox({ start: at });
  open.push(sb);
  return sb;
};
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});
afterAll(async () => {
  while (open.length) await open.pop()?.close();
});

const say = (sb: TestSandbox, as: string, command: string, text: string, channel = 'C_JLY') =>
  sb.run({ as, channel, command, text });
const replyText = (events: Awaited<ReturnType<TestSandbox['run']>>) =>
  responsesOf(events)
    .map((r) => JSON.stringify(r))
    .join('\n');

describe('the period a command uses by default', () => {
  it('on 2 July a unit whose first-half report is overdue gets 2016年上半年, and is told how to pick another', async () => {
    const sb = await start('2016-07-02T10:00:00+08:00');
    const report = await say(sb, 'U_JLY_1', '/report', '');
    const view = JSON.stringify(callsOf(report, 'views.open')[0]?.args.view);
    expect(view).toContain('2016年上半年');
    expect(view).toContain('本单位该期报告尚未提交');
    expect(view).toContain('/report 2016H2');

    const recorded = replyText(await say(sb, 'U_JLY_1', '/progress', '合作科技项目 1'));
    expect(recorded).toContain('2016年上半年 = 1项');
    expect(recorded).toContain('期次:2016年上半年');
  });

  it('once the report is in, the current period is used', async () => {
    const sb = await start('2016-06-25T10:00:00+08:00');
    await say(sb, 'U_JLY_1', '/report', '');
    await sb.run({
      as: 'U_JLY_1',
      submit: { 科技制度落实: '已落实', 科技工作开展: '开展课题', 科研人员培训: '培训', 科技项目推进: '推进' },
    });
    await sb.run({ clock: '2016-07-02T10:00:00+08:00' });
    const view = JSON.stringify(callsOf(await say(sb, 'U_JLY_1', '/report', ''), 'views.open')[0]?.args.view);
    expect(view).toContain('2016年下半年');
    expect(view).toContain('(当前期)');
  });
});

describe('a region-wide figure reported by two units', () => {
  it('is one figure, the latest report standing, and the form and confirmation say so', async () => {
    const sb = await start('2016-06-20T09:00:00+08:00');
    const first = replyText(await say(sb, 'U_JLY_1', '/progress', '国家质检中心 3'));
    expect(first).toContain('填全区总数,以最新一次为准');
    await say(sb, 'U_COAL_LEAD', '/progress', '国家质检中心 4', 'C_COAL');
    const status = replyText(await say(sb, 'U_ADMIN', '/plan', 'status', 'C_KEJI'));
    expect(status).toContain('4家 / 目标 10家');
    expect(status).not.toContain('7家');
    const form = JSON.stringify(callsOf(await say(sb, 'U_JLY_1', '/progress', ''), 'views.open')[0]?.args.view);
    expect(form).toContain('填全区总数,以最新一次为准');
  });
});

describe('the plan after its end', () => {
  it('status, App Home and /report say it has ended; nothing dated 2026 is shown; no periods outside it', async () => {
    const sb = await start('2026-12-02T10:00:00+08:00');
    const status = replyText(await say(sb, 'U_JLY_LEAD', '/plan', 'status'));
    expect(status).toContain('已于2017年12月31日结束');
    expect(status).toContain('目标 500万元(2017年底前)');
    expect(status).not.toMatch(/2026年/);

    const home = await sb.session.deliver(
      {
        body: JSON.stringify({
          team_id: SANDBOX_BOT.teamId,
          api_app_id: SANDBOX_BOT.appId,
          type: 'event_callback',
          event_id: 'EvHOMEEND',
          event_time: 1795000000,
          event: {
            type: 'app_home_opened',
            user: 'U_JLY_1',
            channel: 'D_HOME',
            tab: 'home',
            event_ts: '1795000000.000100',
          },
          authorizations: [
            { team_id: SANDBOX_BOT.teamId, user_id: SANDBOX_BOT.userId, is_bot: true, is_enterprise_install: false },
          ],
        }),
        contentType: 'application/json',
      },
      'U_JLY_1',
    );
    expect(JSON.stringify(callsOf(home, 'views.publish')[0]?.args.view)).toContain('已于2017年12月31日结束');

    expect(replyText(await say(sb, 'U_JLY_1', '/report', ''))).toContain('已于2017年12月31日结束');
    expect(replyText(await say(sb, 'U_JLY_LEAD', '/plan', 'export 2019H1'))).toContain('2019年上半年不在计划期内');
    const preview = replyText(await say(sb, 'U_ADMIN', '/plan', 'summary preview', 'C_KEJI'));
    expect(preview).toContain('2017年下半年');
    expect(preview).not.toContain('2026年上半年');
    // A year of the clock running after the end posts no reminder and no circular.
    expect(callsOf(await sb.run({ clock: '2027-12-02T10:00:00+08:00' }), 'chat.postMessage')).toEqual([]);
  });
});

describe('a local workspace first started on today’s clock', () => {
  it('still posts the circular when the clock is later set inside the plan', async () => {
    const sb = await start('2026-12-02T10:00:00+08:00');
    // As `npm start` does on today's date: every slot of the plan is long past and is recorded as skipped.
    const deps = sb.booted.deps;
    const scheduler = createScheduler(deps, createJobClient('xoxb-sandbox-token', sb.session.fake.url));
    const first = await scheduler.runDue(deps.clock.now());
    expect(first.skipped).toContain('summary nmg-keji-2015/2016H1/circular');

    await sb.run({ clock: '2016-07-14T09:00:00+08:00' });
    const events = await sb.run({ clock: '2016-07-15T09:01:00+08:00' });
    const circular = callsOf(events, 'chat.postMessage').find((c) => c.args.channel === 'C_KEJI' && !c.args.thread_ts);
    expect(String(circular?.args.text)).toContain('2016年上半年科技工作情况通报');
  });
});
