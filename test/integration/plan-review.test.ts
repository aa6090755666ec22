import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { auditLog, planIndicators } from '../../db/schema.js';
import { importPlan, importSharedDocument } from '../../src/plan/import.js';
import { parsePlan } from '../../src/plan/parse.js';
import { addIndicator, editIndicator, reviewIndicators } from '../../src/plan/review.js';
import { plansStamp } from '../../src/plan/store.js';
import { testDatabases } from '../fakes/db.js';
import { OTHER_PLAN_TEXT } from './plans-support.js';

const NOW = new Date('2024-03-01T02:00:00Z');
const plan = parsePlan(OTHER_PLAN_TEXT, 'zhihui-nongye');

describe.each(testDatabases())('reviewing an imported plan on $name', (target) => {
  let database: Database;
  beforeAll(async () => {
    database = await target.open();
    await importPlan(database.db, {
      document: { text: OTHER_PLAN_TEXT, format: 'txt' },
      fileName: 'zhihui-nongye.txt',
      by: 'U_ADMIN',
      now: NOW,
      timezone: 'Asia/Shanghai',
      reserved: ['nmg-keji-2015'],
    });
  });
  afterAll(async () => {
    await database?.close();
  });
  const request = { slug: 'zhihui-nongye', plan, by: 'U_ADMIN', at: NOW };
  const rows = () => database.db.select().from(planIndicators).where(eq(planIndicators.planSlug, 'zhihui-nongye'));

  it('an edit replaces the fields, keeps key, place and status, and the audit log keeps what it was', async () => {
    const [first] = await rows();
    const stamp = await plansStamp(database.db);
    const result = await editIndicator(
      database.db,
      { ...request, key: first?.key ?? '' },
      { name: '示范基地', target: '60', comparator: '>=', measure: '个', quote: '建成智慧农业示范基地50个左右' },
    );
    expect(result).toEqual({ ok: true, key: first?.key });
    const [after] = await database.db
      .select()
      .from(planIndicators)
      .where(and(eq(planIndicators.planSlug, 'zhihui-nongye'), eq(planIndicators.key, first?.key ?? '')));
    expect([after?.name, after?.target, after?.position, after?.status]).toEqual(['示范基地', 60, 0, 'draft']);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'plan_indicator.edited'));
    expect(audit?.before).toMatchObject({ name: first?.name, target: first?.target });
    // Made at the same instant as the import, the edit still tells other processes to reload.
    expect(await plansStamp(database.db)).not.toBe(stamp);
  });

  it('an addition takes the next key and place, approved; a refused one adds nothing', async () => {
    const before = await rows();
    const refused = await addIndicator(database.db, request, { name: 'x', target: '1', quote: '不在原文里的话' });
    expect(refused.ok).toBe(false);
    expect(await rows()).toHaveLength(before.length);
    const added = await addIndicator(database.db, request, {
      name: '培训',
      target: '2000',
      quote: '每年培训新型职业农民',
    });
    const next = `t${String(before.length + 1).padStart(2, '0')}`;
    expect(added).toEqual({ ok: true, key: next });
    const row = (await rows()).find((r) => r.key === next);
    expect([row?.position, row?.status]).toEqual([before.length, 'approved']);
  });

  it('approve all approves the drafts only: a rejected indicator stays rejected', async () => {
    const [, second] = await rows();
    await reviewIndicators(database.db, request, { keys: [second?.key ?? ''], status: 'rejected' });
    const drafts = (await rows()).filter((r) => r.status === 'draft').map((r) => r.key);
    expect(await reviewIndicators(database.db, request, { allDrafts: true })).toBe(drafts.length);
    const status = (await rows()).map((r) => r.status);
    expect(status.filter((s) => s === 'rejected')).toHaveLength(1);
    expect(status.filter((s) => s === 'draft')).toHaveLength(0);
  });

  it('an edit that keeps the figure and date keeps a range’s upper end and the deadline as the plan words it', async () => {
    await database.db
      .update(planIndicators)
      .set({ targetMax: 70, deadline: '2025-12-31', deadlineText: '到2025年底' })
      .where(and(eq(planIndicators.planSlug, 'zhihui-nongye'), eq(planIndicators.key, 't01')));
    await editIndicator(
      database.db,
      { ...request, key: 't01' },
      { name: '示范基地改名', target: '60', deadline: '2025-12-31', quote: '建成智慧农业示范基地50个左右' },
    );
    const [kept] = await database.db
      .select()
      .from(planIndicators)
      .where(and(eq(planIndicators.planSlug, 'zhihui-nongye'), eq(planIndicators.key, 't01')));
    expect([kept?.name, kept?.target, kept?.targetMax, kept?.deadlineText]).toEqual([
      '示范基地改名',
      60,
      70,
      '到2025年底',
    ]);
  });

  it('a second import of a file with the same name takes the next free slug', async () => {
    const bytes = new TextEncoder().encode(OTHER_PLAN_TEXT);
    const base = { fileName: 'zhihui-nongye.txt', by: 'U_ADMIN', now: NOW, timezone: 'Asia/Shanghai' };
    const second = await importSharedDocument(database.db, { ...base, bytes, reserved: ['nmg-keji-2015'] });
    expect(second.slug).toBe('zhihui-nongye-2');
  });
});
