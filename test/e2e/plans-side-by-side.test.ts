import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { progressUpdates, reports } from '../../db/schema.js';
import { importPlan } from '../../src/plan/import.js';
import { demoStart } from '../../src/plan/span.js';
import { setIndicatorStatus } from '../../src/plan/store.js';
import { demoClockStart } from '../../src/sandbox/run.js';
import { SANDBOX_BOT } from '../../src/sandbox/session.js';
import { callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

/**
 * The shipped plan and an imported one (a real document from test/fixtures/plans) in one workspace, through the real
 * app: units bound to one or both, `/plan status`, `/report`, App Home, reminders and the circular per plan, the
 * imported plan in its own words only; the shipped plan after its end.
 */

vi.setConfig({ testTimeout: 120_000 });

const IMPORTED = 'gwy-wufei-chengshi-2018';
const IMPORTED_TITLE = '“无废城市”建设试点工作方案';
/** The shipped plan's own words: none may reach a unit that runs only the imported plan. */
const SHIPPED_WORDS = ['全区', '自治区局', '三年行动计划', '科技处', '科技工作'];

const WORKSPACE = `
timezone: Asia/Shanghai
admins: [U_ADMIN]
channels: { summary: C_ALL, admins: C_ADMIN, plans: { C_CITY: ${IMPORTED} } }
plans: [nmg-keji-2015, ${IMPORTED}]
kinds:
  - { id: institution, label: 直属技术机构 }
  - { id: national_center, label: 国家质检中心 }
  - { id: regional_center, label: 自治区级质检中心 }
  - { id: league_bureau, label: 盟市质监局 }
  - { id: city, label: 试点城市 }
units:
  - { id: jly, name: 计量测试研究院, short: 计量院, kind: institution, channel: C_JLY, leads: [U_JLY], members: [],
      plans: [nmg-keji-2015] }
  - { id: both, name: 标准化研究院, short: 标准院, kind: institution, channel: C_BOTH, leads: [U_BOTH], members: [] }
  - { id: city, name: 甲市生态环境局, short: 甲市, kind: city, channel: C_CITY, leads: [U_CITY], members: [],
      plans: [${IMPORTED}] }
`;

type Events = Awaited<ReturnType<TestSandbox['run']>>;
const replies = (events: Events) => JSON.stringify(responsesOf(events));
const postsTo = (events: Events, channel: string) =>
  callsOf(events, 'chat.postMessage').filter((c) => c.args.channel === channel);
const expectOwnWordsOnly = (text: string) => {
  for (const word of SHIPPED_WORDS) expect(text, word).not.toContain(word);
};

/** Boots the workspace at `start` and imports the fixture plan as if on `importedOn`, its draft approved. */
async function startWithImported(start: string, importedOn: string): Promise<TestSandbox> {
  const path = join(mkdtempSync(join(tmpdir(), 'planbot-ws-')), 'workspace.yaml');
  writeFileSync(path, WORKSPACE);
  const sb = await startTestSandbox({ start, workspacePath: path });
  const db = sb.booted.deps.db;
  await importPlan(db, {
    document: { text: readFileSync(`test/fixtures/plans/${IMPORTED}/plan.txt`, 'utf8'), format: 'txt' },
    fileName: 'plan.txt',
    slug: IMPORTED,
    by: 'U_ADMIN',
    now: new Date(importedOn),
    timezone: 'Asia/Shanghai',
    reserved: [sb.booted.deps.plans.shipped.slug],
  });
  await setIndicatorStatus(db, IMPORTED, 'all', 'approved', 'U_ADMIN', new Date(importedOn));
  await sb.booted.deps.plans.refresh(true);
  return sb;
}

async function openHome(sb: TestSandbox, user: string): Promise<string> {
  const events = await sb.session.deliver(
    {
      body: JSON.stringify({
        team_id: SANDBOX_BOT.teamId,
        api_app_id: SANDBOX_BOT.appId,
        type: 'event_callback',
        event_id: `EvHOME${user}${Date.now()}`,
        event_time: 1795000000,
        event: { type: 'app_home_opened', user, channel: `D_${user}`, tab: 'home', event_ts: '1795000000.000100' },
        authorizations: [
          { team_id: SANDBOX_BOT.teamId, user_id: SANDBOX_BOT.userId, is_bot: true, is_enterprise_install: false },
        ],
      }),
      contentType: 'application/json',
    },
    user,
  );
  return JSON.stringify(callsOf(events, 'views.publish')[0]?.args.view ?? null);
}

describe('after the shipped plan has ended, an imported plan runs on in the same workspace', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startWithImported('2019-06-10T09:00:00+08:00', '2019-01-05T00:00:00Z');
  });
  afterAll(async () => {
    await sb?.close();
  });

  it('/plan status for a unit of the imported plan names that plan and speaks only its words', async () => {
    const text = replies(await sb.run({ as: 'U_CITY', channel: 'C_CITY', command: '/plan', text: 'status' }));
    expect(text).toContain(IMPORTED_TITLE);
    expect(text).toContain('秸秆综合利用率');
    expectOwnWordsOnly(text);
  });

  it('/report says plainly that the imported plan asks for no periodic report, and that the shipped one has ended', async () => {
    const city = replies(await sb.run({ as: 'U_CITY', channel: 'C_CITY', command: '/report', text: '' }));
    expect(city).toContain('没有规定定期报告');
    expectOwnWordsOnly(city);
    const jly = replies(await sb.run({ as: 'U_JLY', channel: 'C_JLY', command: '/report', text: '' }));
    expect(jly).toContain('已于2017年12月31日结束');
  });

  it('the update form offers the unit’s own plan, records under it, and edits go by that plan', async () => {
    const opened = await sb.run({ as: 'U_CITY', channel: 'C_CITY', command: '/progress', text: '' });
    const view = JSON.stringify(callsOf(opened, 'views.open')[0]?.args.view);
    expect(view).toContain('畜禽粪污综合利用率');
    expectOwnWordsOnly(view);
    const saved = await sb.run({ as: 'U_CITY', submit: { indicator: '畜禽粪污综合利用率', value: '60' } });
    expect(JSON.stringify(saved)).toContain('已记录');
    const rows = await sb.booted.deps.db.select().from(progressUpdates);
    expect(rows.map((r) => [r.unitId, r.plan, r.indicatorKey, r.value])).toContainEqual([
      'city',
      IMPORTED,
      expect.any(String),
      60,
    ]);
  });

  it('the demo clock starts today while the imported plan is under way, else in the shipped plan', () => {
    const deps = sb.booted.deps;
    const today = new Date('2019-06-10T01:00:00Z');
    expect(demoClockStart(deps, today)).toEqual(today);
    const later = new Date('2026-12-02T02:00:00Z');
    expect(demoClockStart(deps, later)).toEqual(demoStart(deps.plans.shipped.catalogue, later));
    expect(demoClockStart(deps, later).getUTCFullYear()).toBeLessThan(2018);
  });

  it('answers from the ended plan still work', async () => {
    const text = replies(
      await sb.run({ as: 'U_JLY', channel: 'C_JLY', command: '/plan', text: '国家质检中心要达到多少家?' }),
    );
    expect(text).toContain('10家');
  });

  it('App Home shows each unit the plans it runs: the imported one in its own words, the shipped one as ended', async () => {
    const city = await openHome(sb, 'U_CITY');
    expect(city).toContain(IMPORTED_TITLE);
    expect(city).toContain('2019年上半年');
    expectOwnWordsOnly(city);
    const both = await openHome(sb, 'U_BOTH');
    expect(both).toContain(IMPORTED_TITLE);
    expect(both).toContain('已于2017年12月31日结束');
  });

  it('reminders go out for the imported plan only, to its units, in its words, each slot named after it', async () => {
    await sb.run({ as: 'U_CITY', channel: 'C_CITY', command: '/progress', text: '秸秆综合利用率 80' });
    // 16 June 2019 is a Sunday: the reminder moves to Monday.
    const events = await sb.run({ clock: '2019-06-17T09:30:00+08:00' });
    const city = postsTo(events, 'C_CITY');
    expect(city).toHaveLength(1);
    const text = JSON.stringify(city);
    expect(text).toContain('2019年上半年进展填报');
    expect(text).toContain('重点用膜区当季地膜回收率');
    // What the unit already reported is not asked for again.
    expect(text).not.toContain('秸秆综合利用率');
    expect(text).not.toContain('畜禽粪污综合利用率');
    expect(text).toContain(`"slot":"${IMPORTED}/2019H1/before-14"`);
    expectOwnWordsOnly(text);
    // 计量院 runs only the shipped plan, which has ended: nothing.
    expect(postsTo(events, 'C_JLY')).toEqual([]);
  });

  it('the circular for the imported plan cites it, in its words; the ended plan posts none', async () => {
    const events = await sb.run({ clock: '2019-07-16T09:30:00+08:00' });
    const circulars = postsTo(events, 'C_ALL').filter((c) => !c.args.thread_ts);
    expect(circulars).toHaveLength(1);
    const text = JSON.stringify(circulars);
    expect(text).toContain('2019年上半年工作情况通报');
    expect(text).toContain(`《${IMPORTED_TITLE}》`);
    expectOwnWordsOnly(text);
  });
});

