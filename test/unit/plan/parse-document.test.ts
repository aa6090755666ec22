import { describe, expect, it } from 'vitest';
import { parsePlan, splitSentences } from '../../../src/plan/parse.js';

const doc = (...lines: string[]) => parsePlan(lines.join('\n'), 'doc');
const labels = (text: string[]) => doc(...text).sections.map((s) => s.label);
const sectionOf = (plan: ReturnType<typeof parsePlan>, start: string) =>
  plan.passages.find((p) => p.text.startsWith(start))?.section;

describe('numbering styles', () => {
  it('reads 第一章, 第一节 and 第一条, articles as numbered paragraphs', () => {
    const plan = doc(
      '某市管理办法',
      '第一章 总则',
      '第一条 为了规范管理，制定本办法。',
      '第二章 职责',
      '第一节 市级职责',
      '第二条 市政府负责统筹。',
    );
    expect(plan.sections.map((s) => s.label)).toEqual([
      '某市管理办法',
      '第一章 总则',
      '第一章第一条',
      '第二章 职责',
      '第二章第一节 市级职责',
      '第二章第一节第二条',
    ]);
    expect(sectionOf(plan, '为了规范管理')).toBe('第一章第一条');
    expect(plan.sections.find((s) => s.path === '第二章第一节第二条')?.depth).toBe(3);
  });

  it('nests 一、 (一) 1. (1) ① in half- and full-width forms, with 1、 and 1． as 1.', () => {
    expect(
      labels([
        '某市工作要点',
        '一、目标',
        '(一)数量',
        '1、标准',
        '（1）地方标准',
        '①修订',
        '2．计量',
        '(2)检定',
        '二、措施',
      ]),
    ).toEqual([
      '某市工作要点',
      '一、目标',
      '一、(一) 数量',
      '一、(一)1 标准',
      '一、(一)1(1) 地方标准',
      '一、(一)1(1)① 修订',
      '一、(一)2 计量',
      '一、(一)2(2) 检定',
      '二、措施',
    ]);
  });

  it('when a level is skipped, the next heading still nests under the nearest higher one', () => {
    expect(labels(['某市工作要点', '一、目标', '1.标准', '（二）计量'])).toEqual([
      '某市工作要点',
      '一、目标',
      '一、1 标准',
      '一、(二) 计量',
    ]);
  });

  it('when a number stands alone on its line, the heading is the next line', () => {
    const plan = doc('某市指标', '一、质量', '（十三）', '患者满意度', '门诊患者满意度调查得分。');
    expect(plan.sections.map((s) => s.label)).toContain('一、(十三) 患者满意度');
    expect(sectionOf(plan, '门诊患者')).toBe('一、(十三) 患者满意度');
  });
});

describe('headings', () => {
  it('a heading run into its body gives the heading and keeps the body as a paragraph of that section', () => {
    const plan = doc(
      '某市意见',
      '二、重点任务',
      '（四）聚焦重点对象。各级政府要重点支持小微企业，单户金额500万元以下。',
    );
    expect(plan.sections.map((s) => s.label)).toContain('二、(四) 聚焦重点对象');
    expect(sectionOf(plan, '（四）')).toBeUndefined();
    expect(sectionOf(plan, '聚焦重点对象。各级政府')).toBe('二、(四) 聚焦重点对象');
    expect(plan.passages.some((p) => p.kind === 'sentence' && p.text.startsWith('各级政府要重点支持'))).toBe(true);
  });

  it('a long heading is kept whole, commas and all', () => {
    const plan = doc('某方案', '三、具体措施', '（一）带量采购，以量换价。按照年度总用量的60%估算采购总量。');
    expect(plan.sections.map((s) => s.label)).toContain('三、(一) 带量采购，以量换价');
  });

  it('a numbered line that is one sentence is headed by its first clause', () => {
    expect(labels(['某方案', '1.制定地方标准，每年5项。'])).toContain('1 制定地方标准');
  });

  it('a numbered line that is a whole sentence is also kept as a passage (a table row: 本科及以上学历（30分）。)', () => {
    const plan = doc('某市积分办法', '一、加分指标', '1. 本科及以上学历（30分）。', '2. 专科（20分）。', '二、附则');
    expect(sectionOf(plan, '本科及以上学历')).toBe('一、1 本科及以上学历（30分）');
    expect(plan.passages.some((p) => p.kind === 'sentence' && p.text === '专科（20分）。')).toBe(true);
  });

  it('reads full-width 1． and （1） items as 1. and (1)', () => {
    expect(labels(['某通知', '五、退出机制', '１．确有困难的', '（１）合同两年一签。', '（２）过渡期内。'])).toEqual([
      '某通知',
      '五、退出机制',
      '五、1 确有困难的',
      '五、1(1) 合同两年一签',
      '五、1(2) 过渡期内',
    ]);
  });
});

