import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { admins, memberships, units } from '../../db/schema.js';

/**
 * The workspace's units, roles and admins as one read-only snapshot. Every `/progress` request needs them (who is
 * asking, which units they report for), and they change only when a workspace file is synced, so each process keeps
 * the snapshot a few seconds instead of reading six tables per request.
 *
 * A sync in this process drops the snapshot at once (`forgetDirectory`). A sync by another process sharing the
 * server (a restart with a new workspace file) is seen within `DIRECTORY_TTL_MS`: a role added or removed takes
 * up to that long to apply, which is acceptable for a file an administrator edits by hand.
 */
export const DIRECTORY_TTL_MS = 5_000;

export interface DirectoryUnit {
  id: string;
  name: string;
  short: string;
  kind: (typeof units.$inferSelect)['kind'];
  channel: string | null;
  active: boolean;
  /** In user id order. */
  leads: readonly string[];
  members: readonly string[];
}

export interface Directory {
  /** Every unit, active or not, in id order. */
  units: readonly DirectoryUnit[];
  byId: ReadonlyMap<string, DirectoryUnit>;
  admins: ReadonlySet<string>;
  /** A person's roles in active units, in unit id order. */
  rolesOf(userId: string): ReadonlyArray<{ unitId: string; role: 'lead' | 'member' }>;
}

const cache = new WeakMap<Db, { loadedAt: number; directory: Promise<Directory> }>();

export function loadDirectory(db: Db): Promise<Directory> {
  const hit = cache.get(db);
  if (hit && performance.now() - hit.loadedAt < DIRECTORY_TTL_MS) return hit.directory;
  const directory = readDirectory(db);
  cache.set(db, { loadedAt: performance.now(), directory });
  // A failed read is not kept: the next request tries the database again.
  directory.catch(() => {
    if (cache.get(db)?.directory === directory) cache.delete(db);
  });
  return directory;
}

/** After this process changed units, roles or admins. */
export function forgetDirectory(db: Db): void {
  cache.delete(db);
}

async function readDirectory(db: Db): Promise<Directory> {
  const [unitRows, roleRows, adminRows] = await Promise.all([
    db.select().from(units).orderBy(asc(units.id)),
    db.select().from(memberships).orderBy(asc(memberships.userId), asc(memberships.unitId)),
    db.select().from(admins),
  ]);
  const all = unitRows.map(
    (u): DirectoryUnit =>
      Object.freeze({
        id: u.id,
        name: u.name,
        short: u.short,
        kind: u.kind,
        channel: u.channel,
        active: u.active,
        leads: Object.freeze(roleRows.filter((m) => m.unitId === u.id && m.role === 'lead').map((m) => m.userId)),
        members: Object.freeze(roleRows.filter((m) => m.unitId === u.id && m.role === 'member').map((m) => m.userId)),
      }),
  );
  const byId = new Map(all.map((u) => [u.id, u]));
  const roles = new Map<string, Array<{ unitId: string; role: 'lead' | 'member' }>>();
  // Units in the database's id order, so each person's roles are too.
  for (const u of all) {
    if (!u.active) continue;
    for (const userId of u.leads) pushRole(roles, userId, { unitId: u.id, role: 'lead' });
    for (const userId of u.members) pushRole(roles, userId, { unitId: u.id, role: 'member' });
  }
  return {
    units: all,
    byId,
    admins: new Set(adminRows.map((a) => a.userId)),
    rolesOf: (userId) => roles.get(userId) ?? [],
  };
}

function pushRole(
  roles: Map<string, Array<{ unitId: string; role: 'lead' | 'member' }>>,
  userId: string,
  role: { unitId: string; role: 'lead' | 'member' },
) {
  const list = roles.get(userId);
  if (list) list.push(role);
  else roles.set(userId, [role]);
}