describe('both plans running side by side', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    // Imported as if in 2016, the fixture plan runs from 2016 to its last deadline: both plans run in June 2016.
    sb = await startWithImported('2016-06-10T09:00:00+08:00', '2016-01-05T00:00:00Z');
  });
  afterAll(async () => {
    await sb?.close();
  });

  it('a unit on both plans gets the report of the one that asks for it; the report is stored under that plan', async () => {
    const opened = await sb.run({ as: 'U_BOTH', channel: 'C_BOTH', command: '/report', text: '' });
    const view = JSON.stringify(callsOf(opened, 'views.open')[0]?.args.view);
    expect(view).toContain('科技制度落实情况');
    await sb.run({
      as: 'U_BOTH',
      submit: { 科技制度落实: '已落实', 科技工作开展: '开展课题', 科研人员培训: '培训', 科技项目推进: '推进' },
    });
    const rows = await sb.booted.deps.db.select().from(reports);
    expect(rows.map((r) => [r.unitId, r.plan, r.status])).toEqual([['both', 'nmg-keji-2015', 'submitted']]);
  });

  it('a unit on both plans: the update form names the other plan, and /progress <slug> opens the form for it', async () => {
    const first = await sb.run({ as: 'U_BOTH', channel: 'C_BOTH', command: '/progress', text: '' });
    const view = JSON.stringify(callsOf(first, 'views.open')[0]?.args.view);
    expect(view).toContain('科技成果奖');
    expect(view).toContain(`/progress ${IMPORTED}`);
    const other = await sb.run({ as: 'U_BOTH', channel: 'C_BOTH', command: '/progress', text: IMPORTED });
    const otherView = JSON.stringify(callsOf(other, 'views.open')[0]?.args.view);
    expect(otherView).toContain('秸秆');
    expect(otherView).not.toContain('科技成果奖');
    expect(otherView).toContain('/progress nmg-keji-2015');
    expect(otherView).toContain(`\\"plan\\":\\"${IMPORTED}\\"`);
    // A unit that reports only on the shipped plan is told so, and no form opens.
    const refused = await sb.run({ as: 'U_JLY', channel: 'C_JLY', command: '/progress', text: IMPORTED });
    expect(callsOf(refused, 'views.open')).toHaveLength(0);
    expect(replies(refused)).toContain(`本单位不填报《${IMPORTED_TITLE}》`);
  });

  it('each plan reminds its own units on its own calendar, in its own words', async () => {
    const events = await sb.run({ clock: '2016-06-16T09:30:00+08:00' });
    const city = JSON.stringify(postsTo(events, 'C_CITY'));
    expect(city).toContain('2016年上半年进展填报');
    expectOwnWordsOnly(city);
    // 计量院 owes the shipped plan's report; 标准院 submitted it and is reminded only of the imported plan's figures.
    expect(JSON.stringify(postsTo(events, 'C_JLY'))).toContain('2016年上半年科技工作报告');
    const both = JSON.stringify(postsTo(events, 'C_BOTH'));
    expect(both).not.toContain('科技工作报告');
    expect(both).toContain('2016年上半年进展填报');
  });

  it('App Home shows a unit on both plans each plan under its own name', async () => {
    const home = await openHome(sb, 'U_BOTH');
    expect(home).toContain(IMPORTED_TITLE);
    expect(home).toContain('三年行动计划');
    expect(home).toContain(`"value":"both:2016H1:nmg-keji-2015"`);
  });

  it('the circulars: one per plan, each from its own units and words', async () => {
    const events = await sb.run({ clock: '2016-07-16T09:30:00+08:00' });
    const circulars = postsTo(events, 'C_ALL').filter((c) => !c.args.thread_ts);
    expect(circulars).toHaveLength(2);
    const imported = circulars.find((c) => JSON.stringify(c).includes(IMPORTED_TITLE));
    expectOwnWordsOnly(JSON.stringify(imported));
    expect(JSON.stringify(imported)).not.toContain('计量院');
    const shipped = circulars.find((c) => c !== imported);
    expect(String(shipped?.args.text)).toContain('2016年上半年科技工作情况通报');
    expect(JSON.stringify(shipped)).not.toContain('甲市');
  });
});
