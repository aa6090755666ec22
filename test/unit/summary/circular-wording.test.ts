import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/plan/catalogue.js';
import { scoringOf } from '../../../src/plan/rules.js';
import { defaultRules } from '../../../src/plan/rules-schema.js';
import { circularText, rankingLines, regionalLines, unitDetailMessage } from '../../../src/slack/blocks/circular.js';
import { buildCircular } from '../../../src/summary/figures.js';
import type { CircularRows, IndicatorTotals, UnitRef } from '../../../src/summary/types.js';

const shipped = loadCatalogue('plans/nmg-keji-2015');
const at = (iso: string) => new Date(`${iso}+08:00`);
const inst = (id: string): UnitRef => ({ id, name: `${id} 研究院`, short: id, kind: 'institution' });
const total = (unitId: string, indicatorKey: string, v: number): IndicatorTotals => ({
  unitId,
  indicatorKey,
  sumToDate: v,
  sumInYear: v,
  latestToDate: v,
  latestInYear: v,
  inPeriod: true,
});
const four: CircularRows = {
  period: '2016H1',
  units: ['a', 'b', 'c', 'd'].map(inst),
  reports: [],
  totals: [total('a', 'research_admin_staff', 1)],
};
const mid = () => buildCircular(four, shipped, scoringOf(shipped.rules), at('2016-07-15T09:00:00'));

describe('the circular reads like a real 通报', () => {
  it('never asks for a fraction of a count: a yearly 1项 is not yet assessed at mid-year, and says so', () => {
    const c = mid();
    const a = c.ranking.find((r) => r.unit.id === 'a');
    const detail = JSON.stringify(unitDetailMessage(c, a as never, 'Asia/Shanghai').blocks);
    expect(detail).not.toMatch(/应达 0\.\d/);
    expect(detail).toContain('合作科技项目:未填报,目标 1项,本期不考核');
    expect(detail).toContain('目标 1个月');
    expect(detail).not.toMatch(/\d月[,(]/);
    expect(c.formula).toContain('向下取整');
  });

  it('does not score a duty that concerns only some units against a unit that reported nothing on it', () => {
    const a = mid().ranking.find((r) => r.unit.id === 'a');
    const funding = a?.duties.find((d) => d.key === 'doctorate_research_funding');
    expect(funding).toMatchObject({ applies: false, ratio: 1 });
    const detail = JSON.stringify(unitDetailMessage(mid(), a as never, 'Asia/Shanghai').blocks);
    expect(detail).toContain('引进博士科研经费:未填报,视为不适用,不计分');
  });

  it('shows units tied on score as 并列 with the same place, in points (分)', () => {
    const lines = rankingLines(mid());
    expect(lines[0]).toMatch(/^第1名 a {2}[\d.]+ 分/);
    expect(lines.slice(1).every((l) => l.startsWith('并列第2名'))).toBe(true);
  });

  it('signs off with the issuing office and the date, cites the plan from its rules, and dates targets as 年底前', () => {
    const c = mid();
    const text = circularText(c, 'Asia/Shanghai');
    expect(text.trim().endsWith(`${shipped.rules.circular.issuer}\n2016年7月15日`)).toBe(true);
    expect(c.basis).toBe(`《${shipped.rules.words.plan_short}》三、(四)、(六)`);
    expect(regionalLines(c).find((l) => l.startsWith('国家质检中心'))).toContain('(2017年底前;');
    expect(text).not.toContain('下半年前');
  });

  it('for a plan without rules: no scoring, no card, and generic words only', () => {
    const bare = { ...shipped, rules: defaultRules(), plan: { slug: 'x', title: '某某规划' } };
    const c = buildCircular(four, bare, scoringOf(bare.rules), at('2016-07-15T09:00:00'));
    expect(c.ranking).toEqual([]);
    expect(c.cardCount).toBe(0);
    const text = circularText(c, 'Asia/Shanghai');
    expect(text).not.toContain('排名');
    expect(text).toContain('《某某规划》');
    for (const word of Object.values(shipped.rules.words).filter((w) => typeof w === 'string')) {
      expect(text).not.toContain(word);
    }
  });
});
