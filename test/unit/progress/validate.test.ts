import { describe, expect, it } from 'vitest';
import { indicatorByKey, loadCatalogue } from '../../../src/plan/catalogue.js';
import {
  checkApplies,
  checkEvidence,
  checkPeriod,
  checkValue,
  NOTE_MAX,
  validateChanges,
  validateUpdate,
} from '../../../src/progress/validate.js';

const catalogue = loadCatalogue('plans/nmg-keji-2015');
const rules = { catalogue, now: new Date('2016-06-20T01:00:00Z'), timezone: 'Asia/Shanghai' };
const indicator = (key: string) => {
  const found = indicatorByKey(catalogue, key);
  if (!found) throw new Error(`no ${key}`);
  return found;
};
const institution = { kind: 'institution' as const };
const good = { unitId: 'jly', indicatorKey: 'doctorates', period: '2016H1', value: 2 };

describe('validating an update against the catalogue', () => {
  it('accepts a whole count for the current period and trims the note', () => {
    const result = validateUpdate({ ...good, note: '  新引进 2 名博士  ' }, institution, false, rules);
    expect(result).toMatchObject({
      ok: true,
      value: { period: '2016H1', value: 2, note: '新引进 2 名博士', evidenceUrl: null },
    });
  });

  it('reads a period written in Chinese', () => {
    const result = validateUpdate({ ...good, period: '2016年上半年' }, institution, false, rules);
    expect(result).toMatchObject({ ok: true, value: { period: '2016H1' } });
  });

  it('reports every problem at once, each beside its input, in Chinese and English', () => {
    const result = validateUpdate(
      { unitId: 'jly', indicatorKey: 'no_such', period: 'next year', value: -1, evidenceUrl: 'ftp://x' },
      institution,
      false,
      rules,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['evidence', 'indicator', 'period', 'value']);
    expect(result.errors.value).toBe('数值不能为负数 / The value must not be negative');
    expect(result.errors.period).toContain('2016H1');
  });

  it('refuses a future period, naming the current one', () => {
    const result = validateUpdate({ ...good, period: '2016H2' }, institution, false, rules);
    expect(!result.ok && result.errors.period).toMatch(/2016年下半年尚未开始.*当前为2016年上半年/);
  });

  it('refuses a period before the plan starts or after it ends', () => {
    expect(checkPeriod('2015H1', rules)).toEqual({
      error: expect.objectContaining({ zh: expect.stringContaining('不在计划期内') }),
    });
    const later = { ...rules, now: new Date('2019-01-10T00:00:00Z') };
    expect(checkPeriod('2018H1', later)).toEqual({
      error: expect.objectContaining({ en: expect.stringContaining('outside the plan') }),
    });
  });

  it('takes the current period from the clock in the plan’s time zone, not UTC', () => {
    // 2016-06-30T17:00Z is already 1 July in Shanghai: 2016H2 has begun there.
    const edge = { ...rules, now: new Date('2016-06-30T17:00:00Z') };
    expect(checkPeriod('2016H2', edge)).toEqual({ period: '2016H2' });
    expect(checkPeriod('2016H2', { ...edge, timezone: 'UTC' })).toHaveProperty('error');
  });

  it.each([
    ['doctorates', 1.5, '以“人”计的数值须为整数'],
    ['national_centers', 2.5, '以“家”计的数值须为整数'],
    ['rd_spending_share', 101, '百分比须在0到100之间'],
    ['doctorates', Number.NaN, '请填写一个数字'],
    ['doctorates', Number.POSITIVE_INFINITY, '请填写一个数字'],
    ['bureau_research_fund', -0.5, '数值不能为负数'],
    ['national_centers', 1e20, '数值过大(最大 1,000,000,000)'],
  ])('refuses %s = %s', (key, value, message) => {
    expect(checkValue(value, indicator(key))?.zh).toBe(message);
  });

  it.each([
    ['rd_spending_share', 100],
    ['rd_spending_share', 5.5],
    ['training_months', 0.5],
    ['bureau_research_fund', 512.3],
    ['doctorates', 0],
  ])('accepts %s = %s', (key, value) => {
    expect(checkValue(value, indicator(key))).toBeNull();
  });

  it('limits the note to 500 characters, counting Chinese characters as one each', () => {
    expect(validateUpdate({ ...good, note: '字'.repeat(NOTE_MAX) }, institution, false, rules).ok).toBe(true);
    const long = validateUpdate({ ...good, note: '字'.repeat(NOTE_MAX + 1) }, institution, false, rules);
    expect(!long.ok && long.errors.note).toContain('最多500字(现有501字)');
  });

  it('takes only http and https links as evidence', () => {
    expect(checkEvidence('https://example.org/a?b=1')).toEqual({ evidenceUrl: 'https://example.org/a?b=1' });
    expect(checkEvidence('  ')).toEqual({ evidenceUrl: null });
    for (const bad of ['javascript:alert(1)', 'www.example.org', 'ftp://example.org/x', 'http://']) {
      expect(checkEvidence(bad)).toHaveProperty('error');
    }
  });
});

describe('which indicators a unit may report', () => {
  it('a unit duty applies only to the kinds it names', () => {
    expect(checkApplies(catalogue, indicator('b_level_leaders'), { kind: 'institution' }, false)).toBeNull();
    expect(checkApplies(catalogue, indicator('b_level_leaders'), { kind: 'national_center' }, false)?.zh).toContain(
      '不适用于此类单位',
    );
    expect(checkApplies(catalogue, indicator('a_level_leaders'), { kind: 'national_center' }, false)).toBeNull();
  });

  it('any unit may add to a regional total', () => {
    expect(checkApplies(catalogue, indicator('doctorates'), { kind: 'league_bureau' }, false)).toBeNull();
  });

  it('a bureau figure is for admins only', () => {
    expect(checkApplies(catalogue, indicator('bureau_research_fund'), { kind: 'institution' }, false)?.zh).toContain(
      '由科技处填报',
    );
    expect(checkApplies(catalogue, indicator('bureau_research_fund'), { kind: 'institution' }, true)).toBeNull();
    const asMember = validateUpdate(
      { ...good, indicatorKey: 'bureau_research_fund', value: 500 },
      institution,
      false,
      rules,
    );
    expect(asMember.ok).toBe(false);
  });
});

describe('validating an edit', () => {
  it('checks only the fields that change, by the indicator’s measure', () => {
    expect(validateChanges({ note: '更正' }, indicator('doctorates'), rules)).toEqual({
      ok: true,
      value: { note: '更正' },
    });
    const bad = validateChanges({ value: 2.5, period: '2017H1' }, indicator('doctorates'), rules);
    expect(bad.ok === false && Object.keys(bad.errors).sort()).toEqual(['period', 'value']);
  });

  it('clears the note or the link when given empty text', () => {
    expect(validateChanges({ note: '', evidenceUrl: '' }, indicator('doctorates'), rules)).toEqual({
      ok: true,
      value: { note: null, evidenceUrl: null },
    });
  });
});
