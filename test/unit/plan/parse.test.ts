import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseTitle, parsePlan, splitSentences } from '../../../src/plan/parse.js';

const text = readFileSync('plans/nmg-keji-2015/plan.txt', 'utf8');
const plan = parsePlan(text, 'nmg-keji-2015');
const labels = plan.sections.map((s) => s.label);
const squash = (s: string) => s.replace(/\s+/g, '');

describe('parsePlan on the 2015 plan', () => {
  it('when the title has a stray space, the title is normalised', () => {
    expect(plan.title).toBe('内蒙古质监科技创新发展三年行动计划');
  });

  it('labels sections by number path and heading', () => {
    expect(labels).toContain('一、(三) 代表性指标');
    expect(labels).toContain('二、(一)2 计量');
    expect(labels).toContain('三、(六) 加强科技工作监管');
    expect(labels).toContain('一、总体要求');
  });

  it('labels the notice before the attachment with 通知 and the lead paragraphs with the title', () => {
    const notice = plan.passages.find((p) => p.text.includes('国发(2014)49号'));
    expect(notice?.section).toContain('通知');
    const lead = plan.passages.find((p) => p.text.startsWith('当前,质监部门面临着'));
    expect(lead?.section).toContain('内蒙古质监科技创新发展三年行动计划');
  });

  it('when a numbered heading continues with its body on the same line, heading and body are both kept', () => {
    const section = plan.sections.find((s) => s.path === '二、(四)1');
    expect(section?.heading).toBe('制定《内蒙古质监局人才发展战略计划》');
    const body = plan.passages.find((p) => p.section === section?.label && p.kind === 'paragraph');
    expect(body?.text).toContain('形成强大推动作用的人才培训和发展政策');
  });

  it('every passage is a verbatim span of the plan text', () => {
    const whole = squash(text);
    const strays = plan.passages.filter((p) => !whole.includes(squash(p.text)));
    expect(strays).toEqual([]);
    expect(plan.passages.filter((p) => p.kind === 'sentence').length).toBeGreaterThan(100);
  });

  it('gives depths from 0 (notice, lead) to 3 (1.)', () => {
    expect(plan.sections.find((s) => s.label.startsWith('通知'))?.depth).toBe(0);
    expect(plan.sections.find((s) => s.path === '三、')?.depth).toBe(1);
    expect(plan.sections.find((s) => s.path === '三、(六)')?.depth).toBe(2);
    expect(plan.sections.find((s) => s.path === '二、(一)2')?.depth).toBe(3);
  });
});

describe('parsePlan on another plan', () => {
  const other = [
    '某市 科技 工作要点',
    '',
    '  前言段落,说明背景。',
    '一、工作目标',
    '（一）数量目标',
    '  到2020年建成实验室3家;培养人才10名。',
    '1．标准工作',
    '  (1)制定地方标准,每年5项。',
    '二、保障措施',
    '  加强领导。',
  ].join('\n');
  const parsed = parsePlan(other, 'city-2020');

  it('when there is no notice, the first line is the title and no 通知 section exists', () => {
    expect(parsed.title).toBe('某市科技工作要点');
    expect(parsed.sections.some((s) => s.label.includes('通知'))).toBe(false);
    expect(parsed.passages.find((p) => p.text.startsWith('前言'))?.section).toBe('某市科技工作要点');
  });

  it('reads full-width brackets and dots and a fourth level the same way', () => {
    expect(parsed.sections.map((s) => s.label)).toEqual([
      '某市科技工作要点',
      '一、工作目标',
      '一、(一) 数量目标',
      '一、(一)1 标准工作',
      '一、(一)1(1) 制定地方标准',
      '二、保障措施',
    ]);
    expect(parsed.slug).toBe('city-2020');
  });
});

describe('splitSentences', () => {
  it('when a long sentence lists items with semicolons, its clauses are offered too', () => {
    const long = `${'甲'.repeat(80)};${'乙'.repeat(80)}。短句。`;
    const [first, second] = splitSentences(long);
    expect(first?.clauses).toHaveLength(2);
    expect(second).toEqual({ text: '短句。', clauses: [] });
  });

  it('normaliseTitle joins Chinese split by spaces but keeps spaces between Latin words', () => {
    expect(normaliseTitle('科技创 新 ABC plan')).toBe('科技创新ABC plan');
  });
});
