import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/plan/catalogue.js';
import type { HalfYearReport, ProgressUpdate, UnitInfo } from '../../../src/progress/types.js';
import { findInputs } from '../../../src/sandbox/render-blocks.js';
import { ACTION_EDIT_UPDATE, ACTION_WITHDRAW_UPDATE, historyBlocks } from '../../../src/slack/blocks/history.js';
import { editProgressModal, indicatorGroups, progressModal } from '../../../src/slack/blocks/progress-modal.js';
import { BLOCK_DRAFT, reportModal, topicsFor } from '../../../src/slack/blocks/report-modal.js';

const catalogue = loadCatalogue(fileURLToPath(new URL('../../../plans/nmg-keji-2015/', import.meta.url)));

const unit = (id: string, kind: UnitInfo['kind'], short: string): UnitInfo => ({
  id,
  name: `${short}全称`,
  short,
  kind,
  channel: null,
  leads: [],
  members: [],
});
const jly = unit('jly', 'institution', '计量院');
const coal = unit('coal_nm', 'national_center', '国家煤炭中心');

const update: ProgressUpdate = {
  id: 7,
  unitId: 'jly',
  indicatorKey: 'national_centers',
  period: '2016H1',
  value: 3,
  note: '通过国家验收',
  evidenceUrl: 'https://example.org/a',
  status: 'current',
  submittedBy: 'U_JLY_1',
  submittedAt: new Date('2016-06-20T01:00:00Z'),
  updatedBy: 'U_JLY_1',
  updatedAt: new Date('2016-06-20T01:00:00Z'),
  version: 1,
};

describe('the /progress modal', () => {
  const modal = () =>
    progressModal({
      catalogue,
      units: [jly],
      periods: ['2015H2', '2016H1'],
      current: '2016H1',
      meta: { channel: 'C_JLY', lang: 'zh' },
    });

  it('has the unit, indicator, period, value, note and evidence inputs, the unit preset when there is one', () => {
    const inputs = findInputs(modal());
    expect(inputs.map((i) => [i.blockId, i.type])).toEqual([
      ['unit', 'static_select'],
      ['indicator', 'static_select'],
      ['period', 'static_select'],
      ['value', 'number_input'],
      ['note', 'plain_text_input'],
      ['evidence', 'url_text_input'],
    ]);
    expect(inputs[0]?.initial).toEqual({ text: '计量院(计量院全称)', value: 'jly' });
    expect(inputs[2]?.initial).toEqual({ text: '2016年上半年', value: '2016H1' });
    expect(inputs.filter((i) => i.optional).map((i) => i.blockId)).toEqual(['note', 'evidence']);
  });

  it('groups the indicators by the plan section they come from, only those the unit kind reports', () => {
    const groups = indicatorGroups(catalogue, ['institution'], 'zh');
    expect(groups[0]?.label.text).toBe('一、(三) 代表性指标');
    const keys = groups.flatMap((g) => g.options.map((o) => o.value));
    expect(keys).toContain('national_centers');
    expect(keys).toContain('rd_spending_share');
    expect(keys).not.toContain('a_level_leaders');
    expect(keys).not.toContain('bureau_research_fund');
    const sections = groups.map((g) => g.label.text);
    expect(new Set(sections).size).toBe(sections.length);
  });

  it('offers a national centre its own duty and not the institutions’ duties', () => {
    const keys = indicatorGroups(catalogue, ['national_center'], 'zh').flatMap((g) => g.options.map((o) => o.value));
    expect(keys).toContain('a_level_leaders');
    expect(keys).not.toContain('rd_spending_share');
  });

  it('offers the bureau figures to admins only', () => {
    const keys = indicatorGroups(catalogue, [], 'zh', true).flatMap((g) => g.options.map((o) => o.value));
    expect(keys).toEqual(expect.arrayContaining(['bureau_research_fund', 'assessment_weight']));
  });

  it('leaves the unit unset when the person belongs to several, and lists them all', () => {
    const inputs = findInputs(
      progressModal({ catalogue, units: [jly, coal], periods: ['2016H1'], current: '2016H1', meta: { lang: 'zh' } }),
    );
    expect(inputs[0]?.initial).toBeUndefined();
    expect(inputs[0]?.options?.map((o) => o.value)).toEqual(['jly', 'coal_nm']);
  });

  it('carries the channel and language in private_metadata', () => {
    expect(JSON.parse(modal().private_metadata ?? '')).toEqual({ channel: 'C_JLY', lang: 'zh' });
  });

  it('asks for the value in the measures of the indicators it offers, a milestone as done or not', () => {
    const hint = JSON.stringify(modal().blocks.find((b) => b.block_id === 'value'));
    expect(hint).toContain('按指标的计量单位填写(项、家、人、万元、月)');
    expect(hint).toContain('百分比填 0–100 之间的数');
    const milestone = {
      ...catalogue,
      indicators: [{ ...catalogue.indicators[0], key: 'm1', name: '建立信息系统', measure: null, target: null }],
    } as typeof catalogue;
    const view = progressModal({
      catalogue: milestone,
      units: [jly],
      periods: ['2016H1'],
      current: '2016H1',
      meta: { lang: 'zh' },
    });
    const text = JSON.stringify(view);
    expect(text).toContain('建立信息系统(完成与否)');
    expect(text).toContain('里程碑任务填 1(已完成)或 0(未完成)');
    expect(text).not.toContain('null');
  });

  it('speaks English when asked to', () => {
    const view = progressModal({
      catalogue,
      units: [jly],
      periods: ['2016H1'],
      current: '2016H1',
      meta: { lang: 'en' },
    });
    expect(view.title.text).toBe('Report progress');
    expect(JSON.stringify(view)).toContain('National quality inspection centers');
  });
});

