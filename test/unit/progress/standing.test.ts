import { describe, expect, it } from 'vitest';
import { type Indicator, indicatorByKey, loadCatalogue } from '../../../src/plan/catalogue.js';
import type { PeriodId } from '../../../src/progress/periods.js';
import {
  indicatorStandings,
  regionStandings,
  type StandingRow,
  standingOf,
  tallyAll,
  unitStandings,
} from '../../../src/progress/standing.js';

const catalogue = loadCatalogue('plans/nmg-keji-2015');
const indicator = (key: string): Indicator => {
  const found = indicatorByKey(catalogue, key);
  if (!found) throw new Error(`no ${key}`);
  return found;
};

let nextId = 1;
function row(
  unitId: string,
  indicatorKey: string,
  period: PeriodId,
  value: number,
  at: string,
  by = `U_${unitId}`,
): StandingRow {
  return {
    id: nextId++,
    unitId,
    indicatorKey,
    period,
    value,
    submittedBy: by,
    submittedAt: new Date(`${at}T10:00:00+08:00`),
  };
}

describe('a summed regional total', () => {
  const rows = [
    row('jly', 'doctorates', '2016H1', 2, '2016-05-01'),
    row('shy', 'doctorates', '2016H1', 3, '2016-06-01'),
    row('jly', 'doctorates', '2016H2', 1, '2016-11-01'),
    row('jly', 'masters', '2016H1', 9, '2016-06-02'),
  ];

  it('adds up every increment of every unit reported up to the period asked about', () => {
    expect(standingOf(indicator('doctorates'), rows, '2016H1')).toMatchObject({ actual: 5, target: 8, ratio: 0.625 });
    expect(standingOf(indicator('doctorates'), rows, '2016H2')).toMatchObject({ actual: 6, ratio: 0.75 });
  });

  it('names the latest report that counted: who, when, which unit, which period', () => {
    expect(standingOf(indicator('doctorates'), rows, '2016H1').latest).toEqual({
      value: 3,
      unitId: 'shy',
      by: 'U_shy',
      at: new Date('2016-06-01T10:00:00+08:00'),
      period: '2016H1',
    });
  });

  it('with nothing reported, has no figure, no ratio and no latest report', () => {
    const standing = standingOf(indicator('national_key_labs'), rows, '2016H1');
    expect(standing).toMatchObject({ actual: null, ratio: null, due: '2017H2' });
    expect(standing.latest).toBeUndefined();
  });

  it('adds decimals without float noise', () => {
    const funds = [
      row('x', 'doctorates', '2016H1', 0.1, '2016-01-02'),
      row('y', 'doctorates', '2016H1', 0.2, '2016-01-03'),
    ];
    expect(standingOf(indicator('doctorates'), funds, '2016H1').actual).toBe(0.3);
  });
});

describe('a regional total of levels (latest)', () => {
  const rows = [
    row('jly', 'national_centers', '2015H2', 2, '2015-12-20'),
    row('jly', 'national_centers', '2016H1', 3, '2016-06-10'),
    row('coal_nm', 'national_centers', '2016H1', 1, '2016-06-05'),
    row('shy', 'national_centers', '2016H1', 4, '2016-06-01'),
    row('shy', 'national_centers', '2016H1', 2, '2016-06-15'),
  ];

  it('takes each unit’s latest level and adds the levels across units', () => {
    // jly 3 (not 2+3), coal 1, shy 2 (its later report in the same period replaces 4).
    expect(standingOf(indicator('national_centers'), rows, '2016H1')).toMatchObject({ actual: 6, target: 10 });
  });

  it('as of an earlier period, ignores later reports', () => {
    expect(standingOf(indicator('national_centers'), rows, '2015H2').actual).toBe(2);
  });

  it('a later period’s report stands over an earlier one even when it was typed first', () => {
    const late = [
      row('jly', 'national_centers', '2016H1', 5, '2016-06-01'),
      row('jly', 'national_centers', '2015H2', 9, '2016-06-02'),
    ];
    expect(standingOf(indicator('national_centers'), late, '2016H1').actual).toBe(5);
  });
});

