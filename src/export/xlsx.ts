import ExcelJS from 'exceljs';
import type { ExportColumn, ExportRow } from './rows.js';
import { EXPORT_COLUMNS } from './rows.js';
import { type ExportTableOptions, exportTable } from './table.js';

/**
 * An .xlsx of the export rows through exceljs: one sheet, a bold frozen header, numbers as numbers and text as
 * strings. A string cell is never a formula in exceljs (only `{ formula }` values are), so a note that starts with
 * "=" stays text.
 */

const WIDTHS: Record<ExportColumn, number> = {
  period: 9,
  unit_id: 12,
  unit: 36,
  indicator_key: 26,
  indicator: 24,
  value: 10,
  measure: 8,
  note: 48,
  submitted_by: 14,
  submitted_at: 26,
};

/** Characters XML 1.0 cannot hold (control characters a pasted note may carry) are dropped. */
export function xmlSafe(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/** A further sheet after the export rows (the circular's report points, a sheet per topic). */
export interface ExtraSheet {
  name: string;
  header: string[];
  rows: string[][];
  widths?: number[];
}

export async function toXlsx(
  rows: readonly ExportRow[],
  options: ExportTableOptions & { sheet?: string; sheets?: readonly ExtraSheet[] } = {},
): Promise<Buffer> {
  const table = exportTable(rows, options);
  const workbook = new ExcelJS.Workbook();
  // Fixed dates, so the same rows make the same workbook.
  workbook.created = workbook.modified = new Date(0);
  workbook.creator = 'planbot';
  const sheet = workbook.addWorksheet(options.sheet ?? 'export', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.header.map((header, i) => ({ header, width: WIDTHS[EXPORT_COLUMNS[i] as ExportColumn] }));
  sheet.getRow(1).font = { bold: true };
  for (const cells of table.rows) sheet.addRow(cells.map((c) => (typeof c === 'string' ? xmlSafe(c) : c)));
  for (const extra of options.sheets ?? []) {
    const more = workbook.addWorksheet(extra.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    more.columns = extra.header.map((header, i) => ({ header, width: extra.widths?.[i] ?? 24 }));
    more.getRow(1).font = { bold: true };
    for (const cells of extra.rows) more.addRow(cells.map(xmlSafe));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
