import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { auditLog, progressUpdates } from '../../db/schema.js';
import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { loadCatalogue } from '../../src/plan/catalogue.js';
import type { PeriodId } from '../../src/progress/periods.js';
import { regionStandings, tallyAll, unitStandings } from '../../src/progress/standing.js';
import {
  auditOf,
  editUpdate,
  exportRows,
  indicatorStanding,
  listHistory,
  listUnits,
  type ProgressDeps,
  recordUpdate,
  regionStanding,
  resolveActor,
  standingForQuestion,
  toCsv,
  unitStanding,
  withdrawUpdate,
} from '../../src/progress/use-cases.js';
import { loadWorkspace } from '../../src/workspace/file.js';
import { syncWorkspace } from '../../src/workspace/sync.js';
import { testDatabases } from '../fakes/db.js';

const catalogue = loadCatalogue('plans/nmg-keji-2015');
const at = (local: string) => new Date(`${local}+08:00`);

describe.each(testDatabases())('progress updates on $name', ({ open }) => {
  let database: Database;
  let deps: ProgressDeps;
  const clock = new ManualClock(at('2016-06-20T09:00:00'));
  const actor = (userId: string) => resolveActor(database.db, userId);
  const rowsOf = (indicatorKey: string) =>
    database.db.select().from(progressUpdates).where(eq(progressUpdates.indicatorKey, indicatorKey));

  beforeAll(async () => {
    database = await open();
    await syncWorkspace(database.db, loadWorkspace('workspaces/demo.yaml'), at('2016-01-04T09:00:00'));
    deps = { db: database.db, clock, logger: silentLogger, catalogue, timezone: 'Asia/Shanghai' };
  });
  afterAll(() => database?.close());

  it('when a member records a figure for their unit, the row and its audit entry are written and its standing comes back', async () => {
    const result = await recordUpdate(deps, await actor('U_JLY_1'), {
      unitId: 'jly',
      indicatorKey: 'doctorates',
      period: '2016H1',
      value: 2,
      note: '引进博士2名',
      evidenceUrl: 'https://example.org/hr/2016-06',
      idempotencyKey: 'rec-1',
    });
    expect(result).toMatchObject({ ok: true, duplicate: false });
    if (!result.ok) return;
    expect(result.update).toMatchObject({
      unitId: 'jly',
      value: 2,
      status: 'current',
      version: 1,
      submittedBy: 'U_JLY_1',
    });
    expect(result.update.submittedAt).toEqual(clock.now());
    expect(result.standing).toMatchObject({
      indicatorKey: 'doctorates',
      target: 8,
      actual: 2,
      latest: { unitId: 'jly', by: 'U_JLY_1' },
    });
    const audit = await auditOf(deps, await actor('U_JLY_LEAD'), result.update.id);
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'U_JLY_1',
        action: 'progress.recorded',
        before: null,
        after: expect.objectContaining({ value: 2 }),
      }),
    ]);
  });

  it('when a member of another unit submits, it is refused and nothing is written', async () => {
    const before = (await rowsOf('masters')).length;
    await expect(
      recordUpdate(deps, await actor('U_SHY_1'), {
        unitId: 'jly',
        indicatorKey: 'masters',
        period: '2016H1',
        value: 1,
      }),
    ).rejects.toMatchObject({ code: 'not_permitted', userMessage: { zh: expect.stringContaining('计量院') } });
    await expect(
      recordUpdate(deps, await actor('U_GUEST'), {
        unitId: 'jly',
        indicatorKey: 'masters',
        period: '2016H1',
        value: 1,
      }),
    ).rejects.toMatchObject({ code: 'not_permitted' });
    expect(await rowsOf('masters')).toHaveLength(before);
  });

  it('when the figure is out of range or the period is in the future, field errors come back and nothing is written', async () => {
    const result = await recordUpdate(deps, await actor('U_JLY_1'), {
      unitId: 'jly',
      indicatorKey: 'rd_spending_share',
      period: '2016H2',
      value: 120,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.value).toContain('百分比须在0到100之间');
    expect(result.errors.period).toContain('尚未开始');
    expect(await rowsOf('rd_spending_share')).toHaveLength(0);
  });

  it('a unit that is not in the workspace is a field error, not a crash', async () => {
    const result = await recordUpdate(deps, await actor('U_ADMIN'), {
      unitId: 'nope',
      indicatorKey: 'masters',
      period: '2016H1',
      value: 1,
    });
    expect(result).toEqual({ ok: false, errors: { unit: expect.stringContaining('请选择') } });
  });

  it('when the same request arrives twice (a Slack retry), one row is kept and the second is marked a duplicate', async () => {
    const input = {
      unitId: 'shy',
      indicatorKey: 'masters',
      period: '2016H1' as const,
      value: 3,
      idempotencyKey: 'retry-1',
    };
    const first = await recordUpdate(deps, await actor('U_SHY_1'), input);
    const second = await recordUpdate(deps, await actor('U_SHY_1'), input);
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(second).toMatchObject({ ok: true, duplicate: true });
    if (!first.ok || !second.ok) return;
    expect(second.update.id).toBe(first.update.id);
    const rows = await database.db.select().from(progressUpdates).where(eq(progressUpdates.idempotencyKey, 'retry-1'));
    expect(rows).toHaveLength(1);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(first.update.id)));
    expect(audit.filter((a) => a.entity === 'progress_update')).toHaveLength(1);
  });

  it('when a double click sends the same key from many requests at once, exactly one row is written', async () => {
    const member = await actor('U_TJY_1');
    const input = {
      unitId: 'tjy',
      indicatorKey: 'masters',
      period: '2016H1' as const,
      value: 1,
      idempotencyKey: 'double-click-1',
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => recordUpdate(deps, member, input)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => (r.ok ? r.update.id : 0))).size).toBe(1);
    const rows = await database.db
      .select()
      .from(progressUpdates)
      .where(eq(progressUpdates.idempotencyKey, 'double-click-1'));
    expect(rows).toHaveLength(1);
  });

  it('a key already used by someone else is a conflict, not their row', async () => {
    await expect(
      recordUpdate(deps, await actor('U_JLY_1'), {
        unitId: 'jly',
        indicatorKey: 'masters',
        period: '2016H1',
        value: 3,
        idempotencyKey: 'retry-1',
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('when a lead edits an entry, the version goes up and the change is in the history and the audit trail', async () => {
    const member = await actor('U_XJJ_1');
    const lead = await actor('U_XJJ_LEAD');
    const recorded = await recordUpdate(deps, member, {
      unitId: 'xjj',
      indicatorKey: 'masters',
      period: '2016H1',
      value: 4,
    });
    if (!recorded.ok) throw new Error('record failed');
    clock.advance(60_000);
    const edited = await editUpdate(deps, lead, recorded.update.id, { value: 5, note: '更正:5人' });
    expect(edited).toMatchObject({
      ok: true,
      changed: true,
      update: { value: 5, note: '更正:5人', version: 2, updatedBy: 'U_XJJ_LEAD' },
    });

    const history = await listHistory(deps, lead, 'xjj');
    expect(history[0]).toMatchObject({
      id: recorded.update.id,
      value: 5,
      version: 2,
      indicatorName: '培养和引进硕士',
      withdrawn: false,
    });
    const audit = await auditOf(deps, lead, recorded.update.id);
    expect(audit.map((a) => a.action)).toEqual(['progress.recorded', 'progress.edited']);
    expect(audit[1]).toMatchObject({
      actor: 'U_XJJ_LEAD',
      before: { value: 4, note: null, version: 1 },
      after: { value: 5, note: '更正:5人', version: 2 },
    });
  });

  it('an edit with invalid values is refused field by field and changes nothing', async () => {
    const lead = await actor('U_XJJ_LEAD');
    const [entry] = await listHistory(deps, lead, 'xjj');
    if (!entry) throw new Error('no entry');
    const result = await editUpdate(deps, lead, entry.id, { value: 2.5, period: '2017H1' });
    expect(result.ok === false && Object.keys(result.errors).sort()).toEqual(['period', 'value']);
    expect((await listHistory(deps, lead, 'xjj'))[0]?.version).toBe(entry.version);
  });

  it('an edit sent twice with the same key is applied once', async () => {
    const lead = await actor('U_XJJ_LEAD');
    const [entry] = await listHistory(deps, lead, 'xjj');
    if (!entry) throw new Error('no entry');
    const first = await editUpdate(deps, lead, entry.id, { value: 6 }, 'edit-key-1');
    const second = await editUpdate(deps, lead, entry.id, { value: 6 }, 'edit-key-1');
    expect(first).toMatchObject({ ok: true, duplicate: false, update: { version: entry.version + 1 } });
    expect(second).toMatchObject({ ok: true, duplicate: true, update: { version: entry.version + 1 } });
  });

  it('members may neither edit nor withdraw nor see the history, and are told leads can', async () => {
    const member = await actor('U_XJJ_1');
    const [entry] = await listHistory(deps, await actor('U_XJJ_LEAD'), 'xjj');
    if (!entry) throw new Error('no entry');
    await expect(editUpdate(deps, member, entry.id, { value: 1 })).rejects.toMatchObject({ code: 'not_permitted' });
    await expect(withdrawUpdate(deps, member, entry.id)).rejects.toMatchObject({ code: 'not_permitted' });
    await expect(listHistory(deps, member, 'xjj')).rejects.toMatchObject({
      code: 'not_permitted',
      userMessage: { zh: expect.stringContaining('只有该单位的负责人') },
    });
    await expect(listHistory(deps, member)).rejects.toMatchObject({ code: 'not_permitted' });
    await expect(auditOf(deps, member, entry.id)).rejects.toMatchObject({ code: 'not_permitted' });
    await expect(listHistory(deps, await actor('U_JLY_LEAD'), 'xjj')).rejects.toMatchObject({ code: 'not_permitted' });
  });

  it('a withdrawn entry stays in the history, marked, but leaves the standing and the export', async () => {
    const member = await actor('U_BZY_1');
    const lead = await actor('U_BZY_LEAD');
    const admin = await actor('U_ADMIN');
    const kept = await recordUpdate(deps, member, {
      unitId: 'bzy',
      indicatorKey: 'national_key_labs',
      period: '2016H1',
      value: 1,
    });
    const wrong = await recordUpdate(deps, member, {
      unitId: 'bzy',
      indicatorKey: 'national_key_labs',
      period: '2016H1',
      value: 1,
    });
    if (!kept.ok || !wrong.ok) throw new Error('record failed');
    expect(wrong.standing.actual).toBe(2);

    const withdrawn = await withdrawUpdate(deps, lead, wrong.update.id, '重复填报');
    expect(withdrawn).toMatchObject({ ok: true, duplicate: false, update: { status: 'withdrawn', version: 2 } });
    expect(await withdrawUpdate(deps, lead, wrong.update.id)).toMatchObject({ ok: true, duplicate: true });

    const history = await listHistory(deps, lead, 'bzy');
    expect(history.find((h) => h.id === wrong.update.id)).toMatchObject({ withdrawn: true, status: 'withdrawn' });
    expect(history.find((h) => h.id === kept.update.id)).toMatchObject({ withdrawn: false });
    const [standing] = await indicatorStanding(deps, 'national_key_labs');
    expect(standing).toMatchObject({ actual: 1, target: 1, ratio: 1 });
    const exported = await exportRows(deps, admin, '2016H1');
    expect(exported.filter((r) => r.indicator_key === 'national_key_labs')).toHaveLength(1);
    const audit = await auditOf(deps, admin, wrong.update.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'progress.withdrawn',
      actor: 'U_BZY_LEAD',
      before: { status: 'current' },
      after: { status: 'withdrawn', reason: '重复填报' },
    });
    await expect(editUpdate(deps, lead, wrong.update.id, { value: 2 })).rejects.toMatchObject({ code: 'conflict' });
    expect(
      await database.db.select().from(progressUpdates).where(eq(progressUpdates.id, wrong.update.id)),
    ).toHaveLength(1);
  });

  it('a bureau figure is recorded by an admin and refused to a unit’s lead', async () => {
    const refused = await recordUpdate(deps, await actor('U_JLY_LEAD'), {
      unitId: 'jly',
      indicatorKey: 'bureau_research_fund',
      period: '2016H1',
      value: 500,
    });
    expect(refused.ok === false && refused.errors.indicator).toContain('由科技处填报');
    const recorded = await recordUpdate(deps, await actor('U_ADMIN'), {
      unitId: 'jly',
      indicatorKey: 'bureau_research_fund',
      period: '2016H1',
      value: 520,
    });
    expect(recorded).toMatchObject({ ok: true, standing: { actual: 520, target: 500, due: '2016H2' } });
  });

  it('the standing of the region, of a unit’s duties and of one indicator reflect what was recorded', async () => {
    const lead = await actor('U_SHY_LEAD');
    await recordUpdate(deps, lead, { unitId: 'shy', indicatorKey: 'national_centers', period: '2015H2', value: 1 });
    await recordUpdate(deps, lead, { unitId: 'shy', indicatorKey: 'national_centers', period: '2016H1', value: 2 });
    // The region's count of national centres is one figure (rules.indicators): the coal centre's later 3 stands.
    await recordUpdate(deps, await actor('U_COAL_1'), {
      unitId: 'coal_nm',
      indicatorKey: 'national_centers',
      period: '2016H1',
      value: 3,
    });
    await recordUpdate(deps, lead, { unitId: 'shy', indicatorKey: 'b_level_leaders', period: '2016H1', value: 2 });

    const region = await regionStanding(deps);
    expect(region.find((s) => s.indicatorKey === 'national_centers')).toMatchObject({ actual: 3, target: 10 });
    expect(region.find((s) => s.indicatorKey === 'national_centers')?.latest).toMatchObject({
      unitId: 'coal_nm',
      by: 'U_COAL_1',
    });
    expect((await regionStanding(deps, '2015H2')).find((s) => s.indicatorKey === 'national_centers')?.actual).toBe(1);

    const own = await unitStanding(deps, 'shy');
    expect(own.find((s) => s.indicatorKey === 'b_level_leaders')).toMatchObject({
      unitId: 'shy',
      actual: 2,
      target: 5,
    });
    const perUnit = await indicatorStanding(deps, 'b_level_leaders');
    expect(perUnit).toHaveLength(5);
    expect(perUnit.find((s) => 'unitId' in s && s.unitId === 'shy')?.actual).toBe(2);
    await expect(indicatorStanding(deps, 'nope')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('the standing computed in the database agrees with the same computation over every row in memory', async () => {
    const all = await database.db.select().from(progressUpdates).where(eq(progressUpdates.status, 'current'));
    const rows = all.map((r) => ({ ...r, period: r.period as PeriodId }));
    for (const asOf of ['2015H2', '2016H1', '2017H2'] as const) {
      expect(await regionStanding(deps, asOf)).toEqual(
        regionStandings(catalogue, tallyAll(catalogue, rows, asOf), asOf),
      );
      for (const unit of await listUnits(database.db)) {
        expect(await unitStanding(deps, unit.id, asOf)).toEqual(
          unitStandings(catalogue, unit, tallyAll(catalogue, rows, asOf), asOf),
        );
      }
    }
  });

  it('“国家质检中心现在有几家了?” gets the target with its citation and the latest figure, who reported it and when', async () => {
    const answer = await standingForQuestion(deps, '国家质检中心现在有几家了?');
    expect(answer).toHaveLength(1);
    expect(answer?.[0]).toMatchObject({
      indicator: { key: 'national_centers', target: 10, measure: '家' },
      citation: { section: '一、(三) 代表性指标', quote: '2017年我区国家质检中心达到10家' },
      standings: [{ actual: 3 }],
      latest: { unitId: 'coal_nm', unitName: '国家煤炭中心', by: 'U_COAL_1', byName: '韩雪', value: 3 },
    });
    expect(await standingForQuestion(deps, '国家质检中心建设有什么要求?')).toBeNull();
    expect(await standingForQuestion(deps, '食堂现在几点开门?')).toBeNull();
  });

  it('an export has exactly the current rows that were submitted, for the units the person may see', async () => {
    const admin = await actor('U_ADMIN');
    const all = await exportRows(deps, admin, '2016H1');
    const current = await database.db.select().from(progressUpdates).where(eq(progressUpdates.period, '2016H1'));
    expect(all).toHaveLength(current.filter((r) => r.status === 'current').length);
    expect(all.find((r) => r.unit_id === 'jly' && r.indicator_key === 'doctorates')).toEqual({
      period: '2016H1',
      unit_id: 'jly',
      unit: '内蒙古自治区计量测试研究院',
      indicator_key: 'doctorates',
      indicator: '培养和引进博士',
      value: 2,
      measure: '人',
      note: '引进博士2名',
      submitted_by: 'U_JLY_1',
      submitted_at: '2016-06-20T09:00:00+08:00',
    });
    const own = await exportRows(deps, await actor('U_SHY_LEAD'), '2016上半年');
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((r) => r.unit_id))).toEqual(new Set(['shy']));
    await expect(exportRows(deps, await actor('U_SHY_1'), '2016H1')).rejects.toMatchObject({ code: 'not_permitted' });
    await expect(exportRows(deps, admin, 'soon')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(toCsv(all).split('\r\n')).toHaveLength(all.length + 2);
  });
});
