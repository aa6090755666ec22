import { describe, expect, it } from 'vitest';
import { answerExtractive } from '../../../src/answer/extractive.js';
import { buildIndex } from '../../../src/answer/retrieve.js';
import { loadPlan } from '../../../src/plan/load.js';

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

  it('when asked for a figure the plan does not give, it is refused rather than answered with prose', () => {
    const a = answerExtractive(index, 'How much is the travel allowance for staff going abroad?');
    expect(a.grounded).toBe(false);
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
