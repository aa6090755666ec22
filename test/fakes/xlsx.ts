import ExcelJS from 'exceljs';

/** The first sheet of an .xlsx as rows of cell values, read back with exceljs; plus whether any cell is a formula. */
export async function readXlsx(
  bytes: Buffer,
): Promise<{ name: string; rows: unknown[][]; formulas: number; frozenRows: number; boldHeader: boolean }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: unknown[][] = [];
  let formulas = 0;
  sheet.eachRow((row) => {
    const cells: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) formulas++;
      cells.push(cell.value);
    });
    rows.push(cells);
  });
  const view = sheet.views[0] as { state?: string; ySplit?: number } | undefined;
  return {
    name: sheet.name,
    rows,
    formulas,
    frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0,
    boldHeader: sheet.getRow(1).font?.bold === true || sheet.getCell('A1').font?.bold === true,
  };
}
