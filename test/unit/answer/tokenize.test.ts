import { describe, expect, it } from 'vitest';
import { translateQuestion } from '../../../src/answer/glossary.js';
import { detectLang } from '../../../src/answer/lang.js';
import { chineseTerms, docTokens, questionTerms } from '../../../src/answer/tokenize.js';

describe('tokens and question terms', () => {
  it('indexes Chinese by bigrams so partial words match', () => {
    expect(docTokens('国家质检中心')).toEqual(expect.arrayContaining(['国家', '质检', '检中', '中心']));
  });

  it('reads full-width digits as numbers', () => {
    expect(docTokens('２０１７年')).toContain('2017');
  });

  it('drops question and framing words from a question', () => {
    expect(chineseTerms('计划对食品安全监督抽检比例有什么规定?')).toEqual(['食品', '安全', '监督', '抽检', '比例']);
  });

  it('marks an unknown word next to the question word as naming the answer, except a subject before 是 or 有', () => {
    const grades = questionTerms('学科带头人分为几个等级?');
    expect(grades.find((t) => t.text === '分为')?.nearQuestion).toBe(true);
    expect(questionTerms('退休年龄是多少?').find((t) => t.text === '退休年龄')?.nearQuestion).toBe(false);
    expect(questionTerms('检测收费有什么规定?').find((t) => t.text === '收费')?.nearQuestion).toBe(false);
  });
});

describe('translateQuestion', () => {
  it('maps English terms of the domain to their Chinese forms, longest phrase first', () => {
    const t = translateQuestion('How many national inspection centers should the region have by 2017?');
    expect(t.groups).toContainEqual(expect.arrayContaining(['国家质检中心']));
    expect(t.groups).toContainEqual(['2017']);
    expect(t.unknown).toEqual([]);
  });

  it('when a content word is outside the glossary, it is reported as unknown', () => {
    expect(translateQuestion('How many drones will be purchased?').unknown).toEqual(['drones', 'purchased']);
  });
});

describe('detectLang', () => {
  it.each([
    ['到2017年国家质检中心有多少家?', 'zh'],
    ['How many PhDs?', 'en'],
    ['How many 博士 should be trained?', 'en'],
    ['', 'zh'],
  ] as const)('reads %s as %s', (text, lang) => {
    expect(detectLang(text)).toBe(lang);
  });
});
