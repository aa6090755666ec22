import { describe, expect, it } from 'vitest';
import { type DraftIndicator, draftTargets } from '../../../../src/plan/draft/index.js';
import { parsePlan } from '../../../../src/plan/parse.js';

/** A small made-up plan: a title, a signature date (the plan's year), then the given paragraphs under one heading. */
function draft(...paragraphs: string[]): DraftIndicator[] {
  const text = ['某市某工作方案', '2019年1月10日', '一、主要目标', ...paragraphs].join('\n');
  return draftTargets(parsePlan(text, 'made-up'));
}

const only = (...paragraphs: string[]) => {
  const items = draft(...paragraphs);
  expect(items, JSON.stringify(items)).toHaveLength(1);
  return items[0] as DraftIndicator;
};

describe('comparators as written', () => {
  it.each([
    ['到2020年，全市科技企业达到50家以上。', '>='],
    ['各单位科研投入不低于收入的5%。', '>='],
    ['每个中心至少配备3名专职人员。', '>='],
    ['平均收费标准原则上不超过1.5%。', '<='],
    ['全年事故死亡人数控制在20人以内。', '<='],
    ['逐步将平均费率降至1%以下。', '<='],
    ['选择50个左右的试点社区开展试点。', '~'],
    ['在全市建设约30座公共充电站。', '~'],
    ['新建8座污水处理厂。', '='],
    ['城市污水处理率≥95%。', '>='],
    ['平均办理时限≤5天。', '<='],
  ])('%s → %s', (sentence, comparator) => {
    expect(only(sentence).comparator).toBe(comparator);
  });
});

describe('figures and measures as written', () => {
  it('keeps a multiplier with its measure (亿元, 万人次) and the figure as written', () => {
    const [money, visits] = draft('到2025年，产业总规模达到1.5亿元，接待游客达到300万人次。');
    expect([money?.target, money?.measure]).toEqual([1.5, '亿元']);
    expect([visits?.target, visits?.measure]).toEqual([300, '万人次']);
  });

  it('reads 毫米, 个百分点 and %', () => {
    const items = draft(
      '管道安装偏差不超过0.5毫米。',
      '城镇登记失业率比上年下降不少于0.5个百分点。',
      '覆盖率达到90%。',
    );
    expect(items.map((d) => [d.target, d.measure])).toEqual([
      [0.5, '毫米'],
      [0.5, '个百分点'],
      [90, '%'],
    ]);
  });

  it('reads a range as its low and high ends (1-2项, 60%—70%)', () => {
    const [a, b] = draft('2019年力争取得省级科技奖1-2项。', '按年度用量的60%—70%估算采购总量。');
    expect([a?.target, a?.targetMax, a?.measure]).toEqual([1, 2, '项']);
    expect([b?.target, b?.targetMax, b?.measure]).toEqual([60, 70, '%']);
  });

  it('names a figure without the basis or bound in front of it, and a bounded one by the noun after it', () => {
    expect(only('医保基金在总额预算的基础上，按不低于采购金额的30%提前预付给医疗机构。').name).toBe('采购金额');
    expect(only('按照试点地区所有公立医疗机构年度药品总用量的60%—70%估算采购总量。').name).toBe(
      '试点地区所有公立医疗机构年度药品总用量',
    );
    expect(only('承租人可申请最长不超过6个月的过渡期。').name).toBe('过渡期');
  });

  it('names a table cell by its row (城市污水处理率\t≥95%)', () => {
    expect(only('城市污水处理率\t2020年\t≥95%')).toMatchObject({
      name: '城市污水处理率',
      target: 95,
      comparator: '>=',
    });
  });

  it('reads thousands separators (10,000人)', () => {
    expect(only('每年培训基层干部10,000人次。')).toMatchObject({ target: 10000, measure: '人次' });
  });

  it('reads a Chinese numeral after a goal verb (培育一家)', () => {
    const item = only('原则上每个县培育一家龙头企业。');
    expect([item.target, item.measure, item.name]).toEqual([1, '家', '龙头企业']);
  });

  it('splits a list of targets into one item each, each with its own quote', () => {
    const items = draft('全系统培养博士8人以上、硕士40人以上。');
    expect(items.map((d) => [d.quote, d.target])).toEqual([
      ['全系统培养博士8人以上', 8],
      ['硕士40人以上', 40],
    ]);
  });
});

describe('what is not a target', () => {
  it('figures in a section that reviews the past (发展基础)', () => {
    const text = [
      '某省规划',
      '2021年3月1日',
      '一、发展基础',
      '全省优良天数比率达到98.5%。',
      '二、主要目标',
      '优良天数比率稳定在98%以上。',
    ].join('\n');
    expect(draftTargets(parsePlan(text, 'made-up')).map((d) => d.target)).toEqual([98]);
  });

  it.each([
    ['years and dates', '本方案自2019年1月1日起施行。'],
    ['a document number', '根据《某某办法》（某发〔2018〕12号）制定本方案。'],
    ['the past', '截至2018年底，全市已建成充电站120座。'],
    ['a scope listed by name', '选择甲市、乙市、丙市3个城市开展试点。'],
    ['a condition', '对单户金额500万元及以下的小微企业给予支持。'],
    ['a definition', '日间手术是指患者在24小时内入、出院完成的手术。'],
    ['a title', '制定《三年行动计划》。'],
    ['a formula', '计算方法：达标数/总数×100%。'],
  ])('%s', (_, sentence) => {
    expect(draft(sentence)).toEqual([]);
  });
});

