import { describe, expect, it } from 'vitest';
import { translateQuestion } from '../../../src/answer/english.js';
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
  const plan = '到2020年，建成人才公寓10000套，设立专项资金。';
  const inPlan = (zh: string) => (plan.includes(zh) ? 1 : 0);

  it('maps English words through the general dictionary onto the words this plan uses', () => {
    const t = translateQuestion('How many talent apartments will be built by 2020?', inPlan);
    expect(t.groups).toContainEqual(expect.arrayContaining(['人才']));
    expect(t.groups).toContainEqual(expect.arrayContaining(['公寓']));
    expect(t.groups).toContainEqual(['2020']);
  });

  it('when a content word has no Chinese form in the plan, it is reported as unknown', () => {
    expect(translateQuestion('How many drones will be purchased?', inPlan).unknown).toContain('drones');
  });

  it('reads British spellings, `<X> rate` as X率 and a phrasal verb as one word, and drops the verb after who', () => {
    const text =
      '到2020年，农作物秸秆综合利用率达到85%以上；试点城市参加联合采购，拥有自主知识产权。工作小组由副秘书长牵头。';
    const has = (zh: string) => (text.includes(zh) ? 1 : 0);
    const straw = translateQuestion('What is the utilisation rate for crop straw?', has);
    expect(straw.groups).toContainEqual(['利用率']);
    expect(straw.unknown).toEqual([]);
    expect(translateQuestion('How many pilot cities take part?', has).groups).toContainEqual(
      expect.arrayContaining(['参加']),
    );
    expect(translateQuestion('How many brands own intellectual property?', has).groups).toContainEqual(
      expect.arrayContaining(['知识产权']),
    );
    expect(translateQuestion('How many by the end of 2020?', has).groups).toContainEqual([
      '2020年底',
      '2020年末',
      '2020',
    ]);
    const grades = translateQuestion('How many B-level leaders this year, and how many grads?', (zh) =>
      ['B级', '毕业生'].includes(zh) ? 1 : 0,
    );
    expect(grades.groups).toContainEqual(['B级']);
    expect(grades.groups).toContainEqual(expect.arrayContaining(['毕业生']));
    expect(grades.topic).not.toContain('year');
    const who = translateQuestion('Who heads the working group?', has);
    expect(who.topic).toBe('working group');
  });
});

describe('question terms the way staff type them', () => {
  it('reads 几 with any measure word as the question word, and a bracketed alternate as part of the word', () => {
    expect(chineseTerms('其他县区的储备要够几天？')).toEqual(['县区', '储备', '够']);
    expect(docTokens('其他县（区）建立储备')).toContain('县区');
    expect(chineseTerms('科技工作谁是第一责任人')).toEqual(['科技', '工作', '第一责任人']);
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
