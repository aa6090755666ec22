import { describe, expect, it } from 'vitest';
import { chineseNumeral, extractFigures, unbackedFigures } from '../../../src/answer/figures.js';

const keys = (t: string) => extractFigures(t).map((f) => f.key);

describe('figures in an answer, checked against its quotes', () => {
  it('reads numbers with measures, percentages, ratios, years and Chinese numerals', () => {
    expect(keys('2017年达到10家,不低于5%,按1:1配套,每年两次,A、B、C三级')).toEqual([
      'n:2017',
      'n:10',
      'pct:5',
      'ratio:1:1',
      'n:2',
      'n:3',
    ]);
    expect(chineseNumeral('二百零五')).toBe(205);
    expect(keys('百分之二十')).toEqual(['pct:20']);
  });

  it('does not count list numbering, ordinals, 一个 or 十分 as figures', () => {
    expect(keys('1. 第一条 十分重要,千万注意\n2、建立一个机制')).toEqual([]);
  });

  it('finds a figure the model changed, in a number, a ratio or a percentage', () => {
    expect(unbackedFigures('每年不少于502万元', ['每年科研专项经费不少于500万元']).map((f) => f.text)).toEqual([
      '502万',
    ]);
    expect(unbackedFigures('按2:1配套', ['按1:1比例配套']).map((f) => f.text)).toEqual(['2:1']);
    expect(unbackedFigures('不低于6%', ['不低于收入的5%'])).toHaveLength(1);
  });

  it('accepts the same figure in another script or scale', () => {
    expect(unbackedFigures('达到十家', ['达到10家'])).toEqual([]);
    expect(unbackedFigures('at least 5 million yuan a year', ['不少于500万元'])).toEqual([]);
  });
});
