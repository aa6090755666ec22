import { PlanbotError } from '../errors.js';
import { indicatorByKey } from '../plan/catalogue.js';
import { circularPostedFor, type ProgressDeps, periodRules, planOf } from './deps.js';
import { formatPeriod, type PeriodId, parsePeriod } from './periods.js';
import { ensureAllowed } from './permissions.js';
import {
  findReport,
  findReportById,
  findVersionByKey,
  insertVersion,
  listVersions,
  lockReport,
  REPORT_ENTITY,
  type ReportVersion,
  writeReport,
} from './report-repository.js';
import { checkReportTopics, reportTopicsFor } from './report-rules.js';
import { listUpdates, writeAudit } from './repository.js';
import type { Actor, FieldErrors, HalfYearReport, ProgressUpdate } from './types.js';
import { getUnit } from './units.js';
import { checkPeriod } from './validate.js';

/** The half-year report (三、(六)): drafts, submission, edits until the circular posts, every version kept. */

export interface ReportInput {
  unitId: string;
  /** `2016H1`, or as typed (`2016上半年`). */
  period: string;
  /** By topic key; a topic left out keeps its previous text, an empty one is cleared. */
  topics: Record<string, string>;
  /** Submit (every topic required) rather than save a draft. Once submitted, every later save is a submission. */
  submit: boolean;
  idempotencyKey?: string;
}

export type SaveReportResult =
  | { ok: true; report: HalfYearReport; duplicate: boolean }
  | { ok: false; errors: FieldErrors };

/** Thrown inside the transaction to undo it when a concurrent save with the same key got there first. */
class SameKeySaved extends Error {}

/** Thrown inside the transaction when the latest version, read under the lock, makes the save invalid. */
class InvalidUnderLock extends Error {
  constructor(readonly errors: FieldErrors) {
    super('report invalid under lock');
  }
}

export async function saveReport(deps: ProgressDeps, actor: Actor, input: ReportInput): Promise<SaveReportResult> {
  const unit = input.unitId ? await getUnit(deps.db, input.unitId) : null;
  if (!unit) return { ok: false, errors: { unit: { zh: '请选择您所在的单位', en: 'Choose your unit' } } };
  ensureAllowed(actor, 'report', unit);
  const topics = reportTopicsFor(deps.catalogue, unit.kind);
  if (!topics.length) {
    return {
      ok: false,
      errors: {
        unit: {
          zh: `${unit.short}不需要提交半年报告(计划要求${deps.catalogue.rules.words.reporters}报告)`,
          en: `${unit.short} does not file a half-year report; the plan asks it of other units`,
        },
      },
    };
  }
  const key = input.idempotencyKey?.trim() || null;
  const earlier = key ? await duplicateOf(deps, key, unit.id) : null;
  if (earlier) return { ok: true, report: earlier, duplicate: true };

  const period = checkPeriod(input.period ?? '', periodRules(deps));
  if ('error' in period) return { ok: false, errors: { period: period.error } };
  if (!actor.isAdmin && (await circularPostedFor(deps, period.period))) throw lockedError(period.period);

  const now = deps.clock.now();
  try {
    const report = await deps.db.transaction(async (tx) => {
      const locked = await lockReport(tx, planOf(deps), unit.id, period.period, actor.userId, now);
      // Checked again under the lock, over the latest version: another save may have landed since the look above.
      const status = input.submit || locked.status === 'submitted' ? 'submitted' : 'draft';
      const checked = checkReportTopics(topics, locked.topics, input.topics ?? {}, status === 'submitted');
      if (!checked.ok) throw new InvalidUnderLock(checked.errors);
      const version = locked.version + 1;
      const saved = await insertVersion(tx, {
        reportId: locked.id,
        version,
        status,
        topics: checked.value,
        savedBy: actor.userId,
        savedAt: now,
        idempotencyKey: key,
      });
      if (!saved) throw new SameKeySaved();
      const submittedNow = input.submit && status === 'submitted';
      const updated = await writeReport(tx, locked.id, {
        status,
        version,
        topics: checked.value,
        firstSubmittedAt: locked.firstSubmittedAt ?? (status === 'submitted' ? now : null),
        submittedAt: submittedNow ? now : locked.submittedAt,
        submittedBy: submittedNow ? actor.userId : locked.submittedBy,
        updatedBy: actor.userId,
        updatedAt: now,
      });
      await writeAudit(tx, {
        at: now,
        actor: actor.userId,
        action: submittedNow ? 'report.submitted' : 'report.saved',
        entity: REPORT_ENTITY,
        entityId: String(locked.id),
        before: locked.version ? { status: locked.status, version: locked.version, topics: locked.topics } : null,
        after: { status, version, topics: checked.value },
      });
      return updated;
    });
    deps.logger.info('report saved', {
      plan: planOf(deps),
      unit: unit.id,
      period: period.period,
      status: report.status,
      version: report.version,
    });
    return { ok: true, report, duplicate: false };
  } catch (error) {
    if (error instanceof InvalidUnderLock) return { ok: false, errors: error.errors };
    if (!(error instanceof SameKeySaved) || !key) throw error;
    const winner = await duplicateOf(deps, key, unit.id);
    if (!winner) throw new Error(`report version key ${key} conflicted but no version holds it`);
    return { ok: true, report: winner, duplicate: true };
  }
}

