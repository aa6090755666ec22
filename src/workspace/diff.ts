import type { Workspace } from './file.js';

/** What the database holds of a workspace, as plain rows. */
export interface WorkspaceState {
  units: Array<{ id: string; name: string; short: string; kind: string; channel: string | null; active: boolean }>;
  memberships: Array<{ unitId: string; userId: string; role: 'lead' | 'member' }>;
  admins: string[];
  people: Array<{ userId: string; name: string }>;
  settings: Record<string, unknown>;
}

export type WorkspaceChange =
  | { action: 'unit.added' | 'unit.changed' | 'unit.reactivated'; unitId: string; before: unknown; after: UnitRow }
  | { action: 'unit.deactivated'; unitId: string; before: UnitRow; after: UnitRow }
  | { action: 'membership.added'; unitId: string; userId: string; role: 'lead' | 'member' }
  | { action: 'membership.removed'; unitId: string; userId: string; role: 'lead' | 'member' }
  | {
      action: 'membership.role_changed';
      unitId: string;
      userId: string;
      from: 'lead' | 'member';
      to: 'lead' | 'member';
    }
  | { action: 'admin.added' | 'admin.removed'; userId: string }
  | { action: 'person.set'; userId: string; before: string | null; name: string }
  | { action: 'setting.set'; key: string; before: unknown; value: unknown };

export type UnitRow = WorkspaceState['units'][number];

/** JSON with keys sorted: jsonb columns do not keep the key order they were written with. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The changes that bring the database in line with the file; none when they already agree. */
export function diffWorkspace(state: WorkspaceState, ws: Workspace): WorkspaceChange[] {
  const changes: WorkspaceChange[] = [];
  const current = new Map(state.units.map((u) => [u.id, u]));
  const wanted = new Set(ws.units.map((u) => u.id));

  for (const unit of ws.units) {
    const row: UnitRow = {
      id: unit.id,
      name: unit.name,
      short: unit.short,
      kind: unit.kind,
      channel: unit.channel ?? null,
      active: true,
    };
    const before = current.get(unit.id);
    if (!before) changes.push({ action: 'unit.added', unitId: unit.id, before: null, after: row });
    else if (!before.active) changes.push({ action: 'unit.reactivated', unitId: unit.id, before, after: row });
    else if (!same(before, row)) changes.push({ action: 'unit.changed', unitId: unit.id, before, after: row });
  }
  for (const before of state.units) {
    if (before.active && !wanted.has(before.id)) {
      changes.push({ action: 'unit.deactivated', unitId: before.id, before, after: { ...before, active: false } });
    }
  }

  const roleNow = new Map(state.memberships.map((m) => [`${m.unitId}\u0000${m.userId}`, m.role]));
  const roleWanted = new Map<string, 'lead' | 'member'>();
  for (const unit of ws.units) {
    for (const u of unit.members) roleWanted.set(`${unit.id}\u0000${u}`, 'member');
    for (const u of unit.leads) roleWanted.set(`${unit.id}\u0000${u}`, 'lead');
  }
  for (const [key, role] of roleWanted) {
    const [unitId = '', userId = ''] = key.split('\u0000');
    const from = roleNow.get(key);
    if (!from) changes.push({ action: 'membership.added', unitId, userId, role });
    else if (from !== role) changes.push({ action: 'membership.role_changed', unitId, userId, from, to: role });
  }
  for (const [key, role] of roleNow) {
    if (roleWanted.has(key)) continue;
    const [unitId = '', userId = ''] = key.split('\u0000');
    changes.push({ action: 'membership.removed', unitId, userId, role });
  }

  for (const userId of ws.admins) if (!state.admins.includes(userId)) changes.push({ action: 'admin.added', userId });
  for (const userId of state.admins) if (!ws.admins.includes(userId)) changes.push({ action: 'admin.removed', userId });

  const names = new Map(state.people.map((p) => [p.userId, p.name]));
  for (const [userId, name] of Object.entries(ws.people)) {
    if (names.get(userId) !== name)
      changes.push({ action: 'person.set', userId, before: names.get(userId) ?? null, name });
  }

  const settings: Record<string, unknown> = {
    timezone: ws.timezone,
    channels: ws.channels,
    schedule: ws.schedule ?? {},
  };
  for (const [key, value] of Object.entries(settings)) {
    if (!same(state.settings[key], value))
      changes.push({ action: 'setting.set', key, before: state.settings[key] ?? null, value });
  }
  return changes;
}
