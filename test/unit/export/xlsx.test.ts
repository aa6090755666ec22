import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportPointsSheets } from '../../../src/export/points-sheets.js';
import { EXPORT_COLUMNS, type ExportRow } from '../../../src/export/rows.js';
import { toXlsx, xmlSafe } from '../../../src/export/xlsx.js';
import { extractReportPoints } from '../../../src/summary/report-points.js';
import { readXlsx } from '../../fakes/xlsx.js';

const rows: ExportRow[] = [
  {
    period: '2016H1',
    unit_id: 'jly',
    unit: '内蒙古自治区计量测试研究院',
    indicator_key: 'rd_spending_share',
    indicator: '科技投入占收入比例',
    value: 5.5,
    measure: '%',
    note: '=HYPERLINK("x") & <b>',
    submitted_by: 'U_JLY_1',
    submitted_at: '2016-06-20T09:00:00+08:00',
  },
];

describe('XLSX export', () => {
  it('is a workbook of one named sheet with a bold, frozen header row of the contract’s columns', async () => {
    const book = await readXlsx(await toXlsx(rows, { sheet: '2016H1' }));
    expect(book.name).toBe('2016H1');
    expect(book.rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(book.frozenRows).toBe(1);
    expect(book.boldHeader).toBe(true);
  });

  it('has numbers as numbers and a formula-like note as text, never a formula', async () => {
    const book = await readXlsx(await toXlsx(rows));
    expect(book.rows[1]?.[5]).toBe(5.5);
    expect(book.rows[1]?.[7]).toBe('=HYPERLINK("x") & <b>');
    expect(book.formulas).toBe(0);
    expect(book.rows).toHaveLength(2);
  });

  it('with zh, has Chinese headers and the person’s name for who submitted', async () => {
    const names = new Map([['U_JLY_1', '王小明']]);
    const book = await readXlsx(await toXlsx(rows, { lang: 'zh', names }));
    expect(book.rows[0]?.slice(0, 3)).toEqual(['期间', '单位代码', '单位']);
    expect(book.rows[1]?.[8]).toBe('王小明');
  });

  it('drops characters XML cannot hold, so a pasted control character does not break the file', async () => {
    expect(xmlSafe('a\u0001b\u0008c\td')).toBe('abc\td');
    const book = await readXlsx(await toXlsx([{ ...(rows[0] as ExportRow), note: 'x\u0001y' }]));
    expect(book.rows[1]?.[7]).toBe('xy');
  });
});

describe('the circular’s report points in the xlsx', () => {
  it('adds a sheet per topic and one of problems after the updates, each unit’s words in their own cells', async () => {
    const points = extractReportPoints({
      period: '2020H1',
      topics: [
        { key: 'work', label: '工作开展情况', applies_to: ['lab'] },
        { key: 'people', label: '人员培养情况', applies_to: ['lab'] },
      ],
      units: [
        { id: 'a', short: '甲所', kind: 'lab' },
        { id: 'b', short: '乙所', kind: 'lab' },
      ],
      reports: [{ unitId: 'a', topics: { work: '完成课题4项。设备短缺问题突出。', people: '培训<骨干>6人。' } }],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(rows, { sheets: reportPointsSheets(points) })) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name).slice(1)).toEqual(['工作开展情况', '人员培养情况', '问题和困难']);
    const text = (i: number) => {
      const out: string[] = [];
      workbook.worksheets[i]?.eachRow((row) => {
        row.eachCell((cell) => {
          out.push(String(cell.value));
        });
      });
      return out.join('\n');
    };
    expect(text(1)).toContain('完成课题4项。');
    expect(text(1)).toContain('(未报告本项内容)');
    expect(text(2)).toContain('培训<骨干>6人。');
    expect(text(3)).toContain('设备短缺问题突出。');
  });
});
