import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { auditLog, memberships, units } from '../../db/schema.js';
import { loadSchedules } from '../../src/schedule/repository.js';
import { loadWorkspace, type Workspace } from '../../src/workspace/file.js';
import { unitsOfUser } from '../../src/workspace/repository.js';
import { syncWorkspace } from '../../src/workspace/sync.js';
import { testDatabases } from '../fakes/db.js';

const now = new Date('2016-03-01T02:00:00Z');
const clone = (ws: Workspace): Workspace => structuredClone(ws);

describe.each(testDatabases())('syncing the workspace file into $name', ({ open }) => {
  let database: Database;
  const demo = loadWorkspace('workspaces/demo.yaml');
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database?.close());

  it('on the first start, every unit, role, admin, name and setting is written, each with an audit entry', async () => {
    const changes = await syncWorkspace(database.db, demo, now);
    expect(changes.filter((c) => c.action === 'unit.added')).toHaveLength(demo.units.length);
    const audit = await database.db.select().from(auditLog);
    expect(audit).toHaveLength(changes.length);
    expect(audit.every((a) => a.actor === 'workspace-file')).toBe(true);
    expect(await unitsOfUser(database.db, 'U_JLY_LEAD')).toEqual([
      expect.objectContaining({ id: 'jly', role: 'lead' }),
    ]);
  });

  it('when started again with the same file, nothing changes and nothing is audited', async () => {
    const before = (await database.db.select().from(auditLog)).length;
    expect(await syncWorkspace(database.db, demo, now)).toEqual([]);
    expect(await database.db.select().from(auditLog)).toHaveLength(before);
  });

  it("the file's schedule is what the jobs run on until an admin changes it", async () => {
    const next = clone(demo);
    next.schedule = { time: '10:30', remindDaysBefore: [10, 3] };
    const changes = await syncWorkspace(database.db, next, now);
    expect(changes.map((c) => c.action)).toEqual(['setting.set']);
    const { reminders } = await loadSchedules(database.db);
    expect(reminders.config).toMatchObject({ time: '10:30', remindDaysBefore: [10, 3], circularDaysAfter: 15 });
    await syncWorkspace(database.db, demo, now);
    expect((await loadSchedules(database.db)).summary.config.time).toBe('09:00');
  });

  it('when a unit is renamed, a member is added and removed and a role changes, exactly those changes are made and audited', async () => {
    const next = clone(demo);
    const jly = next.units.find((u) => u.id === 'jly');
    const shy = next.units.find((u) => u.id === 'shy');
    if (!jly || !shy) throw new Error('demo units missing');
    jly.name = '内蒙古自治区计量测试研究院(更名)';
    jly.members = ['U_JLY_1', 'U_JLY_NEW'];
    shy.leads = ['U_SHY_LEAD', 'U_SHY_1'];
    shy.members = [];
    const changes = await syncWorkspace(database.db, next, now);
    expect(changes.map((c) => c.action).sort()).toEqual([
      'membership.added',
      'membership.role_changed',
      'unit.changed',
    ]);
    const [renamed] = await database.db.select().from(units).where(eq(units.id, 'jly'));
    expect(renamed?.name).toBe('内蒙古自治区计量测试研究院(更名)');
    expect(await unitsOfUser(database.db, 'U_SHY_1')).toEqual([expect.objectContaining({ id: 'shy', role: 'lead' })]);
    const roleAudit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'membership.role_changed'));
    expect(roleAudit[0]).toMatchObject({
      entityId: 'shy/U_SHY_1',
      before: { role: 'member' },
      after: { role: 'lead' },
    });

    jly.members = ['U_JLY_1'];
    const removed = await syncWorkspace(database.db, next, now);
    expect(removed).toEqual([{ action: 'membership.removed', unitId: 'jly', userId: 'U_JLY_NEW', role: 'member' }]);
    expect(await unitsOfUser(database.db, 'U_JLY_NEW')).toEqual([]);
  });

  it('when a unit leaves the file, it is deactivated, not deleted, and its people lose access', async () => {
    const next = clone(demo);
    next.units = next.units.filter((u) => u.id !== 'ordos');
    const changes = await syncWorkspace(database.db, next, now);
    expect(changes.map((c) => c.action)).toContain('unit.deactivated');
    const [row] = await database.db.select().from(units).where(eq(units.id, 'ordos'));
    expect(row?.active).toBe(false);
    expect(await unitsOfUser(database.db, 'U_ORDOS_LEAD')).toEqual([]);
    expect(await database.db.select().from(memberships).where(eq(memberships.unitId, 'ordos'))).toHaveLength(0);

    const back = await syncWorkspace(database.db, demo, now);
    expect(back.map((c) => c.action)).toContain('unit.reactivated');
    expect(await unitsOfUser(database.db, 'U_ORDOS_LEAD')).toEqual([
      expect.objectContaining({ id: 'ordos', role: 'lead' }),
    ]);
  });
});
