import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { progressUpdates } from '../../db/schema.js';
import { PlanbotError } from '../errors.js';
import { type Indicator, indicatorByKey } from '../plan/catalogue.js';
import { type ProgressDeps, periodRules } from './deps.js';
import type { PeriodId } from './periods.js';
import { ensureAllowed, historyScope } from './permissions.js';
import {
  type AuditEntry,
  auditSnapshot,
  auditTrail,
  claimRequest,
  findUpdate,
  findUpdateByKey,
  findUpdatePlan,
  insertUpdate,
  listUpdates,
  patchUpdate,
  UPDATE_ENTITY,
  type UpdatePatch,
  writeAudit,
} from './repository.js';
import { standingAfterUpdate, unitNotFound } from './status.js';
import type { Actor, FieldErrors, ProgressUpdate, Standing, UpdateInput } from './types.js';
import { getUnit, unitNames } from './units.js';
import { checkNote, type UpdateChanges, validateChanges, validateUpdate } from './validate.js';

/** Recording, editing and withdrawing a unit's figures, and reading their history: the story of `/progress`. */

export type RecordResult =
  | { ok: true; update: ProgressUpdate; duplicate: boolean; standing: Standing }
  | { ok: false; errors: FieldErrors };

export async function recordUpdate(deps: ProgressDeps, actor: Actor, input: UpdateInput): Promise<RecordResult> {
  const unitId = typeof input?.unitId === 'string' ? input.unitId.trim() : '';
  const unit = unitId ? await getUnit(deps.db, unitId) : null;
  if (!unit) return { ok: false, errors: { unit: { zh: '请选择您所在的单位', en: 'Choose your unit' } } };
  ensureAllowed(actor, 'record', unit);

  const key = input.idempotencyKey?.trim() || null;
  const checked = validateUpdate(input, unit, actor.isAdmin, periodRules(deps));
  if (!checked.ok) {
    // A redelivered request gets its earlier row back even if it would not pass today (its period has closed).
    const earlier = key ? await findUpdateByKey(deps.db, key) : null;
    return earlier ? duplicateOf(deps, actor, earlier, unit.id) : checked;
  }
  const clean = checked.value;
  const now = deps.clock.now();
  // The row and its audit entry in one statement; a key already taken writes nothing.
  const inserted = await insertUpdate(deps.db, {
    plan: deps.catalogue.plan.slug,
    unitId: unit.id,
    indicatorKey: clean.indicator.key,
    period: clean.period,
    value: clean.value,
    note: clean.note,
    evidenceUrl: clean.evidenceUrl,
    by: actor.userId,
    at: now,
    idempotencyKey: key,
  });
  if (!inserted) {
    // A retry, a double click, or another request with the same key that got there first.
    const winner = key ? await findUpdateByKey(deps.db, key) : null;
    if (!winner) throw new Error(`insert of ${key} conflicted but no row holds the key`);
    return duplicateOf(deps, actor, winner, unit.id);
  }
  deps.metrics?.updateRecorded();
  deps.logger.info('progress recorded', {
    id: inserted.id,
    unit: unit.id,
    indicator: clean.indicator.key,
    by: actor.userId,
  });
  return {
    ok: true,
    update: inserted,
    duplicate: false,
    standing: await standingAfterUpdate(deps, clean.indicator, unit.id),
  };
}

/** A retried request finds its own earlier row; a key reused for another person or unit is a conflict, not a match. */
async function duplicateOf(
  deps: ProgressDeps,
  actor: Actor,
  earlier: ProgressUpdate,
  unitId: string,
): Promise<RecordResult> {
  if (earlier.unitId !== unitId || earlier.submittedBy !== actor.userId) {
    throw new PlanbotError('conflict', `idempotency key of update ${earlier.id} reused by ${actor.userId}`, {
      zh: '这次提交与另一条记录冲突,未保存。请重新打开表单再试。',
      en: 'This submission clashes with another record and was not saved. Please open the form again.',
    });
  }
  const indicator = indicatorOf(deps, earlier);
  return { ok: true, update: earlier, duplicate: true, standing: await standingAfterUpdate(deps, indicator, unitId) };
}

export type EditResult =
  | { ok: true; update: ProgressUpdate; duplicate: boolean; changed: boolean; standing: Standing }
  | { ok: false; errors: FieldErrors };