describe('a unit’s own duties', () => {
  const rows = [
    row('jly', 'b_level_leaders', '2016H1', 2, '2016-06-01'),
    row('jly', 'b_level_leaders', '2016H2', 1, '2016-12-01'),
    row('shy', 'b_level_leaders', '2016H1', 4, '2016-06-01'),
    row('jly', 'rd_spending_share', '2015H2', 6, '2015-12-01'),
    row('jly', 'cooperation_projects', '2015H2', 1, '2015-12-01'),
    row('jly', 'cooperation_projects', '2016H1', 1, '2016-06-01'),
  ];

  it('count only the unit’s own rows', () => {
    const own = unitStandings(
      catalogue,
      { id: 'jly', kind: 'institution' },
      tallyAll(catalogue, rows, '2016H2'),
      '2016H2',
    );
    expect(own.find((s) => s.indicatorKey === 'b_level_leaders')).toMatchObject({
      unitId: 'jly',
      actual: 3,
      target: 5,
    });
  });

  it('a yearly duty counts only the year asked about and falls due at its end', () => {
    const own = unitStandings(
      catalogue,
      { id: 'jly', kind: 'institution' },
      tallyAll(catalogue, rows, '2016H1'),
      '2016H1',
    );
    expect(own.find((s) => s.indicatorKey === 'cooperation_projects')).toMatchObject({ actual: 1, due: '2016H2' });
    expect(own.find((s) => s.indicatorKey === 'rd_spending_share')).toMatchObject({ actual: null, due: '2016H2' });
  });

  it('are the duties of the unit’s kind only', () => {
    const center = unitStandings(
      catalogue,
      { id: 'coal_nm', kind: 'national_center' },
      tallyAll(catalogue, rows, '2016H1'),
      '2016H1',
    );
    expect(center.map((s) => s.indicatorKey)).toEqual(['a_level_leaders']);
    expect(
      unitStandings(catalogue, { id: 'baotou', kind: 'league_bureau' }, tallyAll(catalogue, rows, '2016H1'), '2016H1'),
    ).toEqual([]);
  });

  it('an indicator’s standing lists every unit the duty applies to', () => {
    const units = [
      { id: 'jly', kind: 'institution' as const },
      { id: 'shy', kind: 'institution' as const },
      { id: 'coal_nm', kind: 'national_center' as const },
    ];
    const list = indicatorStandings(indicator('b_level_leaders'), units, tallyAll(catalogue, rows, '2016H2'), '2016H2');
    expect(list.map((s) => ['unitId' in s ? s.unitId : '-', s.actual])).toEqual([
      ['jly', 3],
      ['shy', 4],
    ]);
  });
});

describe('the bureau’s own figures and the region overview', () => {
  it('a bureau level is the latest report, whoever made it; a bureau sum adds up the year', () => {
    const rows = [
      row('jly', 'assessment_weight', '2016H1', 15, '2016-03-01', 'U_ADMIN'),
      row('shy', 'assessment_weight', '2016H1', 20, '2016-04-01', 'U_ADMIN'),
      row('jly', 'bureau_research_fund', '2015H2', 400, '2015-12-01', 'U_ADMIN'),
      row('jly', 'bureau_research_fund', '2016H1', 300, '2016-03-01', 'U_ADMIN'),
      row('shy', 'bureau_research_fund', '2016H1', 250, '2016-05-01', 'U_ADMIN'),
    ];
    const region = regionStandings(catalogue, tallyAll(catalogue, rows, '2016H1'), '2016H1');
    expect(region.find((s) => s.indicatorKey === 'assessment_weight')).toMatchObject({ actual: 20, ratio: 1 });
    expect(region.find((s) => s.indicatorKey === 'bureau_research_fund')).toMatchObject({
      actual: 550,
      target: 500,
      ratio: 1.1,
    });
  });

  it('covers every regional and bureau indicator and no unit duty, with the plan’s range where it gives one', () => {
    const region = regionStandings(catalogue, [], '2016H1');
    const scopes = new Set(region.map((s) => indicator(s.indicatorKey).scope));
    expect([...scopes].sort()).toEqual(['bureau', 'region']);
    expect(region.find((s) => s.indicatorKey === 'industrial_metrology_centers')).toMatchObject({
      target: 1,
      targetMax: 2,
    });
  });
});

describe('a regional level with a baseline in the plan (现有9家)', () => {
  it('stands at the baseline until the units’ reported levels add up to more', async () => {
    const { regionalLevel } = await import('../../../src/progress/standing.js');
    const centres = { combine: 'latest' as const, baseline: 9 };
    expect(regionalLevel(centres, null)).toBe(9);
    expect(regionalLevel(centres, 1)).toBe(9);
    expect(regionalLevel(centres, 12)).toBe(12);
    expect(regionalLevel({ combine: 'sum' as const, baseline: 9 }, 1)).toBe(1);
    expect(regionalLevel({ combine: 'latest' as const }, null)).toBeNull();
  });
});