describe('the parts of an official document', () => {
  const notice = [
    '某市人民政府办公室关于印发某市',
    '科技创新三年行动计划的通知',
    '某政办发〔2020〕8号',
    '各区人民政府，市政府各部门：',
    '《某市科技创新三年行动计划》已经市政府同意，现印发给你们，请认真贯彻执行。',
  ];
  const plan = [
    '某市科技创新三年行动计划',
    '（2020—2022年）',
    '为加快创新发展，制定本计划。',
    '一、总体要求',
    '到2022年，建成实验室10家。',
  ];
  const signature = ['某市人民政府办公室', '2020年3月1日', '（此件公开发布）'];

  it('a cover notice without an 附件 line is labelled 通知 and the plan after its 落款 has its own title', () => {
    const parsed = doc(...notice, ...signature, ...plan);
    expect(parsed.title).toBe('某市科技创新三年行动计划（2020—2022年）');
    expect(sectionOf(parsed, '《某市科技创新')).toBe('通知 某市人民政府办公室关于印发某市科技创新三年行动计划的通知');
    expect(sectionOf(parsed, '2020年3月1日')).toContain('通知');
    expect(sectionOf(parsed, '为加快创新发展')).toBe('某市科技创新三年行动计划（2020—2022年）');
    expect(sectionOf(parsed, '到2022年')).toBe('一、总体要求');
  });

  it('a cover notice with an 附件 line reads the same', () => {
    const parsed = doc(...notice, '附件：某市科技创新三年行动计划', ...signature, '附件', ...plan);
    expect(parsed.title).toBe('某市科技创新三年行动计划（2020—2022年）');
    expect(sectionOf(parsed, '附件：')).toContain('通知');
    expect(sectionOf(parsed, '为加快创新发展')).toBe('某市科技创新三年行动计划（2020—2022年）');
  });

  const opinion = [
    '某市人民政府关于加快',
    '发展数字经济的实施意见',
    '某政发〔2021〕3号',
    '各区人民政府，市政府各部门、各直属机构：',
    '为加快发展数字经济，现提出如下意见。',
    '一、总体要求',
    '到2025年，数字经济规模达到1000亿元。（市发展改革委、市工业和信息化局负责）',
    '二、保障措施',
    '各区要加强组织领导。',
    '附件：重点项目表',
    '某市人民政府',
    '2021年5月8日',
    '（此件公开发布）',
    '附件',
    '重点项目表',
    '序号\t项目\t责任单位',
    '1.数据中心\t建成机柜5000个\t市大数据局',
  ];
  const parsed = doc(...opinion);

  it('a document that is itself the plan: head section by its kind, lead by its title, signature as 落款', () => {
    const title = '某市人民政府关于加快发展数字经济的实施意见';
    expect(parsed.title).toBe(title);
    expect(sectionOf(parsed, '某政发')).toBe(`意见 ${title}`);
    expect(sectionOf(parsed, '各区人民政府，')).toBe(`意见 ${title}`);
    expect(sectionOf(parsed, '为加快发展数字经济')).toBe(title);
    for (const line of ['附件：重点项目表', '某市人民政府', '2021年5月8日', '（此件公开发布）']) {
      expect(parsed.passages.find((p) => p.text === line)?.section, line).toBe('落款');
    }
    expect(sectionOf(parsed, '各区要加强组织领导')).toBe('二、保障措施');
  });

  it('an attachment after the 落款 keeps its own sections, named after it; tables are read one row a line', () => {
    expect(sectionOf(parsed, '序号')).toBe('附件 重点项目表');
    expect(sectionOf(parsed, '数据中心')).toBe('附件 重点项目表 1 数据中心');
    expect(parsed.passages.find((p) => p.text.startsWith('数据中心'))?.text).toBe(
      '数据中心\t建成机柜5000个\t市大数据局',
    );
  });

  it('meta gives the 文号, issuer, date and addressees as written', () => {
    expect(parsed.meta).toEqual({
      title: '某市人民政府关于加快发展数字经济的实施意见',
      docNumber: '某政发〔2021〕3号',
      issuer: '某市人民政府',
      date: '2021年5月8日',
      recipients: '各区人民政府，市政府各部门、各直属机构',
    });
  });

  it('meta of a plan under a cover notice is the notice as issued', () => {
    const meta = doc(...notice, ...signature, ...plan).meta;
    expect(meta.docNumber).toBe('某政办发〔2020〕8号');
    expect(meta.title).toBe('某市人民政府办公室关于印发某市科技创新三年行动计划的通知');
    expect(meta.date).toBe('2020年3月1日');
  });

  it('a responsibility note in brackets stays with its task', () => {
    const sentences = splitSentences('到2025年，规模达到1000亿元。（市发展改革委、市工信局负责）加快建设。').map(
      (s) => s.text,
    );
    expect(sentences).toEqual(['到2025年，规模达到1000亿元。（市发展改革委、市工信局负责）', '加快建设。']);
    expect(
      parsed.passages.some(
        (p) => p.kind === 'sentence' && p.text.endsWith('亿元。（市发展改革委、市工业和信息化局负责）'),
      ),
    ).toBe(true);
  });

  it('a 文号 above the title, an attachment listing under a bare 附件：, and 公开方式 after the date', () => {
    const plan = doc(
      '某建规字〔2024〕5号',
      '某市住房和城乡建设局关于加强住房保障工作的通知',
      '各区人民政府，市政府各部门、各直属机构：',
      '为保障民生，现通知如下：',
      '一、准入限额',
      '收入限额为49952元。',
      '二、本通知自2024年3月4日起施行，有效期5年。',
      '附件：',
      '１．收入及财产限额',
      '２．租赁补贴标准',
      '某市住房和城乡建设局',
      '2024年3月4日',
      '公开方式：主动公开',
    );
    expect(plan.meta).toEqual({
      title: '某市住房和城乡建设局关于加强住房保障工作的通知',
      docNumber: '某建规字〔2024〕5号',
      issuer: '某市住房和城乡建设局',
      date: '2024年3月4日',
      recipients: '各区人民政府，市政府各部门、各直属机构',
    });
    for (const line of ['附件：', '１．收入及财产限额', '２．租赁补贴标准', '2024年3月4日', '公开方式：主动公开']) {
      expect(sectionOf(plan, line), line).toBe('落款');
    }
    expect(plan.sections.some((s) => s.label.startsWith('附件'))).toBe(false);
  });

  it('a web copy with an index box before the title still finds the title and head', () => {
    const box = [
      '索引号：000014349/2021-00003\t主题分类：信息产业',
      '发文机关：某市人民政府\t成文日期：2021年05月08日',
    ];
    const copy = doc(...box, ...opinion);
    expect(copy.title).toBe('某市人民政府关于加快发展数字经济的实施意见');
    expect(copy.meta.docNumber).toBe('某政发〔2021〕3号');
    expect(sectionOf(copy, '索引号')).toBe('意见 某市人民政府关于加快发展数字经济的实施意见');
  });

  it('a plain text without a head has no head section, and its first line is the title', () => {
    const plain = doc('某县工作要点', '一、目标', '建成5家。');
    expect(plain.sections.map((s) => s.label)).toEqual(['某县工作要点', '一、目标']);
    expect(plain.meta).toEqual({ title: '某县工作要点' });
  });
});
