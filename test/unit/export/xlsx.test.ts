import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { reportPointsSheets } from '../../../src/export/points-sheets.js';
import type { ExportRow } from '../../../src/export/rows.js';
import { columnName, toXlsx, xmlText } from '../../../src/export/xlsx.js';
import { crc32 } from '../../../src/export/zip.js';
import { extractReportPoints } from '../../../src/summary/report-points.js';

/** Reads a ZIP through its central directory, checking each entry's CRC: enough to inspect an .xlsx. */
function unzip(buf: Buffer): Map<string, string> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const packed = buf.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(packed) : packed;
    if (crc32(data) !== crc) throw new Error(`CRC mismatch in ${name}`);
    files.set(name, data.toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

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
  it('is a ZIP holding the parts of a one-sheet workbook', async () => {
    const files = unzip(await toXlsx(rows));
    expect([...files.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(files.get('xl/workbook.xml')).toContain('<sheet name="2016H1" sheetId="1" r:id="rId1"/>');
  });

  it('has the header row, numbers as numbers and notes as text that is never a formula', async () => {
    const sheet = unzip(await toXlsx(rows)).get('xl/worksheets/sheet1.xml') ?? '';
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr"><is><t>period</t></is></c>');
    expect(sheet).toContain('<c r="J1" s="1" t="inlineStr"><is><t>submitted_at</t></is></c>');
    expect(sheet).toContain('<c r="F2"><v>5.5</v></c>');
    expect(sheet).toContain('<c r="H2" t="inlineStr"><is><t>=HYPERLINK(&quot;x&quot;) &amp; &lt;b&gt;</t></is></c>');
    expect(sheet).not.toContain('<f>');
    expect(sheet).toContain('<dimension ref="A1:J2"/>');
  });

  it('the same rows make the same bytes', async () => {
    expect((await toXlsx(rows)).equals(await toXlsx(rows))).toBe(true);
  });

  it('drops characters XML cannot hold and names columns past Z', () => {
    expect(xmlText('a\u0001b\u0008c\td')).toBe('abc\td');
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('checksums like every other ZIP tool (CRC-32 of "123456789" is cbf43926)', () => {
    expect(crc32(Buffer.from('123456789')).toString(16)).toBe('cbf43926');
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
    const files = unzip(await toXlsx(rows, { sheets: reportPointsSheets(points) }));
    const workbook = files.get('xl/workbook.xml') ?? '';
    expect([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '2016H1',
      '工作开展情况',
      '人员培养情况',
      '问题和困难',
    ]);
    expect(files.get('xl/_rels/workbook.xml.rels')).toContain('worksheets/sheet4.xml');
    expect(files.get('[Content_Types].xml')).toContain('/xl/worksheets/sheet4.xml');
    expect(files.get('xl/worksheets/sheet2.xml')).toContain('完成课题4项。');
    expect(files.get('xl/worksheets/sheet2.xml')).toContain('(未报告本项内容)');
    expect(files.get('xl/worksheets/sheet3.xml')).toContain('培训&lt;骨干&gt;6人。');
    expect(files.get('xl/worksheets/sheet4.xml')).toContain('设备短缺问题突出。');
  });
});
