import { describe, expect, it } from 'vitest';
import { answerExtractive } from '../../../src/answer/extractive.js';
import { addressee, buildIndex, parseQuery, retrieve } from '../../../src/answer/retrieve.js';
import { loadPlan } from '../../../src/plan/load.js';
import { parsePlan } from '../../../src/plan/parse.js';

const index = buildIndex(loadPlan('plans/nmg-keji-2015'));

describe('retrieve', () => {
  it('when the query is a word the segmenter splits (质检), it still finds 质检中心', () => {
    const [top] = retrieve(index, '质检');
    expect(top?.text).toContain('质检');
  });

  it('returns sentences best first with their section labels', () => {
    const hits = retrieve(index, '博士科研经费', 3);
    expect(hits).toHaveLength(3);
    expect(hits[0]?.text).toContain('20万元');
    expect(hits[0]?.section).toBe('二、(四)2 加大人才引进力度');
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('when the question is English, the general dictionary leads it to the plan’s Chinese words', () => {
    const [top] = retrieve(index, 'How many PhDs and masters should be trained?');
    expect(top?.text).toContain('博士8人');
  });

  it('widens an English word’s dictionary form with the lexicon’s synonyms the plan uses (recruit → 招聘 → 引进)', () => {
    const answer = answerExtractive(index, 'How many PhDs does the system aim to recruit or train by the end of 2017?');
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toContain('博士8人');
  });

  it('when asked for paragraphs, it returns whole paragraphs, each once', () => {
    const hits = retrieve(index, '学科带头人', 4, { kind: 'paragraph' });
    expect(hits.every((h) => h.kind === 'paragraph')).toBe(true);
    expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
  });

  it('when nothing matches, it returns nothing', () => {
    expect(retrieve(index, '量子计算机')).toEqual([]);
  });

  it('reads an abbreviation (高职 ← 高等职业), a split particle (地|膜) and a spoken synonym (第一责任人 ↔ 一把手)', () => {
    const other = buildIndex(
      parsePlan(
        [
          '某省工作方案',
          '一、经费',
          '高等职业教育生均财政拨款水平达到12000元。',
          '二、农业',
          '禁止使用厚度低于0.01毫米的地膜。',
          '三、组织',
          '科技工作实行“一把手”负责制。',
          '四、其他',
          '加强宣传引导。',
        ].join('\n'),
        'x',
      ),
    );
    for (const [question, words] of [
      ['高职生均拨款要达到多少钱', '12000元'],
      ['多薄的地膜不让用了？', '0.01毫米'],
      ['科技工作谁是第一责任人', '一把手'],
    ]) {
      const answer = answerExtractive(other, question as string);
      expect({ question, grounded: answer.grounded }).toEqual({ question, grounded: true });
      expect(answer.answer).toContain(words);
    }
  });

  it('drops a word the segmenter made of grammar characters the plan never writes (在生活上有哪些 → 上有)', () => {
    const answer = answerExtractive(index, '引进人才在生活上有哪些保障?');
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toContain('住房、医疗');
  });

  it('reads a word the segmenter cut in two (预|付款) in the shorter form the plan writes (预付)', () => {
    const plan = buildIndex(
      parsePlan(
        '某市药品采购方案\n一、回款\n医保基金按不低于采购金额的30%提前预付给医疗机构。\n二、保障\n加强领导。',
        'x',
      ),
    );
    const answer = answerExtractive(plan, '预付款给多少');
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toContain('30%');
    expect(parseQuery('预付款给多少', plan).groups[0]).toEqual(['预付款', '预付']);
  });

  it('spells out an abbreviation the plan never writes as the plan writes it (公租房 → 公共租赁住房, 平米 → 平方米)', () => {
    const plan = buildIndex(
      parsePlan(
        [
          '某市住房保障通知',
          '一、补贴',
          '住房租赁补贴标准为建筑面积每平方米37元。',
          '二、公共租赁住房',
          '承租公共租赁住房的家庭，合同期满3个月前提出续租申请。',
          '三、附则',
          '本通知自印发之日起施行。',
        ].join('\n'),
        'x',
      ),
    );
    expect(parseQuery('公租房的续租申请啥时候交', plan).groups[0]).toEqual(['公租房', '公共租赁住房']);
    expect(answerExtractive(plan, '公租房的续租申请啥时候交').answer).toContain('3个月前');
    expect(parseQuery('一平米补多少钱', plan).groups.flat()).toContain('平方米');
  });

  it('reads an abbreviation the segmenter glued to the next word (公租|房续租), and full-width figures (３个月前)', () => {
    const plan = buildIndex(
      parsePlan(
        [
          '某市住房保障通知',
          '各区人民政府：',
          '一、保障期限',
          '承租公共租赁住房的，合同期限届满３个月前向运营管理机构递交续租申请。',
          '二、附则',
          '本通知自印发之日起施行。',
          '附件：',
          '１．公共租赁住房续租申请表',
          '某市住房和城乡建设局',
          '2024年3月4日',
        ].join('\n'),
        'x',
      ),
    );
    expect(parseQuery('公租房续租申请要提前多久交？', plan).groups.slice(0, 2)).toEqual([
      ['公租房', '公共租赁住房'],
      ['续租'],
    ]);
    const answer = answerExtractive(plan, '公租房续租申请要提前多久交？');
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toContain('３个月前');
  });

  it('the signature block (issuer, date, the attachment listing) is not an answer to a question about content', () => {
    const plan = buildIndex(
      parsePlan(
        [
          '某市住房保障通知',
          '各区人民政府：',
          '一、准入限额',
          '公共租赁住房保障收入准入限额基准为家庭年人均收入49952元。',
          '二、附则',
          '本通知自印发之日起施行。',
          '附件：',
          '１．申请公共租赁住房保障家庭收入及财产限额',
          '某市住房和城乡建设局',
          '2024年3月4日',
        ].join('\n'),
        'x',
      ),
    );
    const answer = answerExtractive(plan, '申请公租房家庭收入及财产限额是多少');
    expect(answer.answer).toContain('49952元');
    expect(answer.citations.map((c) => c.section)).not.toContain('落款');
  });

  it('knows how staff say what documents write (排队 → 轮候, 老婆孩子 → 配偶、子女, 户口 → 户籍)', () => {
    const plan = buildIndex(
      parsePlan(
        [
          '某市住房保障通知',
          '一、补贴',
          '申请家庭在轮候期间未获配租且轮候时间超过5年的，可申请领取住房租赁补贴。',
          '二、随迁',
          '申请人的配偶、未成年子女可随迁。',
          '三、附则',
          '本通知自印发之日起施行。',
        ].join('\n'),
        'x',
      ),
    );
    expect(answerExtractive(plan, '排队几年没配上房可以领补贴？').answer).toContain('超过5年');
    expect(answerExtractive(plan, '老婆孩子能一起迁吗').answer).toContain('配偶、未成年子女');
  });

  it('reads 不交 / 不用交 as the plan’s 免交 (exempt), when the plan writes it', () => {
    const plan = buildIndex(
      parsePlan(
        [
          '某市住房保障通知',
          '一、免交租金',
          '低保家庭中的孤寡老人，免交租金。',
          '二、分档租金',
          '其他家庭按收入缴交租金，缴交比例为租金标准的10%至70%。',
        ].join('\n'),
        'x',
      ),
    );
    expect(answerExtractive(plan, '谁可以不交租金').answer).toContain('孤寡老人');
    expect(answerExtractive(plan, '哪些人不用交租金').answer).toContain('孤寡老人');
  });

  it('a numbered line holding a figure is an answer, though it is also its section’s heading', () => {
    const plan = buildIndex(
      parsePlan(
        '某市积分办法\n一、加分指标\n1. 本科及以上学历（30分）。\n2. 专科（20分）。\n二、附则\n本办法自印发之日起施行。',
        'x',
      ),
    );
    const answer = answerExtractive(plan, '本科学历能加几分？');
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toContain('本科及以上学历（30分）');
  });

  it('works on any plan, not just this one', () => {
    const other = buildIndex(parsePlan('某市工作要点\n一、目标\n到2020年建成实验室3家。\n二、措施\n加强领导。', 'x'));
    expect(retrieve(other, '实验室建成几家?')[0]?.text).toBe('到2020年建成实验室3家。');
  });
});

describe('an official document’s addressee line', () => {
  it('is recognised, and a lead-in or a sentence is not', () => {
    expect(addressee('各省、自治区、直辖市人民政府，国务院各部委、各直属机构：')).toBe(true);
    expect(addressee('各盟市质监局,市场监督管理局(委员会),直属技术机构,区局机关各处室(局):')).toBe(true);
    expect(addressee('主要任务如下：')).toBe(false);
    expect(addressee('你们《关于呈报规划的请示》收悉。经党中央、国务院同意，现批复如下：')).toBe(false);
    expect(addressee('选择北京、天津、上海等11个城市开展试点。')).toBe(false);
  });
});
