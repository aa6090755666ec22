import { PlanbotError } from '../errors.js';
import type { Actor } from './types.js';

/**
 * Who may do what, as pure functions of the actor's roles (CONTRACT §3): members submit for their units; leads also
 * edit and withdraw their unit's entries, see its history and export it; admins do everything; anyone else is refused.
 */
export type ProgressAction = 'record' | 'edit' | 'withdraw' | 'history' | 'report' | 'export';

export function roleIn(actor: Actor, unitId: string): 'lead' | 'member' | null {
  return actor.units.find((u) => u.unitId === unitId)?.role ?? null;
}

/** The units the actor leads: the ones whose history and export they may see. */
export function ledUnits(actor: Actor): string[] {
  return actor.units.filter((u) => u.role === 'lead').map((u) => u.unitId);
}

export function can(actor: Actor, action: ProgressAction, unitId: string): boolean {
  if (actor.isAdmin) return true;
  const role = roleIn(actor, unitId);
  if (action === 'record' || action === 'report') return role !== null;
  return role === 'lead';
}

const VERB: Record<ProgressAction, { zh: string; en: string }> = {
  record: { zh: '填报进展', en: 'report progress' },
  edit: { zh: '修改填报记录', en: 'edit entries' },
  withdraw: { zh: '撤回填报记录', en: 'withdraw entries' },
  history: { zh: '查看填报历史', en: 'see the history' },
  report: { zh: '填写半年报告', en: 'write the half-year report' },
  export: { zh: '导出填报数据', en: 'export figures' },
};

/** The refusal a person sees: what they tried, for which unit, and who can. */
export function refusal(actor: Actor, action: ProgressAction, unitName?: string): PlanbotError {
  const verb = VERB[action];
  const leadsOnly = action !== 'record' && action !== 'report';
  const whoZh = leadsOnly ? '该单位的负责人和管理员' : '该单位的成员、负责人和管理员';
  const whoEn = leadsOnly
    ? "the unit's leads and the bureau's admins"
    : "the unit's members and leads and the bureau's admins";
  return new PlanbotError('not_permitted', `${actor.userId} may not ${action}${unitName ? ` for ${unitName}` : ''}`, {
    zh: `您无权${verb.zh}${unitName ? `(${unitName})` : ''}:只有${whoZh}可以${verb.zh}。`,
    en: `You may not ${verb.en}${unitName ? ` for ${unitName}` : ''}: only ${whoEn} can.`,
  });
}

/** Throws the refusal unless the actor may act on the unit. */
export function ensureAllowed(
  actor: Actor,
  action: ProgressAction,
  unit: { id: string; name: string; short?: string },
): void {
  if (!can(actor, action, unit.id)) throw refusal(actor, action, unit.short ?? unit.name);
}

/** The units whose figures the actor may export: every unit for admins, led units for leads, else a refusal. */
export function exportScope(actor: Actor): 'all' | string[] {
  if (actor.isAdmin) return 'all';
  const led = ledUnits(actor);
  if (led.length) return led;
  throw new PlanbotError('not_permitted', `${actor.userId} may not export`, {
    zh: '您无权导出填报数据:只有单位负责人(导出本单位)和管理员(导出全部)可以导出。',
    en: "You may not export: only a unit's leads (for their unit) and the bureau's admins (for all units) can.",
  });
}

/** History without a unit named: the led units for leads, everything for admins, else the leads-only refusal. */
export function historyScope(actor: Actor): 'all' | string[] {
  if (actor.isAdmin) return 'all';
  const led = ledUnits(actor);
  if (led.length) return led;
  throw refusal(actor, 'history');
}