async function duplicateOf(deps: ProgressDeps, key: string, unitId: string): Promise<HalfYearReport | null> {
  const version = await findVersionByKey(deps.db, key);
  if (!version) return null;
  const report = await findReportById(deps.db, version.reportId);
  if (!report || report.unitId !== unitId || report.plan !== planOf(deps)) {
    throw new PlanbotError('conflict', `report key ${key} reused for another unit`, {
      zh: '这次提交与另一份报告冲突,未保存。请重新打开报告再试。',
      en: 'This submission clashes with another report and was not saved. Please open the report again.',
    });
  }
  return report;
}

function lockedError(period: PeriodId): PlanbotError {
  return new PlanbotError('conflict', `report for ${period} is locked: the circular has posted`, {
    zh: `${formatPeriod(period)}的通报已经发布,本期报告已锁定,不能再修改。如确需更正,请联系管理员。`,
    en: `The circular for ${period} has been posted, so this period's reports are locked. Ask the bureau's admins for a correction.`,
  });
}

/** `period` as an id or as typed; a period that cannot be read finds no report. */
function readPeriod(period: string): PeriodId | null {
  return parsePeriod(period);
}

export async function getReport(deps: ProgressDeps, unitId: string, period: string): Promise<HalfYearReport | null> {
  const p = readPeriod(period);
  if (!p) return null;
  const report = await findReport(deps.db, planOf(deps), unitId, p);
  return report && report.version > 0 ? report : null;
}

/** Every saved version, oldest first. */
export async function reportVersions(deps: ProgressDeps, unitId: string, period: string): Promise<ReportVersion[]> {
  const p = readPeriod(period);
  const report = p ? await findReport(deps.db, planOf(deps), unitId, p) : null;
  return report ? listVersions(deps.db, report.id) : [];
}

/** True once the period's circular has posted: from then on only admins may change its reports. */
export async function isReportLocked(deps: ProgressDeps, period: string): Promise<boolean> {
  const p = readPeriod(period);
  return p ? circularPostedFor(deps, p) : false;
}

/** A unit's figure for the period, as the report modal shows it read-only. */
export interface UnitNumber extends ProgressUpdate {
  indicatorName: string;
  measure: string;
}

/** The unit's current updates for the period, in catalogue order, earliest first within an indicator. */
export async function unitNumbers(deps: ProgressDeps, unitId: string, period: string): Promise<UnitNumber[]> {
  const p = readPeriod(period);
  if (!p) return [];
  const rows = await listUpdates(deps.db, {
    plan: planOf(deps),
    unitIds: [unitId],
    period: p,
    status: 'current',
  });
  const order = new Map(deps.catalogue.indicators.map((i, n) => [i.key, n]));
  return rows
    .map((u) => {
      const indicator = indicatorByKey(deps.catalogue, u.indicatorKey);
      return { ...u, indicatorName: indicator?.name ?? u.indicatorKey, measure: indicator?.measure ?? '' };
    })
    .sort(
      (a, b) =>
        (order.get(a.indicatorKey) ?? 1e9) - (order.get(b.indicatorKey) ?? 1e9) ||
        a.submittedAt.getTime() - b.submittedAt.getTime() ||
        a.id - b.id,
    );
}
