import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPlanMatcher, longestCommonRun, normalizeForMatch } from '../../../src/answer/citations.js';
import type { Passage } from '../../../src/answer/types.js';

const planText = readFileSync(new URL('../../../plans/nmg-keji-2015/plan.txt', import.meta.url), 'utf8');
const line = (phrase: string): string => {
  const found = planText.split('\n').find((l) => l.includes(phrase));
  if (!found) throw new Error(`no plan line contains ${phrase}`);
  return found.trim();
};

const passages: Passage[] = [
  { id: 'a', section: '三、(四) 加强科技工作考核', text: line('建立科技工作考核评价体系'), kind: 'paragraph' },
  { id: 'b', section: '一、(三) 代表性指标', text: line('2015年力争取得自治区科技成果奖'), kind: 'paragraph' },
  { id: 'c', section: '二、(四)2 加大人才引进力度', text: line('大力引进高层次创新型科技人才'), kind: 'paragraph' },
];
const matcher = createPlanMatcher(planText);

describe('checking citations against the plan text', () => {
  it('keeps a verbatim quote and labels it with its passage section', () => {
    const check = matcher.check([{ n: 2, quote: '到2017年自治区科技成果奖数量达到5项以上' }], passages);

    expect(check.citations).toEqual([
      { section: '一、(三) 代表性指标', quote: '到2017年自治区科技成果奖数量达到5项以上' },
    ]);
    expect(check.exact).toBe(1);
  });

  it('re-cuts a quote written with full-width punctuation and spaces to the exact plan span', () => {
    const check = matcher.check(
      [{ n: 1, quote: '重点评价技术机构科研创新技术突破， 人才培养成效，人才引进措施和效果' }],
      passages,
    );

    expect(check.citations[0]?.quote).toBe('重点评价技术机构科研创新技术突破,人才培养成效,人才引进措施和效果');
    expect(planText).toContain(check.citations[0]?.quote);
  });

  it('re-cuts a quote that crosses a line break and indentation to the plan text, line break included', () => {
    const from = planText.indexOf('(六)加强科技工作监管');
    const heading: Passage = {
      id: 'd',
      section: '三、(六) 加强科技工作监管',
      text: planText.slice(from, planText.indexOf('。', from) + 1),
      kind: 'paragraph',
    };

    const check = matcher.check([{ n: 1, quote: '加强科技工作监管 建立科技工作推进监管制度' }], [heading]);

    expect(check.citations).toHaveLength(1);
    expect(planText).toContain(check.citations[0]?.quote);
    expect(check.citations[0]?.quote).toMatch(/^加强科技工作监管\n\s+建立科技工作推进监管制度$/);
  });

  it('keeps a verbatim quote cited under the wrong passage number, with the section it really comes from', () => {
    const check = matcher.check([{ n: 1, quote: '所在单位每年须为其提供不少于20万元的科研经费' }], passages);

    expect(check.citations).toEqual([
      { section: '二、(四)2 加大人才引进力度', quote: '所在单位每年须为其提供不少于20万元的科研经费' },
    ]);
  });

  it('repairs a near-verbatim quote to the longest span it shares with the cited passage', () => {
    const check = matcher.check([{ n: 1, quote: '给予排名后三名的单位亮黄牌,并约谈单位主要负责人' }], passages);

    expect(check.repaired).toBe(1);
    expect(check.citations[0]?.quote).toBe('给予排名后三名的单位亮黄牌,并约谈单位');
  });

  it('drops a fabricated quote, a quote that shares too little, and one citing a passage that does not exist', () => {
    const check = matcher.check(
      [
        { n: 1, quote: '各单位每年必须完成十次无人机巡检任务' },
        { n: 1, quote: '科技工作考核由第三方机构负责组织评分并公开排名' },
        { n: 9, quote: '完全没有这句话' },
      ],
      passages,
    );

    expect(check.citations).toEqual([]);
    expect(check.dropped).toBe(3);
  });

  it('keeps a repeated quote once', () => {
    const quote = '年度考核分值百分制占分不少于20分';
    const check = matcher.check(
      [
        { n: 1, quote },
        { n: 1, quote: ` ${quote} ` },
      ],
      passages,
    );

    expect(check.citations).toHaveLength(1);
  });

  it('only ever returns verbatim spans of the plan, whatever span of a passage is quoted and re-spaced', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: passages.length - 1 }),
        fc.nat(),
        fc.integer({ min: 4, max: 60 }),
        fc.boolean(),
        (p, at, len, respace) => {
          const text = (passages[p] as Passage).text;
          const start = at % Math.max(1, text.length - len);
          const raw = text.slice(start, start + len);
          const quote = respace ? raw.replace(/,/g, ', ').replace(/;/g, ';') : raw;
          const check = matcher.check([{ n: p + 1, quote }], passages);
          for (const c of check.citations) expect(planText).toContain(c.quote);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('normalising text for matching', () => {
  it('drops whitespace and folds full-width punctuation, remembering where each character came from', () => {
    const n = normalizeForMatch('甲, 乙(丙)\u00a0“丁”');

    expect(n.text).toBe('甲,乙(丙)"丁"');
    expect(n.starts).toHaveLength(n.text.length);
    expect(n.starts[2]).toBe(3);
  });

  it('finds the longest common run of two strings', () => {
    expect(longestCommonRun('xx科研经费yy', '自治区局科研经费不少于')).toEqual({ start: 4, length: 4 });
    expect(longestCommonRun('abc', 'xyz').length).toBe(0);
  });
});
