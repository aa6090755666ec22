import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, type ExportRow } from '../../../src/export/rows.js';
import { toXlsx, xmlSafe } from '../../../src/export/xlsx.js';
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