describe('deadlines', () => {
  it.each([
    ['2019年3月底前，完成全市普查工作。', '2019-03-31', '2019年3月底前'],
    ['2020年6月，全面建成信息平台。', '2020-06-30', '2020年6月'],
    ['到2025年，全市绿地率达到40%。', '2025-12-31', '到2025年'],
    ['各区于2019年上半年完成摸底排查。', '2019-06-30', '于2019年上半年'],
    ['争取三年内实现全覆盖。', null, '三年内'],
    ['各单位要在年底前完成自查整改。', '2019-12-31', '年底前'],
  ])('%s → %s (%s)', (sentence, iso, written) => {
    const item = only(sentence);
    expect([item.deadline, item.deadlineText]).toEqual([iso, written]);
  });

  it('gives a month-only deadline the year of its recurring start (2020年起，每年2月底前)', () => {
    const item = only('2020年起，每年2月底前各区完成上年度考核工作。');
    expect([item.deadline, item.deadlineText]).toEqual(['2020-02-29', '每年2月底前']);
  });

  it('carries an opening deadline to the targets after it in the paragraph', () => {
    const items = draft('到2025年，产业规模达到2万亿元。推出100项精品赛事，打造100个自主品牌。');
    expect(items.map((d) => d.deadlineText)).toEqual(['到2025年', '到2025年', '到2025年']);
  });
});

describe('milestones', () => {
  it('drafts a dated task with no figure as a milestone', () => {
    const item = only('2019年6月底前，市卫生健康委建立全市绩效考核信息系统。');
    expect(item).toMatchObject({ target: null, targetMax: null, measure: null, comparator: null });
    expect(item.quote).toBe('2019年6月底前，市卫生健康委建立全市绩效考核信息系统');
    expect(item.name).toBe('建立全市绩效考核信息系统');
    expect(item.lead).toBe('市卫生健康委');
  });

  it('names a task that only says it is done (该项工作…完成) by its section heading', () => {
    const item = only('各地对小区配套幼儿园进行全面摸底，该项工作于2019年4月底前完成。');
    expect(item.deadline).toBe('2019-04-30');
    expect(item.name).toBe('主要目标完成');
  });

  it('keeps a milestone and a target of the next sentence apart, both under the deadline', () => {
    const items = draft('2019年底前，完成全市燃煤锅炉淘汰工作；新建10个生态工业园区。');
    expect(items.map((d) => [d.target, d.deadline])).toEqual([
      [null, '2019-12-31'],
      [10, '2019-12-31'],
    ]);
  });

  it('gives the same deadline to a parallel task of another body in the next sentence', () => {
    const items = draft('2019年3月底前，市卫生健康委推行统一的编码。市中医药局印发统一的术语集。');
    expect(items.map((d) => [d.lead, d.deadline])).toEqual([
      ['市卫生健康委', '2019-03-31'],
      ['市中医药局', '2019-03-31'],
    ]);
  });
});

describe('leads', () => {
  it('takes the first body in a closing parenthesis as the lead (列第一位者为牵头单位)', () => {
    const item = only('新建8座污水处理厂。（市住房城乡建设局、市财政局负责）');
    expect(item.lead).toBe('市住房城乡建设局');
  });

  it('reads （…牵头） and （牵头单位：…）', () => {
    expect(only('建成10个示范基地。（市农业农村局牵头，市财政局配合）').lead).toBe('市农业农村局');
    expect(only('培养100名优秀企业家。（牵头单位：市委组织部，配合单位：市国资委）').lead).toBe('市委组织部');
  });

  it('otherwise takes the body the sentence opens with, when it acts', () => {
    expect(only('各区要确保达标率达到80%以上。').lead).toBe('各区');
    expect(only('国务院办公厅将于2019年4月底前组织验收总结。').lead).toBe('国务院办公厅');
    expect(only('单位地区生产总值能耗降低18%。').lead).toBeNull();
  });
});

describe('keys and quotes', () => {
  it('numbers the items t01, t02… and keeps every quote verbatim in the plan text', () => {
    const text = ['某市某工作方案', '2019年1月10日', '一、主要目标', '新建8座污水处理厂，改造12座泵站。'].join('\n');
    const items = draftTargets(parsePlan(text, 'made-up'));
    expect(items.map((d) => d.key)).toEqual(['t01', 't02']);
    for (const d of items) expect(text).toContain(d.quote);
    expect(items[0]?.section).toBe('一、主要目标');
  });
});
