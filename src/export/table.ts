import { EXPORT_COLUMNS, type ExportColumn, type ExportRow } from './rows.js';

/**
 * The export as a table: the header and each row's cells, in the contract's column names (CONTRACT §6) by default,
 * or with Chinese headers and people's names instead of their Slack ids when asked (`--lang zh`).
 */

export interface ExportTableOptions {
  lang?: 'zh';
  /** Slack user id → the person's name, for `submitted_by` in a Chinese export. */
  names?: ReadonlyMap<string, string>;
}

export interface ExportTable {
  header: string[];
  rows: Array<Array<string | number>>;
}

export const ZH_HEADERS: Record<ExportColumn, string> = {
  period: '期间',
  unit_id: '单位代码',
  unit: '单位',
  indicator_key: '指标代码',
  indicator: '指标',
  value: '数值',
  measure: '计量单位',
  note: '说明',
  submitted_by: '填报人',
  submitted_at: '填报时间',
};

export function exportTable(rows: readonly ExportRow[], options: ExportTableOptions = {}): ExportTable {
  const zh = options.lang === 'zh';
  return {
    header: EXPORT_COLUMNS.map((c) => (zh ? ZH_HEADERS[c] : c)),
    rows: rows.map((row) =>
      EXPORT_COLUMNS.map((c) =>
        zh && c === 'submitted_by' ? (options.names?.get(row.submitted_by) ?? row.submitted_by) : row[c],
      ),
    ),
  };
}
