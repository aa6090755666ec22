import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/plan/catalogue.js';
import {
  editDistance,
  type IndicatorMatch,
  matchIndicator,
  similarity,
} from '../../../src/progress/match-indicator.js';

const catalogue = loadCatalogue(fileURLToPath(new URL('../../../plans/nmg-keji-2015/', import.meta.url)));

const keyOf = (m: IndicatorMatch) => (m.kind === 'match' ? m.indicator.key : m.kind);
const keysOf = (m: IndicatorMatch) =>
  m.kind === 'ambiguous' ? m.candidates.map((i) => i.key) : m.kind === 'unknown' ? m.suggestions.map((i) => i.key) : [];

describe('matching what a person typed to an indicator', () => {
  it.each([
    ['国家质检中心', 'national_centers'],
    ['国家中心', 'national_centers'],
    ['national centers', 'national_centers'],
    ['National Centres', 'national_centers'],
    ['national_centers', 'national_centers'],
    ['自治区级质检中心', 'regional_centers'],
    ['博士', 'doctorates'],
    ['ＰｈＤ', 'doctorates'],
    ['B级学科带头人', 'b_level_leaders'],
    ['b级', 'b_level_leaders'],
    ['科技投入', 'rd_spending_share'],
    ['R&D spending', 'rd_spending_share'],
  ])('finds %j exactly as %s', (text, key) => {
    expect(keyOf(matchIndicator(catalogue, text))).toBe(key);
  });

  it('takes a unique beginning of a name', () => {
    expect(keyOf(matchIndicator(catalogue, '新批筹国家'))).toBe('national_centers_new');
    expect(keyOf(matchIndicator(catalogue, 'mast'))).toBe('masters');
  });

  it('does not guess between two names that begin alike', () => {
    expect(keysOf(matchIndicator(catalogue, 'doctor'))).toEqual(['doctorates', 'doctorate_research_funding']);
  });

  it('takes a unique part of a name', () => {
    expect(keyOf(matchIndicator(catalogue, '计量测试'))).toBe('industrial_metrology_centers');
  });

  it('takes the most specific name inside longer text', () => {
    expect(keyOf(matchIndicator(catalogue, '新批筹国家质检中心建设'))).toBe('national_centers_new');
    expect(keyOf(matchIndicator(catalogue, '本年度专职科研管理人员配备'))).toBe('research_admin_staff');
  });

  it('lists the candidates when a short word fits several', () => {
    const m = matchIndicator(catalogue, '国家');
    expect(m.kind).toBe('ambiguous');
    expect(keysOf(m)).toEqual(
      expect.arrayContaining(['national_centers', 'national_centers_completed', 'national_key_labs']),
    );
  });

  it('suggests the meant indicator for a Chinese typo', () => {
    const m = matchIndicator(catalogue, '国家质捡中心');
    expect(m.kind).toBe('unknown');
    expect(keysOf(m)[0]).toBe('national_centers');
    expect(keysOf(matchIndicator(catalogue, '自治区重点实脸室'))[0]).toBe('regional_key_labs');
  });

  it('suggests the meant indicator for English typos, including swapped letters', () => {
    expect(keysOf(matchIndicator(catalogue, 'natinal centres'))[0]).toBe('national_centers');
    expect(keysOf(matchIndicator(catalogue, 'doctroates'))[0]).toBe('doctorates');
    expect(keysOf(matchIndicator(catalogue, 'mastres'))[0]).toBe('masters');
  });

  it('when only a match is wanted (a standing question), a typo finds nothing and a name still matches', () => {
    expect(matchIndicator(catalogue, '国家质捡中心', undefined, { suggest: false })).toEqual({
      kind: 'unknown',
      suggestions: [],
    });
    expect(keyOf(matchIndicator(catalogue, '国家质检中心现在有几家', undefined, { suggest: false }))).toBe(
      'national_centers',
    );
  });

  it('suggests nothing for text unlike any indicator', () => {
    expect(matchIndicator(catalogue, '今天天气怎么样')).toEqual({ kind: 'unknown', suggestions: [] });
    expect(matchIndicator(catalogue, '   ')).toEqual({ kind: 'unknown', suggestions: [] });
  });
});

describe('matching within what a kind of unit reports', () => {
  it('a 直属技术机构 matches its own duties and the region totals', () => {
    expect(keyOf(matchIndicator(catalogue, 'B级学科带头人', 'institution'))).toBe('b_level_leaders');
    expect(keyOf(matchIndicator(catalogue, '博士', 'institution'))).toBe('doctorates');
  });

  it('a 国家质检中心 naming an institution duty is told it does not apply to it', () => {
    const m = matchIndicator(catalogue, 'B级学科带头人', 'national_center');
    expect(m.kind).toBe('unknown');
    expect(m.kind === 'unknown' && m.notApplicable?.key).toBe('b_level_leaders');
    expect(keysOf(m)).toContain('a_level_leaders');
  });

  it('no unit matches a bureau figure, but the match without a kind finds it', () => {
    expect(matchIndicator(catalogue, '科研专项经费', 'institution').kind).toBe('unknown');
    expect(keyOf(matchIndicator(catalogue, '科研专项经费'))).toBe('bureau_research_fund');
  });

  it('a prefix shared with an excluded indicator is no longer ambiguous', () => {
    expect(matchIndicator(catalogue, 'A级', 'institution').kind).toBe('unknown');
    expect(keyOf(matchIndicator(catalogue, 'A级', 'national_center'))).toBe('a_level_leaders');
  });
});

describe('string closeness', () => {
  it('counts an adjacent swap as one edit and works on whole characters', () => {
    expect(editDistance([...'ab'], [...'ba'])).toBe(1);
    expect(editDistance([...'国家质捡中心'], [...'国家质检中心'])).toBe(1);
    expect(similarity('国家质捡中心', '国家质检中心')).toBeCloseTo(5 / 6);
    expect(similarity('', '')).toBe(1);
  });
});
