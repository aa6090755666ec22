import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { memberships, people, units } from '../../db/schema.js';
import { isAdmin, unitsOfUser } from '../workspace/repository.js';
import type { Actor, UnitInfo } from './types.js';

/** Units and roles as the workspace file put them in the database; only active units count. */

export async function resolveActor(db: Db, userId: string): Promise<Actor> {
  const [admin, own] = await Promise.all([isAdmin(db, userId), unitsOfUser(db, userId)]);
  return { userId, isAdmin: admin, units: own.map((u) => ({ unitId: u.id, role: u.role })) };
}

/** Active units with their leads and members, in id order; `ids` narrows the list. */
export async function unitsOf(db: Db, ids?: readonly string[]): Promise<UnitInfo[]> {
  if (ids && ids.length === 0) return [];
  const where = ids ? and(eq(units.active, true), inArray(units.id, [...ids])) : eq(units.active, true);
  const rows = await db.select().from(units).where(where).orderBy(asc(units.id));
  if (!rows.length) return [];
  const roles = await db
    .select()
    .from(memberships)
    .where(
      inArray(
        memberships.unitId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(memberships.userId));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    short: r.short,
    kind: r.kind,
    channel: r.channel,
    leads: roles.filter((m) => m.unitId === r.id && m.role === 'lead').map((m) => m.userId),
    members: roles.filter((m) => m.unitId === r.id && m.role === 'member').map((m) => m.userId),
  }));
}

export async function getUnit(db: Db, id: string): Promise<UnitInfo | null> {
  const [unit] = await unitsOf(db, [id]);
  return unit ?? null;
}

export const listUnits = (db: Db): Promise<UnitInfo[]> => unitsOf(db);

/** Names of units, active or not, for rows recorded before a unit left the workspace file. */
export async function unitNames(db: Db): Promise<Map<string, { name: string; short: string }>> {
  const rows = await db.select({ id: units.id, name: units.name, short: units.short }).from(units);
  return new Map(rows.map((r) => [r.id, { name: r.name, short: r.short }]));
}

/** Display names from the workspace file; a user without one is shown by id. */
export async function personNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select()
    .from(people)
    .where(inArray(people.userId, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.userId, r.name]));
}
