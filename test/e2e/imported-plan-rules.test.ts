import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reports } from '../../db/schema.js';
import { importPlan } from '../../src/plan/import.js';
import { parsePlanSettings } from '../../src/plan/plan-settings.js';
import { setIndicatorStatus, setPlanSettings } from '../../src/plan/store.js';
import { callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

/**
 * An imported plan given its own report topics and rules (`planbot plan rules`), through the real app: `/report`
 * asks for the plan's own topics, the report is stored under the plan, and the circular uses its words and scores.
 */

vi.setConfig({ testTimeout: 120_000 });

const SLUG = 'gwy-wufei-chengshi-2018';
const PLAN_TEXT = readFileSync(`test/fixtures/plans/${SLUG}/plan.txt`, 'utf8');

const SETTINGS = `
report_topics:
  - key: progress
    label: 试点任务进展
    label_en: Progress of the pilot tasks
    max_length: 2000
    section: 四、(四) 开展评估总结
    quote: 试点城市政府对本地区试点总体情况、主要做法和成效、存在的问题及建议等进行评估总结
  - key: problems
    label: 存在的问题及建议
    label_en: Problems and suggestions
    max_length: 2000
    section: 四、(四) 开展评估总结
    quote: 存在的问题及建议
rules:
  scoring: { enabled: true }
  yellow_card: { enabled: true, lowest: 1, card: 通报提醒, warning: 提醒预警 }
  words: { region: 试点城市, issuer: 生态环境部, reporters: 试点城市政府, subject: 无废城市建设 }
`;

const WORKSPACE = `
timezone: Asia/Shanghai
admins: [U_ADMIN]
channels: { summary: C_ALL, admins: C_ADMIN }
plans: [${SLUG}]
kinds:
  - { id: city, label: 试点城市 }
units:
  - { id: east, name: 甲市人民政府, short: 甲市, kind: city, channel: C_EAST, leads: [U_EAST], members: [] }
  - { id: west, name: 乙市人民政府, short: 乙市, kind: city, channel: C_WEST, leads: [U_WEST], members: [] }
`;

describe('an imported plan with its own report topics and rules', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'planbot-ws-')), 'workspace.yaml');
    writeFileSync(path, WORKSPACE);
    sb = await startTestSandbox({ start: '2019-06-10T09:00:00+08:00', workspacePath: path });
    const db = sb.booted.deps.db;
    const at = new Date('2019-01-05T00:00:00Z');
    await importPlan(db, {
      document: { text: PLAN_TEXT, format: 'txt' },
      fileName: 'plan.txt',
      slug: SLUG,
      by: 'U_ADMIN',
      now: at,
      timezone: 'Asia/Shanghai',
      reserved: [sb.booted.deps.plans.shipped.slug],
    });
    await setIndicatorStatus(db, SLUG, 'all', 'approved', 'U_ADMIN', at);
    const settings = parsePlanSettings(SETTINGS, { planText: PLAN_TEXT, indicatorKeys: [], source: 'rules.yaml' });
    await setPlanSettings(db, SLUG, settings, 'U_ADMIN', at);
    await sb.booted.deps.plans.refresh(true);
  });
  afterAll(async () => {
    await sb?.close();
  });

  it('a settings file with a quote that is not in the plan is refused, naming the field', () => {
    const bad = SETTINGS.replace('quote: 存在的问题及建议', 'quote: 存在的困难及建议');
    expect(() => parsePlanSettings(bad, { planText: PLAN_TEXT, indicatorKeys: [], source: 'rules.yaml' })).toThrow(
      /rules\.yaml: report_topics\[1\] \(problems\)\.quote: "存在的困难及建议" is not in the plan text/,
    );
    expect(() =>
      parsePlanSettings('rules: { scoring: { enabled: maybe } }', {
        planText: PLAN_TEXT,
        indicatorKeys: [],
        source: 'rules.yaml',
      }),
    ).toThrow(/rules\.yaml: rules\.scoring\.enabled/);
  });

  it('/report asks for the plan’s own topics and stores the report under the plan', async () => {
    const opened = await sb.run({ as: 'U_EAST', channel: 'C_EAST', command: '/report', text: '' });
    const view = JSON.stringify(callsOf(opened, 'views.open')[0]?.args.view);
    expect(view).toContain('试点任务进展');
    expect(view).toContain('存在的问题及建议');
    const submitted = await sb.run({
      as: 'U_EAST',
      submit: { 试点任务进展: '完成建筑垃圾分类收运体系建设。', 存在的问题及建议: '资金缺口较大。' },
    });
    expect(JSON.stringify(submitted)).toContain('已提交');
    const rows = await sb.booted.deps.db.select().from(reports);
    expect(rows.map((r) => [r.unitId, r.plan, r.period])).toEqual([['east', SLUG, '2019H1']]);
  });

  it('the circular speaks the plan’s words, scores the units and cards the lowest as the rules say', async () => {
    const events = await sb.run({ clock: '2019-07-16T09:30:00+08:00' });
    const circulars = callsOf(events, 'chat.postMessage').filter(
      (c) => c.args.channel === 'C_ALL' && !c.args.thread_ts,
    );
    expect(circulars).toHaveLength(1);
    const text = JSON.stringify(circulars);
    expect(text).toContain('2019年上半年无废城市建设情况通报');
    expect(text).toContain('提醒预警');
    expect(text).toContain('乙市');
    expect(text).toContain('资金缺口较大');
    expect(responsesOf(events)).toEqual([]);
  });
});