describe('the edit modal', () => {
  it('keeps the current value, note and link as initial values', () => {
    const inputs = findInputs(
      editProgressModal({ update, unit: jly, indicator: catalogue.indicators[2], meta: { lang: 'zh', updateId: 7 } }),
    );
    expect(Object.fromEntries(inputs.map((i) => [i.blockId, i.initial]))).toEqual({
      value: '3',
      note: '通过国家验收',
      evidence: 'https://example.org/a',
    });
  });
});

describe('the half-year report modal', () => {
  const report: HalfYearReport = {
    id: 1,
    unitId: 'jly',
    plan: 'nmg-keji-2015',
    period: '2016H1',
    status: 'draft',
    version: 2,
    topics: { rules_in_force: '已修订科研管理办法' },
    firstSubmittedAt: null,
    submittedAt: null,
    submittedBy: null,
    updatedBy: 'U_JLY_1',
    updatedAt: new Date('2016-06-19T02:00:00Z'),
  };

  it('has the four topics labelled from the catalogue, prefilled from the latest draft, and a draft checkbox', () => {
    const view = reportModal({
      catalogue,
      unit: jly,
      topics: topicsFor(catalogue, 'institution'),
      numbers: [{ indicatorKey: 'national_centers', value: 3 }],
      report,
      timezone: 'Asia/Shanghai',
      meta: { unitId: 'jly', plan: 'nmg-keji-2015', period: '2016H1', lang: 'zh' },
    });
    const inputs = findInputs(view);
    expect(inputs.map((i) => i.label)).toEqual([
      '科技制度落实情况',
      '科技工作开展情况',
      '科研人员培训情况',
      '科技项目推进情况',
      '仅保存草稿',
    ]);
    expect(inputs[0]?.initial).toBe('已修订科研管理办法');
    expect(inputs.slice(0, 4).every((i) => i.multiline)).toBe(true);
    expect(inputs[4]?.blockId).toBe(BLOCK_DRAFT);
    expect(view.submit?.text).toBe('提交');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('国家质检中心:3家');
    expect(text).toContain('草稿(第 2 版');
  });
});

describe('the history list', () => {
  it('shows Edit and Withdraw (with a confirm dialog) on current updates, none on withdrawn ones', () => {
    const { blocks } = historyBlocks(
      catalogue,
      {
        unit: jly,
        updates: [update, { ...update, id: 8, status: 'withdrawn' }],
        timezone: 'Asia/Shanghai',
        actions: true,
      },
      'zh',
    );
    const actions = blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(1);
    const text = JSON.stringify(actions);
    expect(text).toContain(ACTION_EDIT_UPDATE);
    expect(text).toContain(ACTION_WITHDRAW_UPDATE);
    expect(text).toContain('"confirm"');
    expect(JSON.stringify(blocks)).toContain('已撤回');
    expect(JSON.stringify(blocks)).toContain('2016-06-20 09:00');
  });

  it('says so when nothing was reported', () => {
    const { blocks } = historyBlocks(
      catalogue,
      { unit: jly, updates: [], timezone: 'Asia/Shanghai', actions: true },
      'zh',
    );
    expect(JSON.stringify(blocks)).toContain('还没有任何填报');
  });
});
