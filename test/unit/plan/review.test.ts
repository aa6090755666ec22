import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/plan/parse.js';
import { readIndicatorForm } from '../../../src/plan/review.js';
import { OTHER_PLAN_TEXT } from '../../integration/plans-support.js';

const plan = parsePlan(OTHER_PLAN_TEXT, 'zhihui-nongye');

describe('an indicator an admin edits or adds in review', () => {
  it('is read with its figure, comparator, measure and deadline, and placed in the section its quote stands in', () => {
    const read = readIndicatorForm(plan, {
      name: ' 职业农民培训 ',
      target: '２,０００',
      comparator: '>=',
      measure: '人次',
      deadline: '2025-12-31',
      lead: null,
      quote: '每年培训新型职业农民2000人次以上',
    });
    expect(read).toEqual({
      ok: true,
      fields: expect.objectContaining({
        name: '职业农民培训',
        target: 2000,
        comparator: '>=',
        measure: '人次',
        deadline: '2025-12-31',
        lead: null,
        section: '二、(二) 人才培养',
      }),
    });
  });

  it('a quote that is not the plan’s own words is sent back, whatever else is right', () => {
    const read = readIndicatorForm(plan, { name: '培训', target: '2000', quote: '每年培训职业农民两千人' });
    expect(read).toEqual({ ok: false, errors: { quote: 'edit.err.notVerbatim' } });
  });

  it('a wrong figure and a quote not in the plan are both named at once', () => {
    const read = readIndicatorForm(plan, { name: '培训', target: 'abc', quote: '胡说八道' });
    expect(read).toEqual({ ok: false, errors: { target: 'edit.err.target', quote: 'edit.err.notVerbatim' } });
  });

  it('a quote that differs only in whitespace is the plan’s words', () => {
    const read = readIndicatorForm(plan, { name: '农田', target: '12', quote: '新建高标准农田 不少于12万亩' });
    expect(read.ok).toBe(true);
  });

  it('every field that cannot be used is named, each with what to fix', () => {
    const read = readIndicatorForm(plan, {
      name: '',
      target: '十二',
      deadline: '2025-02-30',
      measure: 'x'.repeat(21),
      quote: '',
    });
    expect(read).toEqual({
      ok: false,
      errors: {
        name: 'edit.err.name',
        target: 'edit.err.target',
        deadline: 'edit.err.deadline',
        measure: 'edit.err.measure',
        quote: 'edit.err.quote',
      },
    });
  });

  it('with no figure it is a milestone: no comparator and no measure, whatever was picked', () => {
    const read = readIndicatorForm(plan, {
      name: '农业大数据平台',
      target: '',
      comparator: '>=',
      measure: '个',
      quote: '2024年6月底前，建成全市农业大数据平台',
    });
    expect(read.ok && [read.fields.target, read.fields.comparator, read.fields.measure]).toEqual([null, null, null]);
  });
});
