import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/answer/types.js';
import { answerBlocks } from '../../../src/slack/blocks/answer.js';
import { safeText, splitText } from '../../../src/slack/blocks/text.js';

const answer = (over: Partial<Answer> = {}): Answer => ({
  answer: '2017年我区国家质检中心达到10家。',
  grounded: true,
  mode: 'extractive',
  citations: [{ section: '一、(三) 代表性指标', quote: '2017年我区国家质检中心达到10家' }],
  lang: 'zh',
  ...over,
});

describe('the answer message', () => {
  it('shows the answer, then 依据 with each section, then feedback buttons; a quote the answer reads out is not repeated', () => {
    const blocks = answerBlocks(answer(), { questionId: 7 });
    expect(blocks.map((b) => b.type)).toEqual(['section', 'context', 'actions']);
    const context = JSON.stringify(blocks[1]);
    expect(context).toContain('依据');
    expect(context).toContain('一、(三) 代表性指标');
    expect(context).not.toContain('2017年我区国家质检中心达到10家');
    expect(JSON.stringify(blocks).split('2017年我区国家质检中心达到10家').length - 1).toBe(1);
    expect(JSON.stringify(blocks[2])).toContain('"value":"7"');
  });

  it('a reply to small talk (谢谢) has no buttons to rate or share it', () => {
    const thanks = answer({ answer: '不客气！', grounded: false, citations: [], social: true });
    const blocks = answerBlocks(thanks, { questionId: 7, shareable: true });
    expect(blocks.map((b) => b.type)).toEqual(['section']);
  });

  it('when the answer words it differently, 依据 shows the quote beside its section', () => {
    const blocks = answerBlocks(answer({ answer: 'By 2017 the region should have 10 national centres.', lang: 'en' }), {
      questionId: 7,
    });
    const context = JSON.stringify(blocks[1]);
    expect(context).toContain('一、(三) 代表性指标');
    expect(context).toContain('2017年我区国家质检中心达到10家');
  });

  it('when the answer is longer than a section block holds, it is split within 3,000 characters a block and 50 blocks', () => {
    const long = '计划要求加强科技工作。'.repeat(2000);
    const blocks = answerBlocks(answer({ answer: long }), { questionId: 1 });
    const sections = blocks.filter((b) => b.type === 'section') as Array<{ text: { text: string } }>;
    expect(sections.length).toBeGreaterThan(1);
    expect(sections.every((s) => s.text.text.length <= 3000)).toBe(true);
    expect(blocks.length).toBeLessThanOrEqual(50);
  });

  it('when the text carries mass mentions or Slack markup, none of it can notify or link', () => {
    const blocks = answerBlocks(answer({ answer: '@channel <!here> <@U123> <https://evil.example|click> @everyone' }), {
      questionId: 1,
    });
    const text = JSON.stringify(blocks);
    expect(text).not.toMatch(/<!here>|<@U123>|<https:/);
    expect(text).not.toMatch(/@channel|@everyone/);
  });

  it('when the plan does not cover the question, the nearest sections are named and there is no 依据', () => {
    const blocks = answerBlocks(answer({ grounded: false, citations: [], nearest: ['三、(六) 加强科技工作监管'] }), {
      questionId: 2,
    });
    const text = JSON.stringify(blocks);
    expect(text).not.toContain('依据');
    expect(text).toContain('最接近的章节');
  });

  it('in English, the labels are English', () => {
    const text = JSON.stringify(answerBlocks(answer({ lang: 'en' }), { questionId: 3, shareable: true }));
    expect(text).toContain('Sources');
    expect(text).toContain('Share in channel');
  });
});

describe('text helpers', () => {
  it('splitText cuts at sentence ends and keeps every character', () => {
    const text = `${'第一句。'.repeat(900)}${'第二句。'.repeat(900)}`;
    const pieces = splitText(text, 3000);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => p.length <= 3000 && p.endsWith('。'))).toBe(true);
  });

  it('safeText escapes &, < and >', () => {
    expect(safeText('a & <b>')).toBe('a &amp; &lt;b&gt;');
  });
});
