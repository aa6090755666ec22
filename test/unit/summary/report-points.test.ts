import { describe, expect, it } from 'vitest';
import { pointsBlocks, pointsText } from '../../../src/slack/blocks/circular-points.js';
import { claimSupported, parseClaims, verifyClaims } from '../../../src/summary/report-narrative.js';
import {
  extractReportPoints,
  isFiller,
  isProblem,
  type PointsInput,
  splitSentences,
  standsIn,
} from '../../../src/summary/report-points.js';

/** Two report topics, three units of the reporting kind and one of another kind; made-up reports. */
const input: PointsInput = {
  period: '2020H1',
  topics: [
    { key: 'work', label: '工作开展情况', applies_to: ['lab'] },
    { key: 'people', label: '人员培养情况', applies_to: ['lab'] },
  ],
  units: [
    { id: 'a', short: '甲所', kind: 'lab' },
    { id: 'b', short: '乙所', kind: 'lab' },
    { id: 'c', short: '丙所', kind: 'lab' },
    { id: 'z', short: '某中心', kind: 'center' },
  ],
  reports: [
    {
      unitId: 'a',
      topics: {
        work: '现将上半年工作情况报告如下。1. 完成检测方法研究课题4项，其中2项通过验收；\n2. 举办学术交流会1次。存在的主要困难是高端检测设备短缺。',
        people: '选派6名技术人员赴外省进修。',
      },
    },
    {
      unitId: 'b',
      topics: { work: '新建实验室一个,开展比对试验12次。建议上级加大对青年人才的经费支持。', people: '无。' },
    },
    { unitId: 'z', topics: { work: '不应出现' } },
  ],
};

describe('splitting a report into sentences', () => {
  it('cuts at Chinese sentence ends and line breaks, drops list markers, and every piece stands in the text', () => {
    const text = input.reports[0]?.topics.work ?? '';
    const sentences = splitSentences(text);
    expect(sentences).toContain('完成检测方法研究课题4项，其中2项通过验收；');
    expect(sentences).toContain('举办学术交流会1次。');
    expect(sentences.every((s) => standsIn(s, text))).toBe(true);
  });

  it('treats framing sentences and near-empty answers as filler', () => {
    expect(isFiller('现将上半年工作情况报告如下。')).toBe(true);
    expect(isFiller('无。')).toBe(true);
    expect(isFiller('完成检测方法研究课题4项。')).toBe(false);
  });

  it('takes difficulties and requests as problems, but not ones said to be solved', () => {
    expect(isProblem('存在的主要困难是高端检测设备短缺。')).toBe(true);
    expect(isProblem('建议上级加大对青年人才的经费支持。')).toBe(true);
    expect(isProblem('上期发现的问题已整改完毕。')).toBe(false);
    expect(isProblem('举办学术交流会1次。')).toBe(false);
  });
});

describe('the report points of a period', () => {
  const points = extractReportPoints(input);
  const work = points.topics.find((t) => t.key === 'work');
  const people = points.topics.find((t) => t.key === 'people');

  it('lists each unit’s informative sentences under the topic, verbatim from its own report, filler left out', () => {
    const a = work?.points.find((p) => p.unitId === 'a');
    expect(a?.unit).toBe('甲所');
    expect(a?.sentences).toEqual(['完成检测方法研究课题4项，其中2项通过验收；', '举办学术交流会1次。']);
    for (const p of work?.points ?? []) {
      const own = input.reports.find((r) => r.unitId === p.unitId)?.topics.work ?? '';
      expect(p.sentences.every((s) => standsIn(s, own))).toBe(true);
    }
  });

  it('gathers the problems raised apart, each with its unit and topic, and keeps them out of the points', () => {
    expect(points.problems.map((p) => [p.unit, p.topic, p.text])).toEqual([
      ['甲所', '工作开展情况', '存在的主要困难是高端检测设备短缺。'],
      ['乙所', '工作开展情况', '建议上级加大对青年人才的经费支持。'],
    ]);
    expect(JSON.stringify(work?.points)).not.toContain('短缺');
  });

  it('names the units that wrote nothing on a topic, or sent no report; units of other kinds are not expected', () => {
    expect(work?.silent).toEqual(['丙所']);
    expect(people?.silent).toEqual(['乙所', '丙所']);
    expect(JSON.stringify(points)).not.toContain('不应出现');
  });

  it('keeps at most the asked number of sentences per unit, the most informative ones', () => {
    const long: PointsInput = {
      ...input,
      reports: [{ unitId: 'a', topics: { work: '加强了管理工作。完成课题3项。发表论文5篇。推进标准化建设工作。' } }],
    };
    const a = extractReportPoints(long, { perUnit: 2 }).topics[0]?.points[0];
    expect(a?.sentences).toEqual(['完成课题3项。', '发表论文5篇。']);
  });

  it('renders every point under its topic with its unit, and the problems in a section of their own', () => {
    const text = pointsText(points);
    expect(text.indexOf('工作开展情况')).toBeLessThan(text.indexOf('甲所:完成检测方法研究课题4项'));
    expect(text).toContain('未报告本项内容的单位:丙所');
    expect(text.indexOf('各单位反映的问题和困难')).toBeLessThan(text.indexOf('甲所(工作开展情况):存在的主要困难'));
    const blocks = pointsBlocks(points, { people: '由处室改写的段落' });
    expect(JSON.stringify(blocks)).toContain('由处室改写的段落');
    expect(JSON.stringify(blocks)).not.toContain('选派6名技术人员');
  });
});

describe('checking a model’s narrative', () => {
  const work = extractReportPoints(input).topics[0];
  if (!work) throw new Error('no topic');

  it('accepts claims whose quotes stand in the unit’s own report and bear the claim out', () => {
    const claims = parseClaims(
      '好的:[{"unit":"a","claim":"甲所完成检测方法研究课题4项。","quote":"完成检测方法研究课题4项"},{"unit":"b","claim":"乙所开展比对试验12次。","quote":"开展比对试验12次"}]',
    );
    expect(verifyClaims(claims ?? [], work, input)?.map((c) => c.unit)).toEqual(['甲所', '乙所']);
  });

  it('rejects the topic when one claim states a figure its quote does not have', () => {
    expect(claimSupported('甲所完成课题40项。', '完成检测方法研究课题4项', '甲所')).toBe(false);
    const claims = [{ unit: 'a', claim: '甲所完成课题40项。', quote: '完成检测方法研究课题4项' }];
    expect(verifyClaims(claims, work, input)).toBeNull();
  });

  it('rejects a quote taken from another unit’s report, an invented quote, and a claim its quote does not say', () => {
    expect(
      verifyClaims([{ unit: 'a', claim: '甲所开展比对试验12次。', quote: '开展比对试验12次' }], work, input),
    ).toBeNull();
    expect(
      verifyClaims([{ unit: 'b', claim: '乙所获国家奖。', quote: '乙所获得国家科技进步奖' }], work, input),
    ).toBeNull();
    expect(
      verifyClaims([{ unit: 'a', claim: '甲所获得国家科技进步一等奖。', quote: '举办学术交流会1次' }], work, input),
    ).toBeNull();
  });

  it('reads no claims from a reply without a JSON array', () => {
    expect(parseClaims('抱歉,我无法完成。')).toBeNull();
  });
});
