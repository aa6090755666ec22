import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { auditLog, outbox, reports, reportVersions } from '../../db/schema.js';
import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { loadCatalogue } from '../../src/plan/catalogue.js';
import { claimLegacyProgress } from '../../src/plan/running.js';
import {
  getReport,
  isReportLocked,
  type ProgressDeps,
  recordUpdate,
  reportTopicsFor,
  resolveActor,
  saveReport,
  unitNumbers,
  reportVersions as versionsOf,
  withdrawUpdate,
} from '../../src/progress/use-cases.js';
import { loadWorkspace } from '../../src/workspace/file.js';
import { syncWorkspace } from '../../src/workspace/sync.js';
import { testDatabases } from '../fakes/db.js';

const catalogue = loadCatalogue('plans/nmg-keji-2015');
const at = (local: string) => new Date(`${local}+08:00`);
const topicKeys = reportTopicsFor(catalogue, 'institution').map((t) => t.key);
const complete = (text: string) => Object.fromEntries(topicKeys.map((k) => [k, `${text}(${k})`]));

describe.each(testDatabases())('half-year reports on $name', ({ open }) => {
  let database: Database;
  let deps: ProgressDeps;
  const clock = new ManualClock(at('2016-06-10T09:00:00'));
  const actor = (userId: string) => resolveActor(database.db, userId);

  beforeAll(async () => {
    database = await open();
    await syncWorkspace(database.db, loadWorkspace('workspaces/demo.yaml'), at('2016-01-04T09:00:00'));
    deps = { db: database.db, clock, logger: silentLogger, catalogue, timezone: 'Asia/Shanghai' };
  });
  afterAll(() => database?.close());

  it('a report is saved as a draft, submitted, edited after submitting, then locked once the circular has posted', async () => {
    const member = await actor('U_JLY_1');
    const draft = await saveReport(deps, member, {
      unitId: 'jly',
      period: '2016H1',
      topics: { rules_in_force: '修订了科研项目管理办法' },
      submit: false,
    });
    expect(draft).toMatchObject({
      ok: true,
      duplicate: false,
      report: { status: 'draft', version: 1, submittedAt: null },
    });

    const incomplete = await saveReport(deps, member, { unitId: 'jly', period: '2016H1', topics: {}, submit: true });
    expect(incomplete.ok === false && Object.keys(incomplete.errors).sort()).toEqual(
      ['project_progress', 'staff_training', 'work_carried_out'].sort(),
    );

    clock.advance(3_600_000);
    const submitted = await saveReport(deps, member, {
      unitId: 'jly',
      period: '2016H1',
      topics: { work_carried_out: '开展计量科研', staff_training: '培训1个月', project_progress: '两个项目结题' },
      submit: true,
    });
    expect(submitted).toMatchObject({
      ok: true,
      report: {
        status: 'submitted',
        version: 2,
        submittedBy: 'U_JLY_1',
        topics: { rules_in_force: '修订了科研项目管理办法' },
      },
    });
    if (!submitted.ok) return;
    expect(submitted.report.firstSubmittedAt).toEqual(clock.now());

    clock.advance(3_600_000);
    const lead = await actor('U_JLY_LEAD');
    const edited = await saveReport(deps, lead, {
      unitId: 'jly',
      period: '2016H1',
      topics: { project_progress: '三个项目结题' },
      submit: false,
    });
    expect(edited).toMatchObject({
      ok: true,
      report: { status: 'submitted', version: 3, updatedBy: 'U_JLY_LEAD', submittedBy: 'U_JLY_1' },
    });
    const emptied = await saveReport(deps, lead, {
      unitId: 'jly',
      period: '2016H1',
      topics: { staff_training: '' },
      submit: false,
    });
    expect(emptied.ok === false && Object.keys(emptied.errors)).toEqual(['staff_training']);

    expect(await isReportLocked(deps, '2016H1')).toBe(false);
    await database.db.insert(outbox).values({
      job: 'summary',
      slot: `${deps.catalogue.plan.slug}/2016H1/circular`,
      recipient: 'C_KEJI',
      kind: 'circular',
      payload: {},
      status: 'sent',
      nextAttemptAt: clock.now(),
      sentAt: clock.now(),
    });
    expect(await isReportLocked(deps, '2016H1')).toBe(true);
    await expect(
      saveReport(deps, lead, { unitId: 'jly', period: '2016H1', topics: { project_progress: '再改' }, submit: false }),
    ).rejects.toMatchObject({
      code: 'conflict',
      userMessage: { zh: expect.stringContaining('通报已经发布,本期报告已锁定') },
    });
    const byAdmin = await saveReport(deps, await actor('U_ADMIN'), {
      unitId: 'jly',
      period: '2016H1',
      topics: { project_progress: '科技处更正' },
      submit: false,
    });
    expect(byAdmin).toMatchObject({ ok: true, report: { version: 4, updatedBy: 'U_ADMIN' } });

    const versions = await versionsOf(deps, 'jly', '2016H1');
    expect(versions.map((v) => [v.version, v.status, v.savedBy])).toEqual([
      [1, 'draft', 'U_JLY_1'],
      [2, 'submitted', 'U_JLY_1'],
      [3, 'submitted', 'U_JLY_LEAD'],
      [4, 'submitted', 'U_ADMIN'],
    ]);
    expect(versions[2]?.topics.project_progress).toBe('三个项目结题');
    const report = await getReport(deps, 'jly', '2016H1');
    expect(report).toMatchObject({ version: 4, topics: { project_progress: '科技处更正' } });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entity, 'report'));
    expect(audit.map((a) => a.action)).toEqual(['report.saved', 'report.submitted', 'report.saved', 'report.saved']);
  });

  it('a saved report sent again with the same key adds no version, even when the copies arrive together', async () => {
    const member = await actor('U_SHY_1');
    const input = {
      unitId: 'shy',
      period: '2015H2',
      topics: complete('石化院'),
      submit: true,
      idempotencyKey: 'report-key-1',
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => saveReport(deps, member, input)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    const rows = await database.db
      .select()
      .from(reportVersions)
      .where(eq(reportVersions.idempotencyKey, 'report-key-1'));
    expect(rows).toHaveLength(1);
    expect((await getReport(deps, 'shy', '2015H2'))?.version).toBe(1);
  });

  it('concurrent saves of one report with different keys each get their own version', async () => {
    const lead = await actor('U_TJY_LEAD');
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        saveReport(deps, lead, {
          unitId: 'tjy',
          period: '2015H2',
          topics: { rules_in_force: `第${i}稿` },
          submit: false,
          idempotencyKey: `tjy-${i}`,
        }),
      ),
    );
    const versions = await versionsOf(deps, 'tjy', '2015H2');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
  });

  it('a member of another unit is refused, and a unit the plan asks no report of is told so', async () => {
    await expect(
      saveReport(deps, await actor('U_SHY_1'), { unitId: 'jly', period: '2016H1', topics: {}, submit: false }),
    ).rejects.toMatchObject({ code: 'not_permitted' });
    const center = await saveReport(deps, await actor('U_COAL_LEAD'), {
      unitId: 'coal_nm',
      period: '2016H1',
      topics: {},
      submit: false,
    });
    expect(center.ok === false && center.errors.unit?.zh).toContain('不需要提交半年报告');
    const future = await saveReport(deps, await actor('U_XJJ_1'), {
      unitId: 'xjj',
      period: '2016H2',
      topics: {},
      submit: false,
    });
    expect(future.ok === false && future.errors.period?.zh).toContain('尚未开始');
  });

  it('the report shows the unit’s current figures for the period, without withdrawn ones, in catalogue order', async () => {
    const member = await actor('U_BZY_1');
    const lead = await actor('U_BZY_LEAD');
    await recordUpdate(deps, member, {
      unitId: 'bzy',
      indicatorKey: 'cooperation_projects',
      period: '2016H1',
      value: 1,
    });
    await recordUpdate(deps, member, { unitId: 'bzy', indicatorKey: 'doctorates', period: '2016H1', value: 1 });
    const wrong = await recordUpdate(deps, member, {
      unitId: 'bzy',
      indicatorKey: 'masters',
      period: '2016H1',
      value: 9,
    });
    await recordUpdate(deps, member, { unitId: 'bzy', indicatorKey: 'masters', period: '2015H2', value: 2 });
    if (!wrong.ok) throw new Error('record failed');
    await withdrawUpdate(deps, lead, wrong.update.id);
    const numbers = await unitNumbers(deps, 'bzy', '2016H1');
    expect(numbers.map((n) => [n.indicatorKey, n.value, n.measure])).toEqual([
      ['doctorates', 1, '人'],
      ['cooperation_projects', 1, '项'],
    ]);
    expect(await getReport(deps, 'bzy', '2016H1')).toBeNull();
  });

  it('a report written before reports named their plan is the shipped plan’s once claimed, and no other plan’s', async () => {
    const t = at('2016-12-20T10:00:00');
    await database.db.insert(reports).values({
      unitId: 'tjy',
      period: '2016H2',
      status: 'submitted',
      version: 1,
      topics: complete('旧'),
      submittedAt: t,
      firstSubmittedAt: t,
      submittedBy: 'U_TJY_LEAD',
      updatedBy: 'U_TJY_LEAD',
      updatedAt: t,
    });
    expect(await getReport(deps, 'tjy', '2016H2')).toBeNull();
    await claimLegacyProgress(database.db, catalogue.plan.slug);
    await claimLegacyProgress(database.db, catalogue.plan.slug);
    expect(await getReport(deps, 'tjy', '2016H2')).toMatchObject({ plan: catalogue.plan.slug, status: 'submitted' });
    const other = { ...deps, catalogue: { ...catalogue, plan: { ...catalogue.plan, slug: 'other-plan' } } };
    expect(await getReport(other, 'tjy', '2016H2')).toBeNull();
  });
});
