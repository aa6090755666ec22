import { describe, expect, it } from 'vitest';
import { parseProgressCommand, parseValue } from '../../../src/slack/parse-progress.js';

describe('reading a typed figure', () => {
  it.each([
    ['3', 3],
    ['12.5', 12.5],
    ['5%', 5],
    ['５％', 5],
    ['３', 3],
    ['3家', 3],
    ['20万元', 20],
    ['1,200', 1200],
    ['-2', -2],
  ])('reads %s as %s', (text, value) => {
    expect(parseValue(text)).toBe(value);
  });

  it.each(['三', 'abc', '3.', '1,20', '', '5%%', '2016H1'])('refuses %s, which is not a figure', (text) => {
    expect(parseValue(text)).toBeNull();
  });
});

describe('/progress <text>', () => {
  it('with no text opens the modal', () => {
    expect(parseProgressCommand('')).toEqual({ kind: 'open' });
    expect(parseProgressCommand('   ')).toEqual({ kind: 'open' });
  });

  it('reads the indicator, the value and the note of the contract example', () => {
    expect(parseProgressCommand('国家质检中心 3 通过国家验收')).toEqual({
      kind: 'record',
      indicator: '国家质检中心',
      value: 3,
      note: '通过国家验收',
    });
  });

  it('keeps an English indicator name with spaces whole', () => {
    expect(parseProgressCommand('national centers 3 passed acceptance')).toEqual({
      kind: 'record',
      indicator: 'national centers',
      value: 3,
      note: 'passed acceptance',
    });
  });

  it('reads full-width digits and a percentage', () => {
    expect(parseProgressCommand('国家质检中心 ３')).toEqual({ kind: 'record', indicator: '国家质检中心', value: 3 });
    expect(parseProgressCommand('科技投入 6%')).toEqual({ kind: 'record', indicator: '科技投入', value: 6 });
  });

  it('splits a figure typed straight after a Chinese name', () => {
    expect(parseProgressCommand('国家质检中心3家')).toEqual({ kind: 'record', indicator: '国家质检中心', value: 3 });
  });

  it('takes a period written right after the value', () => {
    expect(parseProgressCommand('科技投入 6% 2016H1 含配套')).toEqual({
      kind: 'record',
      indicator: '科技投入',
      value: 6,
      period: '2016H1',
      note: '含配套',
    });
  });

  it('keeps later figures in the note', () => {
    const parsed = parseProgressCommand('博士 2 其中引进 1 人');
    expect(parsed).toEqual({ kind: 'record', indicator: '博士', value: 2, note: '其中引进 1 人' });
  });

  it('answers a name without a figure with the usage', () => {
    expect(parseProgressCommand('国家质检中心')).toEqual({ kind: 'usage', problem: 'no_value' });
  });

  it('answers a figure without a name with the usage', () => {
    expect(parseProgressCommand('3')).toEqual({ kind: 'usage', problem: 'no_indicator' });
    expect(parseProgressCommand('3 国家质检中心')).toEqual({ kind: 'usage', problem: 'no_indicator' });
  });

  it('reads history with and without a unit, and help', () => {
    expect(parseProgressCommand('history')).toEqual({ kind: 'history' });
    expect(parseProgressCommand('history jly')).toEqual({ kind: 'history', unit: 'jly' });
    expect(parseProgressCommand('历史 计量院')).toEqual({ kind: 'history', unit: '计量院' });
    expect(parseProgressCommand('help')).toEqual({ kind: 'help' });
  });
});