/** Leads of the unit and admins change a current entry's value, note, evidence or period; the version goes up. */
export async function editUpdate(
  deps: ProgressDeps,
  actor: Actor,
  id: number,
  changes: UpdateChanges,
  idempotencyKey?: string,
): Promise<EditResult> {
  const current = await loadForChange(deps, actor, id, 'edit');
  const indicator = indicatorOf(deps, current);
  const checked = validateChanges(changes, indicator, periodRules(deps));
  if (!checked.ok) return checked;
  const now = deps.clock.now();
  type Outcome = { update?: ProgressUpdate; changed?: boolean; duplicate?: boolean };
  const outcome = await deps.db.transaction(async (trx): Promise<Outcome> => {
    const tx: Db = trx;
    if (idempotencyKey && !(await claimRequest(tx, `progress.edit:${idempotencyKey}`, now))) return { duplicate: true };
    const locked = await lockUpdate(tx, id);
    if (locked.status === 'withdrawn') throw withdrawnError();
    const patch = differences(locked, checked.value);
    if (!Object.keys(patch).length) return { update: locked, changed: false };
    const updated = await patchUpdate(tx, id, locked.version, patch, actor.userId, now);
    if (!updated) throw new Error(`update ${id} changed while locked`);
    await writeAudit(tx, {
      at: now,
      actor: actor.userId,
      action: 'progress.edited',
      entity: UPDATE_ENTITY,
      entityId: String(id),
      before: auditSnapshot(locked),
      after: auditSnapshot(updated),
    });
    return { update: updated, changed: true };
  });
  const update = outcome.update ?? (await findUpdate(deps.db, id)) ?? current;
  if (outcome.changed) deps.logger.info('progress edited', { id, by: actor.userId, version: update.version });
  return {
    ok: true,
    update,
    duplicate: outcome.duplicate === true,
    changed: outcome.changed === true,
    standing: await standingAfterUpdate(deps, indicator, update.unitId),
  };
}

export type WithdrawResult =
  | { ok: true; update: ProgressUpdate; duplicate: boolean }
  | { ok: false; errors: FieldErrors };

/** Leads of the unit and admins withdraw an entry: it stays, marked withdrawn, and stops counting. */
export async function withdrawUpdate(
  deps: ProgressDeps,
  actor: Actor,
  id: number,
  reason?: string,
): Promise<WithdrawResult> {
  const current = await loadForChange(deps, actor, id, 'withdraw');
  const why = checkNote(reason);
  if ('error' in why) return { ok: false, errors: { reason: why.error } };
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (trx) => {
    const tx: Db = trx;
    const locked = await lockUpdate(tx, id);
    if (locked.status === 'withdrawn') return { update: locked, duplicate: true };
    const updated = await patchUpdate(tx, id, locked.version, { status: 'withdrawn' }, actor.userId, now);
    if (!updated) throw new Error(`update ${id} changed while locked`);
    await writeAudit(tx, {
      at: now,
      actor: actor.userId,
      action: 'progress.withdrawn',
      entity: UPDATE_ENTITY,
      entityId: String(id),
      before: auditSnapshot(locked),
      after: { ...auditSnapshot(updated), reason: why.note },
    });
    return { update: updated, duplicate: false };
  });
  if (!outcome.duplicate) deps.logger.info('progress withdrawn', { id, unit: current.unitId, by: actor.userId });
  return { ok: true, ...outcome };
}

/** An update as history shows it: with names, and withdrawn ones marked. */
export interface HistoryEntry extends ProgressUpdate {
  unitName: string;
  unitShort: string;
  indicatorName: string;
  measure: string;
  withdrawn: boolean;
}

/**
 * Newest first, withdrawn entries included. With a unit: its leads and admins. Without: a lead's own units, or every
 * unit for admins. Members are told that leads can see the history.
 */
