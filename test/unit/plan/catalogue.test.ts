import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { isPlanbotError } from '../../../src/errors.js';
import { appliesTo, indicatorByKey, loadCatalogue, parseCatalogue } from '../../../src/plan/catalogue.js';

const planDir = fileURLToPath(new URL('../../../plans/nmg-keji-2015/', import.meta.url));
const planText = readFileSync(`${planDir}plan.txt`, 'utf8');
const yamlText = readFileSync(`${planDir}catalogue.yaml`, 'utf8');
const catalogue = loadCatalogue(planDir);
const squeeze = (s: string) => s.replace(/\s+/g, '');

const HEADING = /^\s*([一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)/;

/** The text under a section label such as `二、(三)3 加强科技合作`, up to the next heading of any level. */
function sectionBody(label: string): string {
  const m = /^([一二三四五六七八九十]+、)(\([一二三四五六七八九十]+\))?(\d+)?\s+(.+)$/.exec(label);
  if (!m) throw new Error(`unreadable section label ${label}`);
  const [, top, sub, item, heading] = m;
  const lines = planText.split('\n');
  let at = lines.findIndex((l) => l.trim().startsWith(top as string));
  if (sub) at = lines.findIndex((l, i) => i > at && l.trim().startsWith(sub));
  if (item) at = lines.findIndex((l, i) => i > at && l.trim().startsWith(`${item}.`));
  const headingLine = lines[at] ?? '';
  expect(headingLine, `${label} names its heading`).toContain(heading);
  const end = lines.findIndex((l, i) => i > at && HEADING.test(l));
  return lines.slice(at, end === -1 ? undefined : end).join('\n');
}

function everyCitation() {
  const out: { where: string; section: string; quote: string }[] = [];
  for (const ind of catalogue.indicators) {
    out.push({ where: ind.key, section: ind.section, quote: ind.quote });
    for (const m of ind.milestones) out.push({ where: `${ind.key} milestone`, section: ind.section, quote: m.quote });
    for (const c of ind.see_also) out.push({ where: `${ind.key} see_also`, ...c });
  }
  for (const t of catalogue.report_topics) out.push({ where: t.key, section: t.section, quote: t.quote });
  const { section, quote } = catalogue.periods;
  if (section && quote) out.push({ where: 'periods', section, quote });
  return out;
}

/** Loads the real catalogue with one change applied to its parsed YAML, and returns the error message. */
function failureOf(change: (doc: { indicators: Record<string, unknown>[] } & Record<string, unknown>) => void): string {
  const doc = parse(yamlText);
  change(doc);
  try {
    parseCatalogue(stringify(doc), { planText });
  } catch (e) {
    expect(isPlanbotError(e) && e.code).toBe('plan_invalid');
    return (e as Error).message;
  }
  throw new Error('expected the catalogue to be refused');
}

describe('the nmg-keji-2015 catalogue', () => {
  it('loads, with stable snake_case keys and periods 2015H2–2017H2 in Asia/Shanghai', () => {
    expect(catalogue.indicators.length).toBeGreaterThanOrEqual(20);
    expect(catalogue.periods).toMatchObject({
      first: '2015H2',
      last: '2017H2',
      timezone: 'Asia/Shanghai',
      due: { H1: '06-30', H2: '12-31' },
    });
  });

  it('quotes the plan verbatim, inside the section each citation names', () => {
    for (const c of everyCitation()) {
      expect(squeeze(planText), c.where).toContain(squeeze(c.quote));
      expect(squeeze(sectionBody(c.section)), `${c.where} in ${c.section}`).toContain(squeeze(c.quote));
    }
  });

  it('covers every figure of 一、(三) 代表性指标 with a target quoted where the figure stands', () => {
    const body = squeeze(sectionBody('一、(三) 代表性指标'));
    const checkpoints = catalogue.indicators
      .filter((i) => i.section.startsWith('一、(三)'))
      .flatMap((i) => [i, ...i.milestones])
      .map((c) => ({
        figures: [c.target, c.target_max],
        from: body.indexOf(squeeze(c.quote)),
        quote: squeeze(c.quote),
      }));
    const figures = [...body.matchAll(/\d+/g)].filter((m) => m[0].length < 4);
    expect(figures.map((m) => Number(m[0]))).toEqual([1, 2, 5, 5, 3, 2, 10, 20, 1, 2, 1, 2, 8, 40, 5, 1]);
    for (const m of figures) {
      const pos = m.index ?? -1;
      const covering = checkpoints.filter((c) => c.from >= 0 && c.from <= pos && pos < c.from + c.quote.length);
      expect(
        covering.some((c) => c.figures.includes(Number(m[0]))),
        `figure ${m[0]} in "${body.slice(pos - 12, pos + 8)}"`,
      ).toBe(true);
    }
  });

  it('holds the per-unit duties each 直属技术机构 and 国家质检中心 owes', () => {
    const duty = (key: string) => indicatorByKey(catalogue, key);
    expect(duty('b_level_leaders')).toMatchObject({ scope: 'unit', applies_to: ['institution'], target: 5 });
    expect(duty('a_level_leaders')).toMatchObject({ scope: 'unit', applies_to: ['national_center'], target: 1 });
    expect(duty('cooperation_projects')).toMatchObject({ due: 'yearly', target: 1, measure: '项', combine: 'sum' });
    expect(duty('rd_spending_share')).toMatchObject({ due: 'yearly', target: 5, measure: '%', combine: 'latest' });
    expect(duty('training_months')).toMatchObject({ due: 'yearly', target: 1, measure: '月' });
    expect(duty('research_admin_staff')).toMatchObject({ due: 'yearly', target: 1, measure: '人' });
    expect(duty('doctorate_research_funding')).toMatchObject({ due: 'yearly', target: 20, measure: '万元' });
  });

  it('holds the 自治区局 figures as bureau indicators no unit reports', () => {
    for (const [key, target] of [
      ['bureau_research_fund', 500],
      ['achievement_subsidy_fund', 50],
      ['assessment_weight', 20],
    ] as const) {
      const ind = indicatorByKey(catalogue, key);
      expect(ind).toMatchObject({ scope: 'bureau', target, due: 'yearly' });
      expect(ind && appliesTo(ind, 'institution')).toBe(false);
    }
  });

  it('keeps the 2015 award milestone on the same indicator as the 2017 target', () => {
    expect(indicatorByKey(catalogue, 'regional_sci_awards')).toMatchObject({
      target: 5,
      due: '2017H2',
      milestones: [{ due: '2015H2', target: 1, target_max: 2 }],
    });
  });

  it('lists the four topics of the half-year report from 三、(六)', () => {
    expect(catalogue.report_topics.map((t) => t.label)).toEqual([
      '科技制度落实情况',
      '科技工作开展情况',
      '科研人员培训情况',
      '科技项目推进情况',
    ]);
    for (const t of catalogue.report_topics) expect(t.max_length).toBe(2000);
  });
});

describe('a broken catalogue is refused with a one-line reason', () => {
  it('when two indicators share a key', () => {
    const msg = failureOf((doc) => {
      (doc.indicators[1] as { key: string }).key = 'regional_sci_awards';
    });
    expect(msg).toBe('catalogue.yaml: indicators[1] (regional_sci_awards).key: duplicate key "regional_sci_awards"');
  });

  it('when a measure is empty, or only one of target and measure is null', () => {
    expect(
      failureOf((doc) => {
        (doc.indicators[3] as { measure: string }).measure = ' ';
      }),
    ).toBe('catalogue.yaml: indicators[3] (national_centers_completed).measure: must not be empty');
    expect(
      failureOf((doc) => {
        (doc.indicators[3] as { measure: null }).measure = null;
      }),
    ).toBe(
      'catalogue.yaml: indicators[3] (national_centers_completed).measure: a milestone has both target and measure null',
    );
  });

  it('when a period is not of the plan’s cadence', () => {
    const msg = failureOf((doc) => {
      (doc.periods as Record<string, unknown>).cadence = 'quarterly';
    });
    expect(msg).toBe('catalogue.yaml: periods.first: 2015H2 is not a quarterly period');
  });

  it('when a unit duty does not say which units it applies to', () => {
    const msg = failureOf((doc) => {
      const i = doc.indicators.findIndex((x) => x.key === 'b_level_leaders');
      delete doc.indicators[i]?.applies_to;
    });
    expect(msg).toMatch(/indicators\[\d+\] \(b_level_leaders\)\.applies_to: is required when scope is unit$/);
  });

  it('when a region total names units it applies to', () => {
    const msg = failureOf((doc) => {
      (doc.indicators[0] as Record<string, unknown>).applies_to = ['institution'];
    });
    expect(msg).toContain('indicators[0] (regional_sci_awards).applies_to: is only for scope unit');
  });

  it('when an alias belongs to two indicators, even written in another width or case', () => {
    const msg = failureOf((doc) => {
      (doc.indicators[1] as { aliases: string[] }).aliases.push('ＲＥＧＩＯＮＡＬ awards');
    });
    expect(msg).toContain(
      '(ministerial_sci_awards).aliases[6]: "ＲＥＧＩＯＮＡＬ awards" is already a name or alias of regional_sci_awards',
    );
  });

  it('when a field is missing or misspelt', () => {
    expect(failureOf((doc) => delete doc.indicators[2]?.target)).toBe(
      'catalogue.yaml: indicators[2] (national_centers).target: is required',
    );
    expect(
      failureOf((doc) => {
        (doc.indicators[2] as Record<string, unknown>).aplies_to = ['institution'];
      }),
    ).toContain('indicators[2] (national_centers): unknown field aplies_to');
  });

  it('when a quote is not in the plan text', () => {
    const msg = failureOf((doc) => {
      (doc.indicators[0] as { quote: string }).quote = '到2017年自治区科技成果奖数量达到50项以上';
    });
    expect(msg).toContain(
      'indicators[0] (regional_sci_awards).quote: "到2017年自治区科技成果奖数量达到50项以上" is not in the plan text',
    );
  });

  it('when a target falls due outside the plan, or the periods run backwards', () => {
    expect(failureOf((doc) => Object.assign(doc.indicators[0] as object, { due: '2018H1' }))).toContain(
      '(regional_sci_awards).due: 2018H1 is outside the plan',
    );
    expect(failureOf((doc) => Object.assign(doc.periods as object, { first: '2018H1' }))).toContain(
      'periods.last: 2017H2 comes before first period 2018H1',
    );
  });

  it('when the file is not YAML at all, or the folder has no catalogue', () => {
    expect(() => parseCatalogue('indicators: [\n')).toThrow(/^catalogue\.yaml: not valid YAML/);
    expect(() => loadCatalogue('/nonexistent')).toThrow(/cannot read/);
  });
});

describe('a catalogue of another plan', () => {
  const quarterly = `
plan: { slug: other-plan, title: 另一个计划 }
periods: { cadence: quarterly, first: 2024Q1, last: 2026Q4, timezone: Asia/Shanghai }
indicators:
  - { key: pilot_sites, name: 试点, measure: 个, target: 50, comparator: '~', due: 2026Q4, scope: region,
      combine: sum, section: 一、目标, quote: 建设试点50个左右 }
  - { key: tolerance, name: 误差, measure: 毫米, target: 0.5, comparator: '<=', due: 2025Q4, scope: region,
      combine: latest, section: 一、目标, quote: 误差不超过0.5毫米 }
  - { key: visitors, name: 游客, measure: 万人次, target: 120, comparison: at_least, due: yearly, scope: region,
      combine: sum, section: 一、目标, quote: 每年接待游客120万人次以上 }
  - { key: platform_built, name: 建成平台, measure: null, target: null, due: 2025Q2, scope: unit,
      applies_to: [county], combine: latest, section: 二、任务, quote: 2025年6月底前建成平台 }
`;
  const planText =
    '一、目标\n建设试点50个左右，误差不超过0.5毫米，每年接待游客120万人次以上。\n二、任务\n2025年6月底前建成平台。';

  it('takes any measure, each comparator, the old comparison field, a milestone and a quarterly cadence', () => {
    const cat = parseCatalogue(quarterly, { planText });
    expect(cat.periods.cadence).toBe('quarterly');
    expect(cat.indicators.map((i) => [i.key, i.measure, i.comparator])).toEqual([
      ['pilot_sites', '个', '~'],
      ['tolerance', '毫米', '<='],
      ['visitors', '万人次', '>='],
      ['platform_built', null, null],
    ]);
    const milestone = indicatorByKey(cat, 'platform_built');
    expect(milestone?.target).toBeNull();
    expect(milestone && appliesTo(milestone, 'county')).toBe(true);
    expect(indicatorByKey(cat, 'tolerance')?.name_en).toBe('误差');
  });

  it('refuses a due period of another cadence', () => {
    expect(() => parseCatalogue(quarterly.replace('due: 2026Q4', 'due: 2026H2'), { planText })).toThrow(
      /pilot_sites\)\.due: 2026H2 is outside the plan's periods/,
    );
  });
});
