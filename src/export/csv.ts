import { EXPORT_COLUMNS, type ExportRow } from './rows.js';

/**
 * RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled; lines end in CRLF.
 * Typed text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is kept as text
 * with a leading apostrophe (OWASP's advice for CSV injection); numbers are written as they are.
 */
export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? formatNumber(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Numbers as people write them: no exponent, no float noise (0.1 + 0.2 is 0.3). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Number(n.toPrecision(15));
  return Number.isInteger(rounded) ? rounded.toFixed(0) : String(rounded);
}

/** The header row and one line per row, UTF-8 text; `bom` prefixes a byte-order mark for spreadsheet programs. */
export function toCsv(rows: readonly ExportRow[], options: { bom?: boolean } = {}): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const row of rows) lines.push(EXPORT_COLUMNS.map((c) => csvField(row[c])).join(','));
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
