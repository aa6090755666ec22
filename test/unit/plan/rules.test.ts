import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadCatalogue, parseCatalogue } from '../../../src/plan/catalogue.js';
import { aggregationOf, mayReport, planCited, scoringOf } from '../../../src/plan/rules.js';
import { defaultRules } from '../../../src/plan/rules-schema.js';

const dir = 'plans/nmg-keji-2015';
const shipped = loadCatalogue(dir);
const yamlText = readFileSync(`${dir}/catalogue.yaml`, 'utf8');
const planText = readFileSync(`${dir}/plan.txt`, 'utf8');
const indicator = (key: string) => {
  const i = shipped.indicators.find((x) => x.key === key);
  if (!i) throw new Error(key);
  return i;
};

describe("a plan's rules are data", () => {
  it('the shipped plan states its scoring, card and words, each rule cited verbatim from the plan', () => {
    const s = scoringOf(shipped.rules);
    expect(s).toMatchObject({ enabled: true, duties: 80, timeliness: 20, points: '分' });
    expect(s.card).toMatchObject({ enabled: true, lowest: 3, word: '黄牌', warning: '黄牌预警' });
    expect(planText.replace(/\s/g, '')).toContain(shipped.rules.yellow_card.quote);
    expect(planCited(shipped)).toBe('《三年行动计划》');
  });

  it('a plan without rules gets no scoring, no card and generic words', () => {
    const r = defaultRules();
    expect(scoringOf(r)).toMatchObject({ enabled: false, card: { enabled: false, lowest: 0 } });
    expect(r.words).toMatchObject({ reporters: '各单位', admins: '管理员' });
    const bare = { ...shipped, rules: r };
    expect(planCited(bare)).toBe(`《${shipped.plan.title}》`);
  });

  it('workspace overrides change the weights but not whether the plan scores at all', () => {
    expect(scoringOf(shipped.rules, { duties: 50, yellowCards: 2 })).toMatchObject({ duties: 50, card: { lowest: 2 } });
    expect(scoringOf(defaultRules(), { yellowCards: 2 }).card.lowest).toBe(0);
  });

  it('refuses a rule quoting words the plan does not contain, naming where', () => {
    const data = parse(yamlText);
    data.rules.yellow_card.quote = '排名后五名的单位亮红牌';
    expect(() => parseCatalogue(stringify(data), { planText })).toThrow(/rules\.yellow_card\.quote/);
  });

  it('says how each indicator adds up and who reports it', () => {
    expect(aggregationOf(shipped, indicator('national_centers')).aggregate).toBe('one');
    expect(aggregationOf(shipped, indicator('doctorates')).aggregate).toBe('sum');
    expect(aggregationOf(shipped, indicator('research_admin_staff')).aggregate).toBe('latest');
    expect(aggregationOf(shipped, indicator('bureau_research_fund')).reportedBy).toBe('admins');
    expect(mayReport(shipped, indicator('national_centers'), { unitId: 'coal_nm', kind: 'national_center' })).toBe(
      true,
    );
    expect(mayReport(shipped, indicator('bureau_research_fund'), { unitId: 'jly', kind: 'institution' })).toBe(false);
    expect(mayReport(shipped, indicator('bureau_research_fund'), 'admin')).toBe(true);
  });
});
