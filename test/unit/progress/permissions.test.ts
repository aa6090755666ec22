import { describe, expect, it } from 'vitest';
import { isPlanbotError } from '../../../src/errors.js';
import {
  can,
  ensureAllowed,
  exportScope,
  historyScope,
  type ProgressAction,
  refusal,
} from '../../../src/progress/permissions.js';
import type { Actor } from '../../../src/progress/types.js';

const member: Actor = { userId: 'U_JLY_1', isAdmin: false, units: [{ unitId: 'jly', role: 'member' }] };
const lead: Actor = { userId: 'U_JLY_LEAD', isAdmin: false, units: [{ unitId: 'jly', role: 'lead' }] };
const admin: Actor = { userId: 'U_ADMIN', isAdmin: true, units: [] };
const outsider: Actor = { userId: 'U_GUEST', isAdmin: false, units: [] };
const otherMember: Actor = { userId: 'U_SHY_1', isAdmin: false, units: [{ unitId: 'shy', role: 'member' }] };

const ACTIONS: ProgressAction[] = ['record', 'edit', 'withdraw', 'history', 'report', 'export'];

describe('who may do what for a unit', () => {
  const matrix: Array<[string, Actor, Record<ProgressAction, boolean>]> = [
    [
      'a member of the unit',
      member,
      { record: true, edit: false, withdraw: false, history: false, report: true, export: false },
    ],
    [
      'a lead of the unit',
      lead,
      { record: true, edit: true, withdraw: true, history: true, report: true, export: true },
    ],
    ['an admin', admin, { record: true, edit: true, withdraw: true, history: true, report: true, export: true }],
    [
      'someone in no unit',
      outsider,
      { record: false, edit: false, withdraw: false, history: false, report: false, export: false },
    ],
    [
      'a member of another unit',
      otherMember,
      { record: false, edit: false, withdraw: false, history: false, report: false, export: false },
    ],
  ];
  for (const [who, actor, expected] of matrix) {
    it(`${who} may ${ACTIONS.filter((a) => expected[a]).join(', ') || 'nothing'} for jly`, () => {
      const allowed = Object.fromEntries(ACTIONS.map((a) => [a, can(actor, a, 'jly')]));
      expect(allowed).toEqual(expected);
    });
  }

  it('a lead of one unit has no rights in another unit', () => {
    for (const action of ACTIONS) expect(can(lead, action, 'shy')).toBe(false);
  });
});

describe('refusals', () => {
  it('when a member of another unit submits, the refusal names the unit and who may', () => {
    let caught: unknown;
    try {
      ensureAllowed(otherMember, 'record', { id: 'jly', name: '计量院' });
    } catch (error) {
      caught = error;
    }
    expect(isPlanbotError(caught) && caught.code).toBe('not_permitted');
    if (!isPlanbotError(caught)) return;
    expect(caught.userMessage.zh).toContain('计量院');
    expect(caught.userMessage.zh).toContain('成员、负责人');
    expect(caught.userMessage.en).toMatch(/members and leads/);
  });

  it('when a member asks for the history, the refusal says the unit’s leads can see it', () => {
    const error = refusal(member, 'history', '计量院');
    expect(error.code).toBe('not_permitted');
    expect(error.userMessage.zh).toMatch(/只有该单位的负责人.*可以查看填报历史/);
    expect(error.userMessage.en).toMatch(/only the unit's leads/);
  });

  it('history without a unit covers a lead’s own units, every unit for an admin, and refuses a member', () => {
    const twoUnits: Actor = { ...lead, units: [...lead.units, { unitId: 'shy', role: 'member' }] };
    expect(historyScope(twoUnits)).toEqual(['jly']);
    expect(historyScope(admin)).toBe('all');
    expect(() => historyScope(member)).toThrow(/may not history/);
  });

  it('export covers a lead’s own units, every unit for an admin, and refuses members and outsiders', () => {
    expect(exportScope(lead)).toEqual(['jly']);
    expect(exportScope(admin)).toBe('all');
    for (const actor of [member, outsider]) {
      expect(() => exportScope(actor)).toThrow(expect.objectContaining({ code: 'not_permitted' }));
    }
  });
});
