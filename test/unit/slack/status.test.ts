import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/plan/catalogue.js';
import type { Standing } from '../../../src/progress/types.js';
import {
  formatNumber,
  progressBar,
  standingLine,
  statusBlocks,
  withMeasure,
} from '../../../src/slack/blocks/status.js';

const catalogue = loadCatalogue(fileURLToPath(new URL('../../../plans/nmg-keji-2015/', import.meta.url)));

const standing = (over: Partial<Standing>): Standing => ({
  indicatorKey: 'national_centers',
  target: 10,
  measure: '家',
  due: '2017H2',
  actual: 3,
  ratio: 0.3,
  ...over,
});

describe('text progress bars', () => {
  it.each([
    [0.8, '████████░░ 80%'],
    [0, '░░░░░░░░░░ 0%'],
    [1, '██████████ 100%'],
    [0.3, '███░░░░░░░ 30%'],
    [0.99, '█████████░ 99%'],
    [1.5, '██████████ 150%'],
  ])('shows %s as %s', (ratio, bar) => {
    expect(progressBar(ratio)).toBe(bar);
  });

  it('shows an empty bar and a dash when nothing is reported', () => {
    expect(progressBar(null)).toBe('░░░░░░░░░░ —');
  });
});

describe('figures with their measure', () => {
  it('writes percentages and counts the Chinese way, and in English with English words', () => {
    expect(withMeasure(5, '%')).toBe('5%');
    expect(withMeasure(3, '家')).toBe('3家');
    expect(withMeasure(3, '家', 'en')).toBe('3 organizations');
    expect(withMeasure(1, '名', 'en')).toBe('1 person');
    expect(withMeasure(20, '万元', 'en')).toBe('200,000 yuan');
    expect(withMeasure(1.5, '亿元', 'en')).toBe('150,000,000 yuan');
    expect(withMeasure(5, '个', 'en')).toBe('5');
    expect(withMeasure(3, '个月', 'en')).toBe('3 months');
    // A measure the table knows whole is not split at a multiplier (千米 is km, not 1,000 m).
    expect(withMeasure(3, '千米', 'en')).toBe('3 km');
    expect(withMeasure(2, '百万元', 'en')).toBe('2,000,000 yuan');
    // A measure with no English word here stays the plan's own.
    expect(withMeasure(2, '粒', 'en')).toBe('2 粒');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });
});

describe('/plan status blocks', () => {
  it('names the indicator, draws the bar and gives the target and due period', () => {
    const line = standingLine(catalogue, standing({}), 'zh');
    expect(line).toContain('国家质检中心');
    expect(line).toContain('███░░░░░░░ 30%');
    expect(line).toContain('3家 / 目标 10家');
    expect(line).toContain('2017年底前');
  });

  it('in English: English measure words, a space before the due period, and a scaled range in full', () => {
    const line = standingLine(catalogue, standing({}), 'en');
    expect(line).toContain('3 organizations / target 10 organizations (by the end of 2017)');
    const range = standingLine(catalogue, standing({ target: 20, targetMax: 30, measure: '万元', actual: null }), 'en');
    expect(range).toContain('target 200,000–300,000 yuan (');
    expect(standingLine(catalogue, standing({ target: 60, targetMax: 70, measure: '%' }), 'zh')).toContain(
      '目标 60–70%(',
    );
  });

  it('says nothing is reported yet rather than showing zero', () => {
    expect(standingLine(catalogue, standing({ actual: null, ratio: null }), 'zh')).toContain('尚未填报');
  });

  it('shows the region first, then the unit duties under the unit name', () => {
    const blocks = statusBlocks(
      catalogue,
      {
        region: [standing({})],
        unit: {
          info: {
            id: 'jly',
            name: '内蒙古自治区计量测试研究院',
            short: '计量院',
            kind: 'institution',
            channel: null,
            leads: [],
            members: [],
          },
          standings: [
            standing({
              indicatorKey: 'rd_spending_share',
              measure: '%',
              target: 5,
              due: 'yearly',
              actual: 4,
              ratio: 0.8,
            }),
          ],
        },
      },
      'zh',
    );
    const text = JSON.stringify(blocks);
    expect(text.indexOf('全区目标完成情况')).toBeLessThan(text.indexOf('计量院 的职责指标'));
    expect(text).toContain('████████░░ 80%');
    expect(text).toContain('每年');
  });
});
