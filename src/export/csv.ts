import { stringify } from 'csv-stringify/sync';
import type { ExportRow } from './rows.js';
import { type ExportTableOptions, exportTable } from './table.js';

/**
 * CSV through csv-stringify: RFC 4180 quoting, CRLF line ends, and a UTF-8 byte-order mark so spreadsheet programs
 * (Excel in Chinese above all) read the file as UTF-8. Typed text that a spreadsheet would run as a formula (`=`,
 * `+`, `-`, `@`, tab, CR first) gets a leading apostrophe (`escape_formulas`, OWASP's advice for CSV injection);
 * numbers are written as they are.
 */
const OPTIONS = {
  record_delimiter: '\r\n',
  escape_formulas: true,
  // A lone CR or LF is quoted too, so no reader splits the record there.
  quoted_match: /[\r\n]/,
  cast: { number: (n: number) => formatNumber(n) },
} as const;

/** One field as it appears in the file. */
export function csvField(value: string | number): string {
  return stringify([[value]], { ...OPTIONS, record_delimiter: '\n' }).replace(/\n$/, '');
}

/** Numbers as people write them: no exponent, no float noise (0.1 + 0.2 is 0.3). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Number(n.toPrecision(15));
  return Number.isInteger(rounded) ? rounded.toFixed(0) : String(rounded);
}

/** The header row and one line per row, with a byte-order mark. */
export function toCsv(rows: readonly ExportRow[], options: ExportTableOptions = {}): string {
  const table = exportTable(rows, options);
  return stringify([table.header, ...table.rows], { ...OPTIONS, bom: true });
}
