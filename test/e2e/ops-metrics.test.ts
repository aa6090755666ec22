import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../../src/package-root.js';
import { sample, total as sumOf } from '../fakes/prometheus.js';
import { callsOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

/** The real HTTP receiver serves /healthz and /metrics beside /slack/events, and the metrics count what happened. */

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ start: '2016-06-10T09:00:00+08:00' });
});
afterAll(() => sb?.close());

const get = (path: string) => fetch(new URL(path, sb.session.eventsUrl));

describe('GET /healthz and /metrics on the Slack port', () => {
  it('when the database answers, /healthz is 200 with the version', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: PACKAGE_VERSION, database: 'ok' });
  });

  it('after a DM question, a /plan question, an update and a round of reminders, /metrics counts each of them', async () => {
    const dm = await sb.run({ as: 'U_JLY_1', dm: '学科带头人分为几个等级?' });
    const replies = callsOf(dm, 'chat.postMessage').length;
    await sb.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/plan', text: '年度考核里科技工作占多少分?' });
    await sb.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '' });
    await sb.run({ as: 'U_JLY_1', submit: { 指标: '国家质检中心', 数值: '1' } });
    const reminders = callsOf(await sb.run({ clock: '2016-06-16T09:00:00+08:00' }), 'chat.postMessage').length;
    expect(replies).toBeGreaterThan(0);
    expect(reminders).toBeGreaterThan(0);

    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sample(text, 'planbot_requests_total', { kind: 'event:message' })).toBe(1);
    expect(sample(text, 'planbot_requests_total', { kind: 'command:/progress' })).toBe(1);
    expect(sample(text, 'planbot_requests_total', { kind: 'view_submission' })).toBe(1);
    expect(sample(text, 'planbot_ack_seconds_count', { kind: 'event:message' })).toBe(1);
    expect(sumOf(text, 'planbot_ack_seconds_count')).toBe(sumOf(text, 'planbot_requests_total'));
    expect(sample(text, 'planbot_requests_total', { kind: 'command:/plan' })).toBe(1);
    // The DM's answer and the /plan one, each counted once (a /plan answer was not counted before).
    expect(sumOf(text, 'planbot_answers_total')).toBe(2);
    expect(sample(text, 'planbot_answers_total', { mode: 'extractive', grounded: 'true' })).toBe(2);
    expect(sample(text, 'planbot_updates_recorded_total')).toBe(1);
    expect(sample(text, 'planbot_scheduled_messages_sent_total')).toBe(reminders);
    expect(sample(text, 'planbot_scheduled_messages_failed_total')).toBe(0);
    expect(sample(text, 'planbot_outbox_backlog')).toBe(0);
    expect(sample(text, 'planbot_database_errors_total')).toBe(0);
    expect(sample(text, 'planbot_info', { version: PACKAGE_VERSION })).toBe(1);
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) {
      expect(line).toMatch(/^planbot_/);
    }
  });

  it('a statement the database rejects is counted as a database error, once', async () => {
    const before = sample(await (await get('/metrics')).text(), 'planbot_database_errors_total') ?? 0;
    await expect(sb.booted.deps.db.execute(sql`select * from no_such_table`)).rejects.toThrow();
    const after = sample(await (await get('/metrics')).text(), 'planbot_database_errors_total');
    expect(after).toBe(before + 1);
  });
});
