import { PlanbotError } from '../errors.js';
import { indicatorByKey } from '../plan/catalogue.js';
import type { ProgressDeps } from '../progress/deps.js';
import { localParts, type PeriodId, parsePeriod } from '../progress/periods.js';
import { exportScope } from '../progress/permissions.js';
import { listUpdates } from '../progress/repository.js';
import type { Actor } from '../progress/types.js';
import { unitNames } from '../progress/units.js';

/** A period's current updates as the export's rows (CONTRACT §6): leads get their units, admins every unit. */

export const EXPORT_COLUMNS = [
  'period',
  'unit_id',
  'unit',
  'indicator_key',
  'indicator',
  'value',
  'measure',
  'note',
  'submitted_by',
  'submitted_at',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export interface ExportRow {
  period: PeriodId;
  unit_id: string;
  /** The unit's full name. */
  unit: string;
  indicator_key: string;
  /** The indicator's Chinese name. */
  indicator: string;
  value: number;
  measure: string;
  note: string;
  /** The Slack user id of the person who submitted the figure. */
  submitted_by: string;
  /** ISO 8601 with the deployment's offset, e.g. `2016-06-20T09:00:00+08:00`. */
  submitted_at: string;
}

export async function exportRows(deps: ProgressDeps, actor: Actor, period: string): Promise<ExportRow[]> {
  const scope = exportScope(actor);
  const p = parsePeriod(period);
  if (!p) {
    throw new PlanbotError('invalid_input', `not a period: ${period}`, {
      zh: `“${period}”不是有效的期间,请写成 2016H1 或 2016H2。`,
      en: `"${period}" is not a period; write it as 2016H1 or 2016H2.`,
    });
  }
  const [updates, names] = await Promise.all([
    listUpdates(deps.db, { plan: deps.catalogue.plan.slug, unitIds: scope, period: p, status: 'current' }),
    unitNames(deps.db),
  ]);
  const order = new Map(deps.catalogue.indicators.map((i, n) => [i.key, n]));
  return updates
    .sort(
      (a, b) =>
        a.unitId.localeCompare(b.unitId) ||
        (order.get(a.indicatorKey) ?? 1e9) - (order.get(b.indicatorKey) ?? 1e9) ||
        a.submittedAt.getTime() - b.submittedAt.getTime() ||
        a.id - b.id,
    )
    .map((u) => {
      const indicator = indicatorByKey(deps.catalogue, u.indicatorKey);
      return {
        period: u.period,
        unit_id: u.unitId,
        unit: names.get(u.unitId)?.name ?? u.unitId,
        indicator_key: u.indicatorKey,
        indicator: indicator?.name ?? u.indicatorKey,
        value: u.value,
        measure: indicator?.measure ?? '',
        note: u.note ?? '',
        submitted_by: u.submittedBy,
        submitted_at: isoInZone(u.submittedAt, deps.timezone),
      };
    });
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** An instant as local wall-clock time in `tz` with its UTC offset, to the second. */
export function isoInZone(at: Date, tz: string): string {
  const p = localParts(at, tz);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offsetMinutes = Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${offset}`;
}
