import { describe, expect, it } from 'vitest';
import { answersWant, placeLevel } from '../../../src/answer/answer-kind.js';
import { classify } from '../../../src/answer/question.js';
import { questionTerms } from '../../../src/answer/tokenize.js';

const content = (q: string) => {
  const intent = classify(q);
  if (intent.kind !== 'content') throw new Error(`not a content question: ${q}`);
  return { want: intent.want, unit: intent.unit, place: intent.want === 'where' ? placeLevel(q) : undefined };
};

describe('what kind of answer a question wants', () => {
  it('when a question asks which ones (哪几种, 哪些), it wants a list, not a count', () => {
    expect(content('集中采购分哪几种方式？').want).toBe('list');
    expect(content('基本原则一共有哪几条？').want).toBe('list');
    expect(content('学科带头人分几级？').want).toBe('count');
  });

  it('when a question asks when a task must be done, it is about the content, not the document’s date', () => {
    expect(classify('各省的具体实施方案最晚什么时候出台？').kind).toBe('content');
    expect(classify('这个方案是什么时候印发的？')).toEqual({ kind: 'document', field: 'date' });
  });

  it('when an English question asks when this notice or these measures were issued, it is about the document', () => {
    expect(classify('When was this notice issued?')).toEqual({ kind: 'document', field: 'date' });
    expect(classify('When were these measures issued?')).toEqual({ kind: 'document', field: 'date' });
    expect(classify('When was the pilot report submitted?').kind).toBe('content');
  });

  it('when an English question asks how far ahead or how soon, it wants a time', () => {
    expect(content('How far ahead must a tenant apply to renew the lease?').want).toBe('date');
    expect(content('How soon must the report be filed?').want).toBe('date');
  });

  it('when staff ask in spoken words (啥时候, 咋), the question word is still recognised', () => {
    expect(content('新建的园子啥时候要验收完？').want).toBe('date');
    expect(questionTerms('科研考核垫底的单位咋处理').map((t) => t.text)).not.toContain('咋');
  });

  it('when a bound suffix is split off by the segmenter (安家|费), it stays with its word', () => {
    expect(questionTerms('引进博士的安家费给多少').map((t) => t.text)).toContain('安家费');
  });

  it('when a count is asked in a unit of measure, only a figure in that unit answers it', () => {
    const q = content('每个中心要配多少台检测设备？');
    expect(q.unit).toBe('台');
    expect(answersWant(q, '到2017年中心达到10家。')).toBe(false);
    expect(answersWant(q, '每个中心配备检测设备20台。')).toBe(true);
  });

  it('when a count is asked with no unit, a year or a date alone does not answer it', () => {
    const q = content('How many PhDs should we recruit by the end of 2017?');
    expect(answersWant(q, '到2017年末,科技创新能力明显提高。')).toBe(false);
    expect(answersWant(q, '到2017年底,全系统争取培养和引进博士8人以上。')).toBe(true);
  });

  it('when a count is asked in 人, a figure in 名 answers it', () => {
    expect(answersWant(content('博士要引进多少人？'), '引进博士8名以上。')).toBe(true);
  });

  it('when a question asks for a place at a level, only a named place at that level answers it', () => {
    const city = content('新中心放在哪个盟市？');
    expect(city.place).toBe('city');
    expect(answersWant(city, '围绕内蒙古特色产业需求，筹备国家检验中心。')).toBe(false);
    expect(answersWant(city, '在包头市筹建国家检验中心。')).toBe(true);
    const any = content('还有哪个城市也是试点？');
    expect(answersWant(any, '选择10个左右有条件的城市开展试点。')).toBe(false);
    expect(answersWant(any, '确定北京、吉林和西藏自治区拉萨市作为试点地区。')).toBe(true);
  });

  it('when a question asks where money comes from (从哪儿出), it is not a place question', () => {
    expect(content('平台的运维经费从哪儿出？').want).not.toBe('where');
  });
});
