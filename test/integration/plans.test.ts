import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { auditLog, planIndicators, plans } from '../../db/schema.js';
import { createPlanRegistry } from '../../src/bootstrap.js';
import { isPlanbotError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { importPlan } from '../../src/plan/import.js';
import { readDocumentBytes } from '../../src/plan/read/index.js';
import { planStatus } from '../../src/plan/registry.js';
import { setIndicatorStatus } from '../../src/plan/store.js';
import { testDatabases } from '../fakes/db.js';
import { draftedCount, OTHER_PLAN_TEXT, quietConfig, quietLogger } from './plans-support.js';

const DRAFTED = draftedCount(OTHER_PLAN_TEXT);

const NOW = new Date('2024-03-01T02:00:00Z');
const TZ = 'Asia/Shanghai';

async function rejectionOf(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    if (isPlanbotError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe.each(testDatabases())('imported plans on $name', (target) => {
  let database: Database;
  const request = (text: string, extra: Record<string, unknown> = {}) => ({
    document: { text, format: 'txt' as const },
    fileName: 'zhihui-nongye.txt',
    by: 'U_ADMIN',
    now: NOW,
    timezone: TZ,
    reserved: ['nmg-keji-2015'],
    ...extra,
  });
  const registry = () => createPlanRegistry(quietConfig(), quietLogger(), database.db, { timezone: TZ });

  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('stores the text and the drafted targets, all of them drafts, seen by a registry of another process', async () => {
    const result = await importPlan(database.db, request(OTHER_PLAN_TEXT));
    expect(result).toEqual({
      slug: 'zhihui-nongye',
      title: '某市推进智慧农业发展三年行动方案',
      sections: 4,
      indicators: DRAFTED,
    });
    const other = registry();
    await other.refresh(true);
    const entry = other.get('zhihui-nongye');
    expect(entry && planStatus(entry)).toBe('draft');
    expect(entry?.indicators.every((i) => i.status === 'draft')).toBe(true);
    expect(entry?.indicators.map((i) => [i.measure, i.comparator, i.status]).slice(0, 4)).toEqual([
      ['个', '~', 'draft'],
      ['%', '>=', 'draft'],
      [null, null, 'draft'],
      ['万亩', '>=', 'draft'],
    ]);
    // Nothing is approved yet: nothing takes updates.
    expect(entry?.catalogue.indicators).toEqual([]);
    expect(entry?.catalogue.periods).toMatchObject({ first: '2024H1', last: '2025H2', cadence: 'half-yearly' });
    for (const i of entry?.indicators ?? []) expect(OTHER_PLAN_TEXT).toContain(i.quote);
  });

  it('approves some indicators, audited, and the catalogue holds exactly those', async () => {
    const reg = registry();
    await reg.refresh(true);
    const keys = reg.get('zhihui-nongye')?.indicators.map((i) => i.key) ?? [];
    const [first, , milestone] = keys as [string, string, string];
    expect(await setIndicatorStatus(database.db, 'zhihui-nongye', [first, milestone], 'approved', 'U_ADMIN', NOW)).toBe(
      2,
    );
    await reg.refresh(true);
    const catalogue = reg.get('zhihui-nongye')?.catalogue;
    expect(catalogue?.indicators.map((i) => i.key)).toEqual([first, milestone]);
    expect(catalogue?.indicators[0]).toMatchObject({ target: 50, comparator: '~', measure: '个', due: '2025H2' });
    expect(catalogue?.indicators[1]).toMatchObject({ target: null, measure: null, due: '2024H1' });
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'plan_indicator.approved'));
    expect(audits.map((a) => a.entityId).sort()).toEqual(
      [`zhihui-nongye/${first}`, `zhihui-nongye/${milestone}`].sort(),
    );
    expect(audits[0]?.before).toEqual({ status: 'draft' });
  });

  it('rejects the rest, and refuses a key the plan does not have without changing anything', async () => {
    const refusal = await rejectionOf(
      setIndicatorStatus(database.db, 'zhihui-nongye', ['t01', 'nope'], 'rejected', 'U_ADMIN', NOW),
    );
    expect(refusal).toMatchObject({ code: 'not_found', message: 'plan zhihui-nongye has no indicator nope' });
    const statuses = await database.db.select({ s: planIndicators.status }).from(planIndicators);
    expect(statuses.filter((r) => r.s === 'rejected')).toEqual([]);
    expect(await setIndicatorStatus(database.db, 'zhihui-nongye', 'all', 'rejected', 'U_ADMIN', NOW)).toBe(DRAFTED);
    const reg = registry();
    await reg.refresh(true);
    expect(reg.get('zhihui-nongye')?.catalogue.indicators).toEqual([]);
  });

  it('refuses a taken slug, the shipped slug, a bad slug and a document with no text, storing nothing', async () => {
    const before = (await database.db.select().from(plans)).length;
    const indicatorsBefore = (await database.db.select().from(planIndicators)).length;
    expect((await rejectionOf(importPlan(database.db, request(OTHER_PLAN_TEXT)))).code).toBe('conflict');
    expect((await rejectionOf(importPlan(database.db, request(OTHER_PLAN_TEXT, { slug: 'nmg-keji-2015' })))).code).toBe(
      'conflict',
    );
    expect((await rejectionOf(importPlan(database.db, request(OTHER_PLAN_TEXT, { slug: 'Bad Slug' })))).code).toBe(
      'invalid_input',
    );
    expect((await rejectionOf(importPlan(database.db, request('   \n\n', { slug: 'blank' })))).code).toBe(
      'document_unusable',
    );
    const empty = await rejectionOf(readDocumentBytes(new Uint8Array(), 'plan.docx'));
    expect(empty).toMatchObject({ code: 'document_unusable' });
    expect((await database.db.select().from(plans)).length).toBe(before);
    expect((await database.db.select().from(planIndicators)).length).toBe(indicatorsBefore);
  });

  it('when a plan’s stored rules no longer pass the schema, it runs with the default rules and says so once', async () => {
    await database.db
      .update(plans)
      .set({ settings: { report_topics: 'not a list', rules: {} } })
      .where(eq(plans.slug, 'zhihui-nongye'));
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', secrets: [], write: (l) => lines.push(l) });
    const other = createPlanRegistry(quietConfig(), logger, database.db, { timezone: TZ });
    await other.refresh(true);
    await other.refresh(true);
    expect(other.get('zhihui-nongye')?.catalogue.report_topics).toEqual([]);
    const warnings = lines.filter((l) => l.includes('stored rules no longer pass'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('zhihui-nongye');
    expect(warnings[0]).toContain('report_topics');
    await database.db.update(plans).set({ settings: null }).where(eq(plans.slug, 'zhihui-nongye'));
  });

  it('imports a quarterly plan with its periods in quarters', async () => {
    await importPlan(
      database.db,
      request(OTHER_PLAN_TEXT, { slug: 'quarterly-copy', cadence: 'quarterly', now: new Date('2024-03-02T00:00:00Z') }),
    );
    const reg = registry();
    await reg.refresh(true);
    expect(reg.get('quarterly-copy')?.catalogue.periods).toMatchObject({ first: '2024Q1', last: '2025Q4' });
    expect(reg.all().map((e) => e.slug)).toEqual(['nmg-keji-2015', 'zhihui-nongye', 'quarterly-copy']);
  });
});
