import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client.js';
import { jobRuns, outbox } from '../../db/schema.js';
import type { FakeSlack } from '../../src/sandbox/fake-slack.js';
import { claimSlot } from '../../src/schedule/claim.js';
import { enqueue, failedMessages, lockReady } from '../../src/schedule/outbox.js';
import { testDatabases } from '../fakes/db.js';
import { at, posts, recordUpdate, reset, seed, startProcess, startSlack, submitReport } from './schedule-support.js';

interface Delivered {
  method: string;
  channel: string;
  thread_ts?: string;
  text?: string;
  metadata?: { event_payload?: { id?: number } };
}

for (const target of testDatabases()) {
  describe(`scheduled reminders and circulars on ${target.name}`, () => {
    let database: Database & { url?: string };
    let slack: FakeSlack;
    let delivered: Delivered[] = [];

    beforeAll(async () => {
      database = await target.open();
      await seed(database);
      slack = await startSlack();
      slack.onCall((call, response) => {
        if (response.ok !== true) return;
        if (call.method === 'chat.postMessage' || call.method === 'files.completeUploadExternal') {
          delivered.push({ method: call.method, ...(call.args as { channel: string }) });
        }
      });
    });
    afterAll(async () => {
      await slack?.close();
      await database?.close();
    });
    beforeEach(async () => {
      await reset(database);
      delivered = [];
      slack.uploads.length = 0;
    });

    it('reminds only the institutions without a submitted report, in their channel and to each lead, once', async () => {
      await submitReport(database, 'shy', '2016H1', at('2016-06-10T10:00:00'));
      await recordUpdate(database, 'jly', 'cooperation_projects', '2016H1', 1, at('2016-06-01T10:00:00'));
      const p = startProcess(database, slack, 'p1');
      const report = await p.scheduler.runDue(at('2016-06-16T09:00:00'));
      expect(report.ran).toEqual(['reminders nmg-keji-2015/2016H1/before-14']);
      const to = delivered.map((d) => d.channel).sort();
      // jly: channel + lead; tjy: channel + two leads; xjj: no channel, its lead; shy submitted; coal owes no report.
      expect(to).toEqual(['C_JLY', 'C_TJY', 'U_JLY_LEAD', 'U_TJY_2', 'U_TJY_LEAD', 'U_XJJ_LEAD']);
      const jly = posts(slack).find((m) => m.channel === 'C_JLY');
      expect(jly?.text).toContain('还有 14 天');
      expect(JSON.stringify(jly?.blocks)).not.toContain('合作科技项目');
      expect(JSON.stringify(jly?.blocks)).toContain('"action_id":"open_report"');
      expect(JSON.stringify(jly?.blocks)).toContain('"value":"jly:2016H1:nmg-keji-2015"');
      expect(JSON.stringify(posts(slack))).not.toMatch(/<!channel>|<!here>|@channel/);

      const again = await p.scheduler.runDue(at('2016-06-16T09:05:00'));
      expect(again.ran).toEqual([]);
      expect(delivered).toHaveLength(6);
    });

    it('two processes with their own connections run the same slots at once and every message is posted exactly once', async () => {
      const second: Database =
        target.name === 'postgres' && database.url
          ? await openDatabase({ kind: 'postgres', url: database.url })
          : database;
      try {
        const a = startProcess(database, slack, 'process-a');
        const b = startProcess(second, slack, 'process-b');
        const times = [
          '2016-06-16T09:00:00',
          '2016-06-23T09:00:00',
          '2016-06-29T09:00:00',
          '2016-07-01T09:00:00',
          '2016-07-07T09:00:00',
          '2016-07-08T09:00:00',
          '2016-07-15T09:00:00',
        ];
        for (const t of times) {
          if (t === '2016-06-23T09:00:00') await submitReport(database, 'jly', '2016H1', at('2016-06-20T10:00:00'));
          await Promise.all([a.scheduler.runDue(at(t)), b.scheduler.runDue(at(t))]);
        }
        const rows = await database.db.select().from(outbox);
        expect(rows.every((r) => r.status === 'sent')).toBe(true);
        expect(delivered).toHaveLength(rows.length);
        // Every post names its outbox row: each row's message reached Slack once.
        const posted = delivered
          .filter((d) => d.method === 'chat.postMessage')
          .map((d) => d.metadata?.event_payload?.id);
        const postRows = rows
          .filter((r) => (r.payload as { method: string }).method === 'chat.postMessage')
          .map((r) => r.id);
        expect(posted.sort()).toEqual(postRows.sort());
        // After jly submitted on 06-20, no later reminder reaches it.
        const jlyPosts = rows.filter((r) => r.kind === 'reminder:jly').map((r) => r.slot);
        expect([...new Set(jlyPosts)]).toEqual(['nmg-keji-2015/2016H1/before-14']);
        const runs = await database.db.select().from(jobRuns);
        expect(
          runs
            .filter((r) => r.status === 'done')
            .map((r) => r.slot)
            .sort(),
        ).toEqual(
          [
            'nmg-keji-2015/2016H1/before-14',
            'nmg-keji-2015/2016H1/before-7',
            'nmg-keji-2015/2016H1/before-1',
            'nmg-keji-2015/2016H1/after-1',
            'nmg-keji-2015/2016H1/after-7',
            'nmg-keji-2015/2016H1/escalation',
            'nmg-keji-2015/2016H1/circular',
          ].sort(),
        );
        expect(rows.filter((r) => r.kind === 'escalation')).toHaveLength(1);
        expect(rows.filter((r) => r.kind === 'circular')).toHaveLength(1);
      } finally {
        if (second !== database) await second.close();
      }
    });

    it('when a process dies after claiming a slot, another takes the claim over after the lease and delivers it', async () => {
      const now = at('2016-06-16T09:00:00');
      expect(
        await claimSlot(database.db, 'reminders', 'nmg-keji-2015/2016H1/before-14', 'dead-process', now, 120_000),
      ).toBe('claimed');
      const survivor = startProcess(database, slack, 'survivor');
      const within = await survivor.scheduler.runDue(new Date(now.getTime() + 60_000));
      expect(within.ran).toEqual([]);
      expect(delivered).toHaveLength(0);
      const after = await survivor.scheduler.runDue(new Date(now.getTime() + 121_000));
      expect(after.ran).toEqual(['reminders nmg-keji-2015/2016H1/before-14']);
      expect(delivered).toHaveLength(8);
      expect(survivor.log.some((l) => l.msg.includes('took over'))).toBe(true);
    });

    it('when a process dies holding outbox rows mid-send, another sends them once their lock runs out', async () => {
      const now = at('2016-06-16T09:00:00');
      const dying = startProcess(database, slack, 'dying');
      await claimSlot(database.db, 'reminders', 'nmg-keji-2015/2016H1/before-14', 'dying', now, 120_000);
      await enqueue(
        database.db,
        'reminders',
        'nmg-keji-2015/2016H1/before-14',
        [
          {
            recipient: 'C_JLY',
            kind: 'reminder:jly',
            payload: { method: 'chat.postMessage', channel: 'C_JLY', text: '提醒' },
          },
        ],
        now,
      );
      await database.db
        .update(jobRuns)
        .set({ status: 'done' })
        .where(eq(jobRuns.slot, 'nmg-keji-2015/2016H1/before-14'));
      expect(await lockReady(database.db, 'dying', now, 120_000, 10)).toHaveLength(1);
      void dying;
      const other = startProcess(database, slack, 'other');
      expect((await other.scheduler.drainOutbox(new Date(now.getTime() + 60_000))).sent).toBe(0);
      expect((await other.scheduler.drainOutbox(new Date(now.getTime() + 121_000))).sent).toBe(1);
      expect(delivered.map((d) => d.channel)).toEqual(['C_JLY']);
    });

    it('a 429 waits the Retry-After Slack sends, then the message is posted once', async () => {
      slack.failNext('chat.postMessage', { status: 429, retryAfter: 3 });
      slack.failNext('chat.postMessage', { status: 500 });
      const p = startProcess(database, slack, 'p1');
      const report = await p.scheduler.runDue(at('2016-06-16T09:00:00'));
      expect(p.waits[0]).toBe(3000);
      expect(p.waits[1]).toBeGreaterThan(0);
      expect(report.sent).toBe(8);
      expect(delivered).toHaveLength(8);
      const first = (await database.db.select().from(outbox).orderBy(outbox.id))[0];
      expect(first).toMatchObject({ status: 'sent', attempts: 1 });
    });

    it('a rate limit longer than the lease goes back to the outbox and is sent by a later drain', async () => {
      slack.failNext('chat.postMessage', { status: 429, retryAfter: 600 });
      const p = startProcess(database, slack, 'p1');
      const now = at('2016-06-16T09:00:00');
      const report = await p.scheduler.runDue(now);
      expect(report).toMatchObject({ sent: 7, deferred: 1 });
      expect((await p.scheduler.drainOutbox(new Date(now.getTime() + 300_000))).sent).toBe(0);
      expect((await p.scheduler.drainOutbox(new Date(now.getTime() + 601_000))).sent).toBe(1);
      expect(delivered).toHaveLength(8);
    });

    it('a channel that does not exist fails for good, is shown to the admins, and is not retried', async () => {
      slack.failNext('chat.postMessage', { error: 'channel_not_found' });
      const p = startProcess(database, slack, 'p1');
      const now = at('2016-06-16T09:00:00');
      const report = await p.scheduler.runDue(now);
      expect(report.failed).toBe(1);
      const failed = await failedMessages(database.db);
      expect(failed).toEqual([expect.objectContaining({ recipient: 'C_JLY', error: 'channel_not_found' })]);
      const notice = delivered.find((d) => d.channel === 'C_ADMIN');
      expect(notice?.text).toContain('channel_not_found');
      const callsBefore = slack.calls.length;
      await p.scheduler.drainOutbox(new Date(now.getTime() + 3_600_000));
      expect(slack.calls.length).toBe(callsBefore);
    });

    it('after downtime, a slot missed by more than 48 hours is skipped with a log line and one within it runs', async () => {
      const p = startProcess(database, slack, 'p1');
      const report = await p.scheduler.runDue(at('2016-06-24T09:00:00'));
      // The plan's first period and the first reminder of this one are all older than 48 hours.
      expect(report.skipped).toContain('reminders nmg-keji-2015/2016H1/before-14');
      expect(report.skipped).toContain('summary nmg-keji-2015/2015H2/circular');
      expect(report.ran).toEqual(['reminders nmg-keji-2015/2016H1/before-7']);
      expect(p.log.filter((l) => l.msg.includes('catch-up window'))).toHaveLength(report.skipped.length);
      const skippedLines = report.skipped.length;
      const later = await p.scheduler.runDue(at('2016-06-24T09:01:00'));
      expect(later.skipped).toEqual([]);
      expect(p.log.filter((l) => l.msg.includes('catch-up window'))).toHaveLength(skippedLines);
    });

    it('posts the circular once, its chart and each unit’s detail in its thread', async () => {
      await submitReport(database, 'jly', '2016H1', at('2016-06-28T10:00:00'));
      await submitReport(database, 'shy', '2016H1', at('2016-07-05T10:00:00'));
      await recordUpdate(database, 'jly', 'national_centers', '2016H1', 4, at('2016-06-20T10:00:00'));
      const p = startProcess(database, slack, 'p1');
      await p.scheduler.runDue(at('2016-07-15T09:00:00'));
      const main = delivered.find((d) => d.method === 'chat.postMessage' && d.channel === 'C_KEJI' && !d.thread_ts);
      expect(main?.text).toContain('2016年上半年科技工作情况通报');
      const [mainRow] = await database.db.select().from(outbox).where(eq(outbox.kind, 'circular'));
      const mainTs = mainRow?.ts;
      expect(mainTs).toMatch(/^\d+\.\d+$/);
      const replies = delivered.filter((d) => d.channel === 'C_KEJI' && d.thread_ts);
      expect(replies).toHaveLength(4);
      expect(replies.every((r) => r.thread_ts === mainTs)).toBe(true);
      expect(slack.uploads).toHaveLength(1);
      expect(slack.uploads[0]?.filename).toBe('circular-2016H1.png');
      expect(slack.uploads[0]?.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      // The chart's alt text reaches Slack under the argument files.getUploadURLExternal documents (alt_txt).
      expect(slack.uploads[0]?.altText).toBeTruthy();
    });
  });
}
