import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { indicatorByKey, loadCatalogue } from '../../../src/plan/catalogue.js';
import type { ProgressUpdate, Standing, UnitInfo } from '../../../src/progress/types.js';
import { ACTION_OPEN_PROGRESS, homeView } from '../../../src/slack/blocks/home.js';
import {
  didYouMeanText,
  fieldErrorsText,
  progressUsage,
  recordedBlocks,
} from '../../../src/slack/blocks/progress-messages.js';
import { ACTION_OPEN_REPORT } from '../../../src/slack/blocks/report-modal.js';
import { standingAnswerBlocks, withStanding } from '../../../src/slack/blocks/status.js';
import { errorsFor } from '../../../src/slack/progress-surfaces.js';

const catalogue = loadCatalogue(fileURLToPath(new URL('../../../plans/nmg-keji-2015/', import.meta.url)));
const national = indicatorByKey(catalogue, 'national_centers');
const jly: UnitInfo = {
  id: 'jly',
  name: '内蒙古自治区计量测试研究院',
  short: '计量院',
  kind: 'institution',
  channel: 'C_JLY',
  leads: [],
  members: [],
};
const standing: Standing = {
  indicatorKey: 'national_centers',
  target: 10,
  measure: '家',
  due: '2017H2',
  actual: 3,
  ratio: 0.3,
};
const update: ProgressUpdate = {
  id: 1,
  unitId: 'jly',
  indicatorKey: 'national_centers',
  period: '2016H1',
  value: 3,
  note: '通过<国家>验收 @channel',
  evidenceUrl: null,
  status: 'current',
  submittedBy: 'U_JLY_1',
  submittedAt: new Date('2016-06-20T01:00:00Z'),
  updatedBy: 'U_JLY_1',
  updatedAt: new Date('2016-06-20T01:00:00Z'),
  version: 1,
};

describe('inline replies', () => {
  it('the usage gives an example with the plan’s own first indicator, in Chinese and in English', () => {
    const first = catalogue.indicators[0];
    expect(progressUsage('zh', undefined, catalogue)).toContain(`/progress ${first?.name} 3`);
    expect(progressUsage('en', undefined, catalogue)).toContain(`/progress ${first?.name_en ?? first?.name} 3`);
    expect(progressUsage('zh')).toContain('/progress 指标名称 3');
    expect(progressUsage('zh', 'no_value')).toMatch(/^没有找到数值/);
  });

  it('did-you-mean lists each candidate with a command that would record the same value', () => {
    const text = didYouMeanText('国家质检中新', national ? [national] : [], 'zh', { ambiguous: false, value: '3' });
    expect(text).toContain('您是不是要找');
    expect(text).toContain('`/progress 国家质检中心 3`');
  });

  it('an ambiguous name says it could mean several', () => {
    expect(didYouMeanText('中心', national ? [national] : [], 'zh', { ambiguous: true, value: '1' })).toContain(
      '可能指以下几个指标',
    );
  });

  it('an unknown name with nothing close points to the form', () => {
    expect(didYouMeanText('无人机', [], 'zh', { ambiguous: false, value: '1' })).toContain('输入 `/progress`');
  });

  it('field errors are listed one per line, in the reader’s language only', () => {
    const errors = {
      value: { zh: '数值不能为负数', en: 'The value must not be negative' },
      period: { zh: '期间不对', en: 'Wrong period' },
    };
    expect(fieldErrorsText(errors, 'zh')).toBe('未保存:\n• 数值不能为负数\n• 期间不对');
    expect(fieldErrorsText(errors, 'en')).toBe('Not saved:\n• The value must not be negative\n• Wrong period');
  });
});

describe('the confirmation after saving', () => {
  it('says what was recorded and where the indicator stands, with user text made safe', () => {
    const { text, blocks } = recordedBlocks(
      catalogue,
      { update, unit: jly, ...(national ? { indicator: national } : {}), standing },
      'zh',
    );
    expect(text).toBe('✅ 已记录:计量院 · 国家质检中心(家) · 2016年上半年 = 3家');
    const all = JSON.stringify(blocks);
    expect(all).toContain('&lt;国家&gt;');
    expect(all).not.toContain('@channel');
    expect(all).toContain('███░░░░░░░ 30%');
  });

  it('says a repeated submission was not saved twice', () => {
    expect(recordedBlocks(catalogue, { update, unit: jly, duplicate: true }, 'zh').text).toContain(
      '重复提交未重复保存',
    );
  });
});

describe('modal errors from the use case', () => {
  it('go beside their inputs; one with no input of its own goes on the fallback', () => {
    const m = (zh: string) => ({ zh, en: `${zh}-en` });
    expect(errorsFor({ value: m('a'), evidence: m('b'), reason: m('c') }, 'zh')).toEqual({
      value: 'a;c',
      evidence: 'b',
    });
    expect(errorsFor({ value: m('a') }, 'en')).toEqual({ value: 'a-en' });
    expect(
      errorsFor({ 'topics.staff_training': m('x'), unit: m('y') }, 'zh', new Set(['staff_training']), 'staff_training'),
    ).toEqual({ staff_training: 'x;y' });
  });
});

describe('standing in answers', () => {
  const answer = {
    indicator: {
      key: 'national_centers',
      name: '国家质检中心',
      name_en: 'National centers',
      measure: '家',
      scope: 'region',
    },
    citation: { section: '一、(三) 代表性指标', quote: '2017年我区国家质检中心达到10家' },
    standings: [standing],
    latest: {
      value: 3,
      unitName: '计量院',
      byName: '张敏',
      at: new Date('2016-06-20T01:00:00Z'),
      period: '2016H1' as const,
    },
  };

  it('gives the target, its citation and the latest figure with who and when', () => {
    const text = JSON.stringify(standingAnswerBlocks(catalogue, [answer], 'zh', 'Asia/Shanghai'));
    expect(text).toContain('3家 / 目标 10家');
    expect(text).toContain('最近填报:计量院 张敏 于 2016-06-20 09:00 报 3家(2016年上半年)');
    expect(text).toContain('2017年我区国家质检中心达到10家');
  });

  it('goes before the answer’s buttons', () => {
    const blocks = withStanding(
      [
        { type: 'section', text: { type: 'mrkdwn', text: 'answer' } },
        { type: 'actions', elements: [] },
      ],
      [{ type: 'divider' }],
    );
    expect(blocks.map((b) => b.type)).toEqual(['section', 'divider', 'actions']);
  });
});

describe('the App Home', () => {
  it('shows each unit with its report status, indicators and buttons to report', () => {
    const view = homeView({
      plans: [
        {
          catalogue,
          period: '2016H1',
          reportDue: new Date('2016-06-30T15:59:59Z'),
          units: [{ unit: jly, role: 'member', report: null, standings: [standing] }],
        },
      ],
      timezone: 'Asia/Shanghai',
      lang: 'zh',
    });
    const text = JSON.stringify(view);
    expect(text).toContain('2016年上半年');
    expect(text).toContain('2016-06-30');
    expect(text).toContain('半年报告:未填写');
    expect(text).toContain(ACTION_OPEN_REPORT);
    expect(text).toContain(ACTION_OPEN_PROGRESS);
  });

  it('tells someone outside every unit how to be added', () => {
    const view = homeView({
      plans: [{ catalogue, period: '2016H1', reportDue: new Date(), units: [] }],
      timezone: 'Asia/Shanghai',
      lang: 'zh',
    });
    expect(JSON.stringify(view)).toContain('您目前不属于任何填报单位');
  });
});
