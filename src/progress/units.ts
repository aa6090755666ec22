import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people } from '../../db/schema.js';
import { type DirectoryUnit, loadDirectory } from '../workspace/directory.js';
import type { Actor, UnitInfo } from './types.js';

/**
 * Units and roles as the workspace file put them in the database; only active units count. Read from the
 * process's directory snapshot (`workspace/directory.ts`), not the tables, on every request.
 */

export async function resolveActor(db: Db, userId: string): Promise<Actor> {
  const dir = await loadDirectory(db);
  return { userId, isAdmin: dir.admins.has(userId), units: dir.rolesOf(userId).map((r) => ({ ...r })) };
}

/** Active units with their leads and members, in id order; `ids` narrows the list. */
export async function unitsOf(db: Db, ids?: readonly string[]): Promise<UnitInfo[]> {
  if (ids && ids.length === 0) return [];
  const dir = await loadDirectory(db);
  const wanted = ids ? new Set(ids) : null;
  return dir.units.filter((u) => u.active && (!wanted || wanted.has(u.id))).map(toUnitInfo);
}

export async function getUnit(db: Db, id: string): Promise<UnitInfo | null> {
  const unit = (await loadDirectory(db)).byId.get(id);
  return unit?.active ? toUnitInfo(unit) : null;
}

export const listUnits = (db: Db): Promise<UnitInfo[]> => unitsOf(db);

/** Names of units, active or not, for rows recorded before a unit left the workspace file. */
export async function unitNames(db: Db): Promise<Map<string, { name: string; short: string }>> {
  const dir = await loadDirectory(db);
  return new Map(dir.units.map((u) => [u.id, { name: u.name, short: u.short }]));
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

/** A fresh copy: callers own what they are given, the snapshot stays as read. */
function toUnitInfo(u: DirectoryUnit): UnitInfo {
  return {
    id: u.id,
    name: u.name,
    short: u.short,
    kind: u.kind,
    channel: u.channel,
    leads: [...u.leads],
    members: [...u.members],
  };
}
