import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, splitSentences } from '../../src/summary/report-points.js';
import { REPORTS, sectionWith, submitReports, TOPIC_LABELS } from '../fakes/half-year-reports.js';
import { type FakeOpenAiServer, reply, startFakeOpenAiServer } from '../fakes/openai-server.js';
import { callsOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

/** The circular (no review) carries what the units reported, topic by topic, offline and with a model. */

const CIRCULAR_TIME = { clock: '2016-07-15T09:00:00+08:00' };
const circularOf = (events: Awaited<ReturnType<TestSandbox['run']>>) =>
  callsOf(events, 'chat.postMessage').find((c) => c.args.channel === 'C_KEJI' && !c.args.thread_ts);
const SHORT: Record<string, string> = { jly: '计量院', shy: '石化院' };

describe('the circular without a model', () => {
  let sb: TestSandbox;
  let blocks: unknown;
  beforeAll(async () => {
    sb = await startTestSandbox({ start: '2016-06-20T09:00:00+08:00' });
    await submitReports(sb);
    blocks = circularOf(await sb.run(CIRCULAR_TIME))?.args.blocks;
  }, 240_000);
  afterAll(() => sb?.close());

  it('carries each point under its topic with its unit, verbatim from the unit’s report', () => {
    for (const [unitId, report] of Object.entries(REPORTS)) {
      for (const [key, text] of Object.entries(report.topics)) {
        const section = sectionWith(blocks, TOPIC_LABELS[key] ?? key);
        const points = splitSentences(text).filter((s) => !isProblem(s) && !s.startsWith('现将'));
        expect(points.length).toBeGreaterThan(0);
        const line = section.split('\n').find((l) => l.startsWith(`• ${SHORT[unitId]}:`));
        for (const point of points) expect(line).toContain(point);
      }
    }
  });

  it('leaves framing sentences out and names the institutions that reported nothing', () => {
    expect(JSON.stringify(blocks)).not.toContain('现将有关情况报告如下');
    const section = sectionWith(blocks, TOPIC_LABELS.staff_training as string);
    expect(section).toMatch(/未报告本项内容的单位:.*特检院/);
    expect(section).not.toMatch(/未报告本项内容的单位:.*计量院/);
  });

  it('gathers the problems units raised in a section of their own, each with its unit and topic', () => {
    const problems = sectionWith(blocks, '问题和困难');
    expect(problems).toContain('计量院(科技工作开展情况):存在的主要困难是高端计量设备短缺。');
    expect(problems).toContain('石化院(科研人员培训情况):建议加大对青年科研人员的经费支持。');
    expect(sectionWith(blocks, TOPIC_LABELS.work_carried_out as string)).not.toContain('短缺');
  });
});

describe('the circular with a model that invents a unit’s claim', () => {
  let sb: TestSandbox;
  let model: FakeOpenAiServer;
  let blocks: unknown;
  beforeAll(async () => {
    model = await startFakeOpenAiServer({
      handler: (body) => {
        const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
        if (user.includes(TOPIC_LABELS.staff_training as string)) {
          return reply.text(
            JSON.stringify([
              {
                unit: 'jly',
                claim: '计量院组织科研人员培训3期,共培训60人次。',
                quote: '组织科研人员培训3期，共培训60人次',
              },
              { unit: 'shy', claim: '石化院选派4名技术骨干赴外省进修。', quote: '选派4名技术骨干赴外省进修' },
            ]),
          );
        }
        if (user.includes(TOPIC_LABELS.work_carried_out as string)) {
          // A real quote, a claim the unit never made.
          return reply.text(
            JSON.stringify([
              { unit: 'jly', claim: '计量院荣获国家科技进步一等奖。', quote: '开展计量比对研究课题4项' },
            ]),
          );
        }
        // An invented quote.
        return reply.text(
          JSON.stringify([{ unit: 'shy', claim: '石化院新建院士工作站。', quote: '新建院士工作站1个' }]),
        );
      },
    });
    sb = await startTestSandbox({
      start: '2016-06-20T09:00:00+08:00',
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: model.baseURL, OPENAI_TIMEOUT_MS: '5000' },
    });
    await submitReports(sb);
    blocks = circularOf(await sb.run(CIRCULAR_TIME))?.args.blocks;
  }, 240_000);
  afterAll(async () => {
    await sb?.close();
    await model?.close();
  });

  it('asks the model once per topic that units wrote on', () => {
    expect(model.requests.length).toBe(4);
  });

  it('never lets the invented claim or the invented quote reach the circular; those topics keep the units’ own words', () => {
    const text = JSON.stringify(blocks);
    expect(text).not.toContain('国家科技进步一等奖');
    expect(text).not.toContain('院士工作站');
    expect(sectionWith(blocks, TOPIC_LABELS.work_carried_out as string)).toContain(
      '计量院:开展计量比对研究课题4项，其中2项已通过验收。',
    );
  });

  it('shows a verified narrative with each claim’s quote from its unit’s report', () => {
    const section = sectionWith(blocks, TOPIC_LABELS.staff_training as string);
    expect(section).toContain('计量院组织科研人员培训3期');
    expect(section).toContain('(计量院报告:“组织科研人员培训3期，共培训60人次”)');
    expect(section).toContain('(石化院报告:“选派4名技术骨干赴外省进修”)');
  });
});
