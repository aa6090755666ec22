import { describe, expect, it } from 'vitest';
import { showJson } from '../../../src/plan/cli-plan.js';
import type { IndicatorView } from '../../../src/plan/imported.js';
import type { PlanEntry } from '../../../src/plan/registry.js';

const range: IndicatorView = {
  key: 't01',
  name: '年度药品总用量',
  target: 60,
  targetMax: 70,
  comparator: '=',
  measure: '%',
  deadline: null,
  lead: null,
  section: '三、(一) 带量采购，以量换价',
  quote: '按照试点地区所有公立医疗机构年度药品总用量的60%—70%估算采购总量',
  status: 'draft',
};

describe('planbot plan show --json', () => {
  it('gives each indicator exactly the fields CONTRACT §8 names, a range included', () => {
    const entry = {
      slug: 'yaopin',
      title: '国家组织药品集中采购和使用试点方案',
      cadence: 'half-yearly',
      catalogue: { periods: { first: '2019H1', last: '2020H2' } },
      indicators: [range],
    } as unknown as PlanEntry;
    const [shown] = showJson(entry).indicators;
    expect(Object.keys(shown ?? {}).sort()).toEqual(
      ['comparator', 'deadline', 'key', 'lead', 'measure', 'name', 'quote', 'section', 'status', 'target'].sort(),
    );
    expect(shown).toMatchObject({ target: 60, measure: '%' });
  });
});