export async function listHistory(
  deps: ProgressDeps,
  actor: Actor,
  unitId?: string,
  options: { period?: PeriodId; limit?: number } = {},
): Promise<HistoryEntry[]> {
  let scope: string[] | 'all';
  if (unitId) {
    const unit = await getUnit(deps.db, unitId);
    if (!unit) throw unitNotFound(unitId);
    ensureAllowed(actor, 'history', unit);
    scope = [unit.id];
  } else {
    scope = historyScope(actor);
  }
  const [updates, names] = await Promise.all([
    listUpdates(deps.db, {
      plan: deps.catalogue.plan.slug,
      unitIds: scope,
      period: options.period,
      limit: options.limit ?? 200,
    }),
    unitNames(deps.db),
  ]);
  return updates.map((u) => {
    const indicator = indicatorByKey(deps.catalogue, u.indicatorKey);
    const unit = names.get(u.unitId);
    return {
      ...u,
      unitName: unit?.name ?? u.unitId,
      unitShort: unit?.short ?? u.unitId,
      indicatorName: indicator?.name ?? u.indicatorKey,
      measure: indicator?.measure ?? '',
      withdrawn: u.status === 'withdrawn',
    };
  });
}

/** The audit trail of one update, oldest first: who did what, when, and what it was before and after. */
export async function auditOf(deps: ProgressDeps, actor: Actor, entityId: number | string): Promise<AuditEntry[]> {
  const id = Number(entityId);
  const update = Number.isInteger(id) ? await findUpdate(deps.db, id) : null;
  if (!update) throw updateNotFound(String(entityId));
  const names = await unitNames(deps.db);
  ensureAllowed(actor, 'history', { id: update.unitId, name: names.get(update.unitId)?.short ?? update.unitId });
  return auditTrail(deps.db, UPDATE_ENTITY, String(id));
}

async function loadForChange(deps: ProgressDeps, actor: Actor, id: number, action: 'edit' | 'withdraw') {
  const update = await findUpdate(deps.db, id);
  if (!update) throw updateNotFound(String(id));
  const names = await unitNames(deps.db);
  ensureAllowed(actor, action, { id: update.unitId, name: names.get(update.unitId)?.short ?? update.unitId });
  if (action === 'edit' && update.status === 'withdrawn') throw withdrawnError();
  return update;
}

async function lockUpdate(tx: Db, id: number): Promise<ProgressUpdate> {
  await tx.select({ id: progressUpdates.id }).from(progressUpdates).where(eq(progressUpdates.id, id)).for('update');
  const locked = await findUpdate(tx, id);
  if (!locked) throw updateNotFound(String(id));
  return locked;
}

function differences(row: ProgressUpdate, changes: UpdatePatch): UpdatePatch {
  const patch: UpdatePatch = {};
  if (changes.value !== undefined && changes.value !== row.value) patch.value = changes.value;
  if (changes.note !== undefined && changes.note !== row.note) patch.note = changes.note;
  if (changes.evidenceUrl !== undefined && changes.evidenceUrl !== row.evidenceUrl)
    patch.evidenceUrl = changes.evidenceUrl;
  if (changes.period !== undefined && changes.period !== row.period) patch.period = changes.period;
  return patch;
}

function indicatorOf(deps: ProgressDeps, update: ProgressUpdate): Indicator {
  const indicator = indicatorByKey(deps.catalogue, update.indicatorKey);
  if (!indicator) {
    throw new PlanbotError('not_found', `update ${update.id} names ${update.indicatorKey}, not in the catalogue`, {
      zh: `指标“${update.indicatorKey}”已不在计划目录中,无法处理这条记录。`,
      en: `The indicator "${update.indicatorKey}" is no longer in the plan's catalogue.`,
    });
  }
  return indicator;
}

function updateNotFound(id: string): PlanbotError {
  return new PlanbotError('not_found', `no progress update ${id}`, {
    zh: `找不到编号为 ${id} 的填报记录。`,
    en: `There is no progress entry ${id}.`,
  });
}

function withdrawnError(): PlanbotError {
  return new PlanbotError('conflict', 'update is withdrawn', {
    zh: '这条记录已撤回,不能再修改;如需更正,请重新填报。',
    en: 'This entry was withdrawn and cannot be edited; record a new one instead.',
  });
}

/** The plan an update was recorded under (its slug); null when there is no such update. */
export async function planOfUpdate(deps: Pick<ProgressDeps, 'db'>, id: number): Promise<string | null> {
  const update = Number.isInteger(id) ? await findUpdatePlan(deps.db, id) : null;
  return update;
}
