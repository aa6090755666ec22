import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/plan/catalogue.js';
import { scoringOf } from '../../../src/plan/rules.js';
import {
  circularMessage,
  circularText,
  unitDetailMessage,
  yellowCardText,
} from '../../../src/slack/blocks/circular.js';
import { chartPng, chartSvg } from '../../../src/summary/chart.js';
import { buildCircular } from '../../../src/summary/figures.js';
import type { CircularRows, IndicatorTotals, UnitRef } from '../../../src/summary/types.js';

const catalogue = loadCatalogue('plans/nmg-keji-2015');
const scoring = scoringOf(catalogue.rules);
const at = (iso: string) => new Date(`${iso}+08:00`);
const inst = (id: string): UnitRef => ({ id, name: `${id} 研究院`, short: id, kind: 'institution' });
const total = (unitId: string, indicatorKey: string, v: number, latestKey = ''): IndicatorTotals => ({
  unitId,
  indicatorKey,
  sumToDate: v,
  sumInYear: v,
  latestToDate: v,
  latestInYear: v,
  latestKeyToDate: latestKey,
  latestKeyInYear: latestKey,
  inPeriod: true,
});
/** Every yearly duty of an institution met in full. */
const allDuties = (unitId: string) => [
  total(unitId, 'cooperation_projects', 1),
  total(unitId, 'research_admin_staff', 1),
  total(unitId, 'doctorate_research_funding', 20),
  total(unitId, 'training_months', 1),
  total(unitId, 'rd_spending_share', 5),
  total(unitId, 'bureau_project_cofunding', 100),
  total(unitId, 'b_level_leaders', 5),
];

function rows(period: '2016H1' | '2016H2'): CircularRows {
  const year = period.slice(0, 4);
  const onTime = at(`${year}-${period.endsWith('H1') ? '06-28' : '12-28'}T10:00:00`);
  const late = new Date(onTime.getTime() + 10 * 86_400_000);
  return {
    period,
    units: [
      inst('a'),
      inst('b'),
      inst('c'),
      inst('d'),
      inst('e'),
      { id: 'coal', name: '国家煤炭中心', short: '煤炭', kind: 'national_center' },
    ],
    reports: [
      { unitId: 'a', submittedAt: onTime, firstSubmittedAt: onTime },
      { unitId: 'b', submittedAt: onTime, firstSubmittedAt: onTime },
      { unitId: 'c', submittedAt: late, firstSubmittedAt: late },
      { unitId: 'd', submittedAt: onTime, firstSubmittedAt: onTime },
    ],
    totals: [
      ...allDuties('a'),
      ...allDuties('b').slice(0, 4),
      ...allDuties('c'),
      total('d', 'cooperation_projects', 1),
      // The region's count of national centres, reported by two units: one figure, the later report stands.
      total('a', 'national_centers', 3, '2016H1 2016-06-01T01:00:00.000000 000000000001'),
      total('b', 'national_centers', 4, '2016H1 2016-06-10T01:00:00.000000 000000000002'),
      total('a', 'doctorates', 2),
    ],
  };
}

