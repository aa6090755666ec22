import { formatNumber } from './csv.js';
import { EXPORT_COLUMNS, type ExportRow } from './rows.js';
import { zip } from './zip.js';

/**
 * A real .xlsx (Office Open XML) of the export rows: one sheet, a bold frozen header, numbers as numbers and text as
 * inline strings (never formulas, so a note that starts with "=" stays text).
 */

const WIDTHS: Record<(typeof EXPORT_COLUMNS)[number], number> = {
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

/** Characters XML 1.0 cannot hold are dropped; the five specials escaped. */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** `A`, `B`, … `Z`, `AA`: the column letters of a 0-based index. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    name = String.fromCharCode(65 + rest) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

function cell(ref: string, value: string | number, style = 0): string {
  const s = style ? ` s="${style}"` : '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${s}><v>${formatNumber(value)}</v></c>`;
  const text = xmlText(String(value));
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

/** A further sheet of plain text columns (the circular's report points, for instance). */
export interface ExtraSheet {
  name: string;
  header: string[];
  rows: string[][];
  widths?: number[];
}

function extraSheetXml(sheet: ExtraSheet): string {
  const lines = [
    `<row r="1">${sheet.header.map((c, i) => cell(`${columnName(i)}1`, c, 1)).join('')}</row>`,
    ...sheet.rows.map(
      (row, r) => `<row r="${r + 2}">${row.map((v, i) => cell(`${columnName(i)}${r + 2}`, v)).join('')}</row>`,
    ),
  ];
  const cols = sheet.header
    .map((_, i) => `<col min="${i + 1}" max="${i + 1}" width="${sheet.widths?.[i] ?? 24}" customWidth="1"/>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<cols>${cols}</cols><sheetData>${lines.join('')}</sheetData></worksheet>`
  );
}

function sheetXml(rows: readonly ExportRow[]): string {
  const lines = [
    `<row r="1">${EXPORT_COLUMNS.map((c, i) => cell(`${columnName(i)}1`, c, 1)).join('')}</row>`,
    ...rows.map(
      (row, r) =>
        `<row r="${r + 2}">${EXPORT_COLUMNS.map((c, i) => cell(`${columnName(i)}${r + 2}`, row[c])).join('')}</row>`,
    ),
  ];
  const cols = EXPORT_COLUMNS.map(
    (c, i) => `<col min="${i + 1}" max="${i + 1}" width="${WIDTHS[c]}" customWidth="1"/>`,
  ).join('');
  const last = `${columnName(EXPORT_COLUMNS.length - 1)}${rows.length + 1}`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<dimension ref="A1:${last}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<cols>${cols}</cols><sheetData>${lines.join('')}</sheetData>` +
    `<autoFilter ref="A1:${last}"/>` +
    '</worksheet>'
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/** Sheet `n` (1-based) is `worksheets/sheet<n>.xml`, relationship `rId<n>`; the styles come after them. */
function workbookRels(sheets: number): string {
  const rels = Array.from(
    { length: sheets },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `${rels}<Relationship Id="rId${sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    '</Relationships>'
  );
}

function contentTypes(sheets: number): string {
  const parts = Array.from(
    { length: sheets },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SHEET_TYPE}"/>`,
  ).join('');
  return CONTENT_TYPES.replace('</Types>', `${parts}</Types>`);
}

/** Style 0 is the default; style 1 is the bold header. */
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** Sheet names may not hold []:*?/\ and are at most 31 characters. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

/** The export rows on the first sheet; `sheets` after it, named uniquely. */
export async function toXlsx(
  rows: readonly ExportRow[],
  options: { sheet?: string; sheets?: readonly ExtraSheet[] } = {},
): Promise<Buffer> {
  const name = sheetName(options.sheet ?? rows[0]?.period ?? 'export');
  const extra = options.sheets ?? [];
  const names = [name];
  for (const sheet of extra) {
    let n = sheetName(sheet.name);
    for (let k = 2; names.includes(n); k++) n = `${sheetName(sheet.name).slice(0, 28)}(${k})`;
    names.push(n);
  }
  const sheetsXml = names.map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const workbook =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheets>${sheetsXml}</sheets>` +
    `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${xmlText(name).replace(/'/g, "''")}'!$A$1:$${columnName(EXPORT_COLUMNS.length - 1)}$${rows.length + 1}</definedName></definedNames>` +
    '</workbook>';
  return zip([
    { name: '[Content_Types].xml', data: contentTypes(names.length) },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: workbookRels(names.length) },
    { name: 'xl/styles.xml', data: STYLES },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml(rows) },
    ...extra.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 2}.xml`, data: extraSheetXml(sheet) })),
  ]);
}
