/**
 * The progress domain's public API: what the Slack surfaces, the CLI and the scheduled jobs call. Use cases take
 * `ProgressDeps`, an `Actor` and plain inputs, enforce permissions themselves, and return plain objects; a refusal or a
 * missing record is a thrown `PlanbotError` whose `userMessage` is the sentence to show.
 */
export { csvField, toCsv } from '../export/csv.js';
export { EXPORT_COLUMNS, type ExportColumn, type ExportRow, exportRows, isoInZone } from '../export/rows.js';
export { toXlsx } from '../export/xlsx.js';
export { type DefaultPeriod, defaultPeriodFor } from './default-period.js';
export { type ProgressDeps, periodNow } from './deps.js';
export { can, exportScope, historyScope, ledUnits, type ProgressAction, refusal, roleIn } from './permissions.js';
export type { ReportVersion } from './report-repository.js';
export { reportTopicsFor } from './report-rules.js';
export {
  getReport,
  isReportLocked,
  type ReportInput,
  reportVersions,
  type SaveReportResult,
  saveReport,
  type UnitNumber,
  unitNumbers,
} from './reports.js';
export type { AuditEntry } from './repository.js';
export type { UnitStanding } from './standing.js';
export {
  asksForStanding,
  indicatorStanding,
  regionStanding,
  type StandingAnswer,
  standingForQuestion,
  unitStanding,
} from './status.js';
export type * from './types.js';
export { getUnit, listUnits, personNames, resolveActor, unitsOf } from './units.js';
export {
  auditOf,
  type EditResult,
  editUpdate,
  type HistoryEntry,
  listHistory,
  planOfUpdate,
  type RecordResult,
  recordUpdate,
  type WithdrawResult,
  withdrawUpdate,
} from './updates.js';
export { NOTE_MAX, type UpdateChanges } from './validate.js';