describe('the half-year circular', () => {
  it('sorts submissions into on time, late (with days) and missing, among the units that owe a report only', () => {
    const c = buildCircular(rows('2016H1'), catalogue, scoring, at('2016-07-15T09:00:00'));
    expect(c.submissions.owing).toBe(5);
    expect(c.submissions.onTime.map((u) => u.id)).toEqual(['a', 'b', 'd']);
    expect(c.submissions.late).toEqual([expect.objectContaining({ id: 'c', daysLate: 8 })]);
    expect(c.submissions.missing.map((u) => u.id)).toEqual(['e']);
  });

  it('compares regional actuals with targets and flags each against a straight line to the due date', () => {
    const c = buildCircular(rows('2016H1'), catalogue, scoring, at('2016-07-15T09:00:00'));
    const centers = c.regional.find((r) => r.key === 'national_centers');
    // One figure for the region (3 then 4 is 4, not 7). 2015-07-01 → 2018-01-01 is 30 months; mid-2016 is 12: 40 %.
    expect(centers).toMatchObject({ actual: 4, target: 10, percent: 40, expectedPercent: 40, onTrack: true });
    const doctorates = c.regional.find((r) => r.key === 'doctorates');
    expect(doctorates).toMatchObject({ actual: 2, percent: 25, expectedPercent: 40, onTrack: false });
    const regionalCenters = c.regional.find((r) => r.key === 'regional_centers');
    expect(regionalCenters).toMatchObject({ actual: 9, onTrack: false });
  });

  it('ranks the institutions by duties and timeliness and marks the lowest three 黄牌预警 at mid-year', () => {
    const c = buildCircular(rows('2016H1'), catalogue, scoring, at('2016-07-15T09:00:00'));
    expect(c.ranking.map((r) => r.unit.id)).toEqual(['a', 'c', 'b', 'd', 'e']);
    expect(c.ranking[0]).toMatchObject({ rank: 1, score: 100, submission: 'on_time', yellowCard: false });
    expect(c.ranking[1]).toMatchObject({ score: 90, submission: 'late' });
    expect(c.ranking.filter((r) => r.yellowCard).map((r) => r.unit.id)).toEqual(['b', 'd', 'e']);
    expect(c.card.word).toBe('黄牌预警');
    expect(c.formula).toContain('× 80');
  });

  it('at year-end gives the lowest three a 黄牌 and notes the talk with the unit head', () => {
    const c = buildCircular(rows('2016H2'), catalogue, scoring, at('2017-01-15T09:00:00'));
    expect(c.card.word).toBe('黄牌');
    const m = circularMessage(c, 'Asia/Shanghai');
    const text = JSON.stringify(m.blocks);
    expect(text).toContain('亮*黄牌*');
    expect(text).toContain('约谈单位“一把手”');
    expect(m.text).toContain('计分方法');
  });

  it('uses the configured weights and says so', () => {
    const c = buildCircular(
      rows('2016H1'),
      catalogue,
      { ...scoring, duties: 50, timeliness: 50, lateCredit: 0 },
      at('2016-07-15T09:00:00'),
    );
    expect(c.ranking.find((r) => r.unit.id === 'c')?.score).toBe(50);
    expect(c.formula).toContain('× 50');
    expect(c.formula).toContain('逾期报送 0%');
  });

  it('with a thousand units stays within Block Kit limits and still lists the three yellow cards', () => {
    const many = Array.from({ length: 1000 }, (_, i) => inst(`u${String(i).padStart(4, '0')}`));
    const c = buildCircular(
      {
        period: '2016H2',
        units: many,
        reports: [],
        // Three units have done nothing; the others have met their duty.
        totals: many.flatMap((u, i) => [total(u.id, 'cooperation_projects', i < 3 ? 0 : 1)]),
      },
      catalogue,
      scoring,
      at('2017-01-15T09:00:00'),
    );
    const m = circularMessage(c, 'Asia/Shanghai');
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    for (const b of m.blocks) if (b.type === 'section') expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    expect(m.text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(m.blocks).match(/🟨/g)?.length).toBe(3);
    expect(circularText(c, 'Asia/Shanghai').length).toBeGreaterThan(0);
    expect(unitDetailMessage(c, c.ranking[0] as never, 'Asia/Shanghai').blocks.length).toBe(1);
  });

  it('when units tie at the third-lowest score, every tied unit shares the place and the card, and the text says so', () => {
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => inst(id));
    const c = buildCircular(
      {
        period: '2016H2',
        units: six,
        reports: [],
        totals: six.map((u, i) => total(u.id, 'cooperation_projects', i < 2 ? 1 : 0)),
      },
      catalogue,
      scoring,
      at('2017-01-15T09:00:00'),
    );
    const carded = c.ranking.filter((r) => r.yellowCard).map((r) => r.unit.id);
    expect(carded.sort()).toEqual(['c', 'd', 'e', 'f']);
    expect(new Set(c.ranking.filter((r) => r.yellowCard).map((r) => r.rank)).size).toBe(1);
    expect(yellowCardText(c)).toContain('后三名(含同分并列的 4 个单位)');
    expect(yellowCardText(c)).toContain('亮*黄牌*');
  });

  it('draws a PNG chart whose labels are the indicators’ Chinese names', () => {
    const c = buildCircular(rows('2016H1'), catalogue, scoring, at('2016-07-15T09:00:00'));
    expect(chartSvg(c)).toContain('国家质检中心');
    const png = chartPng(c);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    if (process.env.CHART_OUT) writeFileSync(process.env.CHART_OUT, png);
  });
});
