import { describe, expect, it } from 'vitest';
import { withReportPoints } from '../../../src/schedule/circular-points.js';
import type { OutboxMessage } from '../../../src/schedule/outbox.js';
import { extractReportPoints } from '../../../src/summary/report-points.js';

/** Where the report points go: inside the circular when it has room, else in its thread, within Slack's limits. */

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const circular = (blocks: unknown[]): OutboxMessage[] => [
  {
    recipient: 'C_SUM',
    kind: 'circular',
    payload: { method: 'chat.postMessage', channel: 'C_SUM', text: '通报', blocks },
  },
  {
    recipient: 'C_SUM',
    kind: 'circular_detail:a',
    payload: { method: 'chat.postMessage', channel: 'C_SUM', text: '明细', threadOf: 'circular' },
  },
];
const units = Array.from({ length: 30 }, (_, i) => ({ id: `u${i}`, short: `单位${i}`, kind: 'lab' }));
const points = extractReportPoints({
  period: '2020H1',
  topics: Array.from({ length: 6 }, (_, i) => ({ key: `t${i}`, label: `主题${i}`, applies_to: ['lab'] })),
  units,
  reports: units.map((u) => ({
    unitId: u.id,
    topics: Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [
        `t${i}`,
        `${u.short}完成第${i}项重点检测方法研究课题共计12项并通过验收。`.repeat(3),
      ]),
    ),
  })),
});

describe('the report points in the circular’s messages', () => {
  it('go inside the circular, numbered after its own chapters, when it has room', () => {
    const out = withReportPoints(
      circular([section('*一、报送*'), section('*二、指标*'), section('*三、考核排名*')]),
      points,
    );
    expect(out.map((m) => m.kind)).toEqual(['circular', 'circular_detail:a']);
    const text = JSON.stringify(out[0]?.payload);
    expect(text).toContain('四、各单位半年报告要点');
    expect(text).toContain('五、各单位反映的问题和困难');
  });

  it('without a ranking chapter, they are chapters three and four', () => {
    const out = withReportPoints(circular([section('*一、报送*'), section('*二、指标*')]), points);
    expect(JSON.stringify(out[0]?.payload)).toContain('三、各单位半年报告要点');
  });

  it('go to the circular’s thread, right after it, when the circular is full; no message or section over the limits', () => {
    const full = circular(Array.from({ length: 45 }, (_, i) => section(`第${i}段`)));
    const out = withReportPoints(full, points);
    expect(out[0]?.kind).toBe('circular');
    expect((out[0]?.payload as { blocks: unknown[] } | undefined)?.blocks).toHaveLength(45);
    const replies = out.filter((m) => m.kind.startsWith('circular_points'));
    expect(replies.length).toBeGreaterThan(0);
    expect(out.indexOf(replies[0] as OutboxMessage)).toBe(1);
    for (const r of replies) {
      const p = r.payload as { blocks: Array<{ text: { text: string } }>; threadOf?: string };
      expect(p.threadOf).toBe('circular');
      expect(p.blocks.length).toBeLessThanOrEqual(50);
      for (const b of p.blocks) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    }
    expect(JSON.stringify(replies)).toContain('单位29');
  });
});
