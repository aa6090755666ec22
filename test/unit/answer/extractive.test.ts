import { describe, expect, it } from 'vitest';
import { answerExtractive } from '../../../src/answer/extractive.js';
import { buildIndex } from '../../../src/answer/retrieve.js';
import { loadPlan } from '../../../src/plan/load.js';
import { parsePlan } from '../../../src/plan/parse.js';

const plan = loadPlan('plans/nmg-keji-2015');
const index = buildIndex(plan);
const squash = (s: string) => s.replace(/\s+/g, '');

describe('answerExtractive', () => {
  it('when the plan states a figure, it answers with the cited sentence', () => {
    const a = answerExtractive(index, '到2017年,全区国家质检中心要达到多少家?');
    expect(a).toMatchObject({ grounded: true, mode: 'extractive', lang: 'zh' });
    expect(a.answer).toContain('10家');
    expect(a.citations.some((c) => c.section === '一、(三) 代表性指标')).toBe(true);
    for (const c of a.citations) expect(squash(plan.text)).toContain(squash(c.quote));
  });

  it('when the question is off-topic but shares generic words (计划, 要求, 检测), it is refused', () => {
    const a = answerExtractive(index, '计划里对无人机检测提出了什么要求?');
    expect(a.grounded).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.answer).toMatch(/^原文没有直接规定“[^”]*无人[^”]*”，相关内容见：/);
    expect(a.nearest?.length).toBeGreaterThan(0);
  });

  it('when the off-topic subject comes right before 有什么规定, it is still refused', () => {
    expect(answerExtractive(index, '计划对检验检测机构的收费有什么规定?').grounded).toBe(false);
  });

  it('when an English question is off-topic, it is refused in English', () => {
    const a = answerExtractive(index, 'What does the plan say about vaccine testing?');
    expect(a).toMatchObject({ grounded: false, lang: 'en', citations: [] });
    expect(a.answer).toMatch(/^The plan does not cover .*vaccine/);
  });

  it('when asked in English, it frames the Chinese sentence in English and keeps the figure', () => {
    const a = answerExtractive(
      index,
      'What share of revenue must each technical institution invest in science and technology?',
    );
    expect(a).toMatchObject({ grounded: true, lang: 'en' });
    expect(a.answer).toMatch(/^The plan says: .*5%.*\(三、\(三\) 加大对科技工作的经费支持力度\)/);
  });

  it('when greeted, thanked or asked how to report, it replies briefly and points to /plan help', () => {
    for (const q of ['你好', '谢谢!', '怎么填报进展?', 'hello']) {
      const a = answerExtractive(index, q);
      expect(a.grounded).toBe(false);
      expect(a.answer).toContain('/plan help');
      expect(a.answer).not.toMatch(/没有直接规定|does not cover/);
    }
  });

  it('when a count names its measure word, the sentence with that figure leads', () => {
    expect(answerExtractive(index, '博士要引进多少人?').answer).toMatch(/^到2017年底.*博士8人/);
  });

  it('keeps every answer within 400 characters', () => {
    const long = answerExtractive(index, '当前质监部门面临着哪些突出矛盾?');
    expect(long.grounded).toBe(true);
    expect(long.answer.length).toBeLessThanOrEqual(400);
  });

  it('when the question is empty, it is refused', () => {
    expect(answerExtractive(index, '?').grounded).toBe(false);
  });
});

describe('answerExtractive on any document', () => {
  const text = [
    '某市人民政府办公厅关于推进示范工作的意见',
    '某政办发〔2020〕12号',
    '各区人民政府，市政府各部门：',
    '一、基本原则',
    '（一）问题导向。针对突出问题推进改革。',
    '（二）统筹推进。加强部门协同配合。',
    '二、主要任务',
    '（三）建设平台。到2021年底前建成统一平台3个，实现数据共享。（市发展改革委负责）',
    '某市人民政府办公厅',
    '2020年3月5日',
  ].join('\n');
  const doc = buildIndex(parsePlan(text, 'any'));

  it('answers what the document is: its 文号, date, issuer and recipients', () => {
    expect(answerExtractive(doc, '这个文件的文号是多少?').answer).toContain('某政办发〔2020〕12号');
    expect(answerExtractive(doc, '这份意见是哪天印发的?').answer).toContain('2020年3月5日');
    expect(answerExtractive(doc, '这份意见发给谁的?').answer).toContain('各区人民政府，市政府各部门');
    for (const q of ['这个文件的文号是多少?', '这份意见是哪天印发的?']) {
      for (const c of answerExtractive(doc, q).citations) expect(squash(text)).toContain(squash(c.quote));
    }
  });

  it('asked who is responsible, it gives the note of responsibility with the task', () => {
    const a = answerExtractive(doc, '建平台这件事归哪个部门负责?');
    expect(a.grounded).toBe(true);
    expect(a.answer).toContain('市发展改革委负责');
  });

  it('asked for an amount the document does not give, it says so and shows what it does say', () => {
    const a = answerExtractive(doc, '建设统一平台给多少钱?');
    expect(a.grounded).toBe(false);
    expect(a.answer).toMatch(/^原文没有直接规定.*具体金额，相关内容见.*建成统一平台3个/);
    for (const c of a.citations) expect(squash(text)).toContain(squash(c.quote));
  });

  it('asked what a list section holds, it counts and names the items', () => {
    const a = answerExtractive(doc, '基本原则有哪几条?');
    expect(a.answer).toContain('问题导向');
    expect(a.answer).toContain('统筹推进');
  });
});
