import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { admins, auditLog, memberships, people, settings, units } from '../../db/schema.js';
import type { WorkspaceChange, WorkspaceState } from './diff.js';
import { forgetDirectory } from './directory.js';

export const WORKSPACE_ACTOR = 'workspace-file';

export async function readWorkspaceState(db: Db): Promise<WorkspaceState> {
  const [u, m, a, p, s] = await Promise.all([
    db
      .select({
        id: units.id,
        name: units.name,
        short: units.short,
        kind: units.kind,
        channel: units.channel,
        active: units.active,
      })
      .from(units),
    db.select().from(memberships),
    db.select().from(admins),
    db.select().from(people),
    db.select().from(settings),
  ]);
  return {
    units: u,
    memberships: m,
    admins: a.map((r) => r.userId),
    people: p,
    settings: Object.fromEntries(s.map((r) => [r.key, r.value])),
  };
}

/** Applies the changes and writes each to the audit log, all in one transaction. */
export async function applyWorkspaceChanges(db: Db, changes: WorkspaceChange[], now: Date): Promise<void> {
  if (!changes.length) return;
  await db.transaction(async (tx) => {
    for (const c of changes) {
      switch (c.action) {
        case 'unit.added':
          await tx.insert(units).values({ ...c.after, kind: c.after.kind as never, updatedAt: now });
          break;
        case 'unit.changed':
        case 'unit.reactivated':
        case 'unit.deactivated':
          await tx
            .update(units)
            .set({ ...c.after, kind: c.after.kind as never, updatedAt: now })
            .where(eq(units.id, c.unitId));
          break;
        case 'membership.added':
          await tx.insert(memberships).values({ unitId: c.unitId, userId: c.userId, role: c.role });
          break;
        case 'membership.removed':
          await tx.delete(memberships).where(and(eq(memberships.unitId, c.unitId), eq(memberships.userId, c.userId)));
          break;
        case 'membership.role_changed':
          await tx
            .update(memberships)
            .set({ role: c.to })
            .where(and(eq(memberships.unitId, c.unitId), eq(memberships.userId, c.userId)));
          break;
        case 'admin.added':
          await tx.insert(admins).values({ userId: c.userId });
          break;
        case 'admin.removed':
          await tx.delete(admins).where(eq(admins.userId, c.userId));
          break;
        case 'person.set':
          await tx
            .insert(people)
            .values({ userId: c.userId, name: c.name })
            .onConflictDoUpdate({ target: people.userId, set: { name: c.name } });
          break;
        case 'setting.set':
          await tx
            .insert(settings)
            .values({ key: c.key, value: c.value })
            .onConflictDoUpdate({ target: settings.key, set: { value: c.value } });
          break;
      }
      await tx.insert(auditLog).values({ at: now, actor: WORKSPACE_ACTOR, action: c.action, ...auditFields(c) });
    }
  });
  forgetDirectory(db);
}

function auditFields(c: WorkspaceChange): { entity: string; entityId: string; before: unknown; after: unknown } {
  switch (c.action) {
    case 'unit.added':
    case 'unit.changed':
    case 'unit.reactivated':
    case 'unit.deactivated':
      return { entity: 'unit', entityId: c.unitId, before: c.before, after: c.after };
    case 'membership.added':
      return { entity: 'membership', entityId: `${c.unitId}/${c.userId}`, before: null, after: { role: c.role } };
    case 'membership.removed':
      return { entity: 'membership', entityId: `${c.unitId}/${c.userId}`, before: { role: c.role }, after: null };
    case 'membership.role_changed':
      return {
        entity: 'membership',
        entityId: `${c.unitId}/${c.userId}`,
        before: { role: c.from },
        after: { role: c.to },
      };
    case 'admin.added':
      return { entity: 'admin', entityId: c.userId, before: null, after: { admin: true } };
    case 'admin.removed':
      return { entity: 'admin', entityId: c.userId, before: { admin: true }, after: null };
    case 'person.set':
      return {
        entity: 'person',
        entityId: c.userId,
        before: c.before === null ? null : { name: c.before },
        after: { name: c.name },
      };
    case 'setting.set':
      return { entity: 'setting', entityId: c.key, before: c.before, after: c.value };
  }
}

/** Units a user belongs to, with the role, for permission checks and defaults. */
export async function unitsOfUser(db: Db, userId: string) {
  return db
    .select({
      id: units.id,
      name: units.name,
      short: units.short,
      kind: units.kind,
      channel: units.channel,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(units, eq(units.id, memberships.unitId))
    .where(and(eq(memberships.userId, userId), eq(units.active, true)));
}

export async function isAdmin(db: Db, userId: string): Promise<boolean> {
  const rows = await db.select().from(admins).where(eq(admins.userId, userId)).limit(1);
  return rows.length > 0;
}
