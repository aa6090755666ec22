import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The load benchmark's CI smoke mode: planbot and a bare Bolt app in child processes, driven for a second per level
 * with signed /plan, DM, vote and /progress requests. No timing threshold but Slack's own 3 s acknowledgement limit.
 */
const run = promisify(execFile);

interface Summary {
  requests: number;
  busy: number;
  failed: number;
  overLimit: number;
  unanswered: number;
}

describe('the load benchmark in smoke mode', () => {
  it('under concurrent signed traffic, every request is acked with 200 within 3 s and every reply arrives', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'bench/load.ts', '--smoke', '--json', '--seconds', '1'],
      {
        timeout: 90_000,
        maxBuffer: 16 * 2 ** 20,
      },
    );
    const { results, summary } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      results: Array<{ app: string; ok: number; failed: number; repliesExpected: number; repliesReceived: number }>;
      summary: Summary;
    };
    expect(summary).toMatchObject({ busy: 0, failed: 0, overLimit: 0, unanswered: 0 });
    expect(summary.requests).toBeGreaterThan(0);
    expect(results.map((r) => r.app).sort()).toEqual(['bare', 'bare', 'planbot', 'planbot']);
    for (const r of results) expect(r.ok).toBeGreaterThan(0);
    for (const r of results.filter((x) => x.app === 'planbot')) expect(r.repliesReceived).toBe(r.repliesExpected);
  }, 120_000);
});
