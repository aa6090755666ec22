import { describe, expect, it } from 'vitest';
import { csvField, formatNumber, toCsv } from '../../../src/export/csv.js';
import { type ExportRow, isoInZone } from '../../../src/export/rows.js';

const row = (over: Partial<ExportRow> = {}): ExportRow => ({
  period: '2016H1',
  unit_id: 'jly',
  unit: '内蒙古自治区计量测试研究院',
  indicator_key: 'doctorates',
  indicator: '培养和引进博士',
  value: 2,
  measure: '人',
  note: '',
  submitted_by: 'U_JLY_1',
  submitted_at: '2016-06-20T09:00:00+08:00',
  ...over,
});

describe('CSV export', () => {
  it('starts with a UTF-8 byte-order mark and the contract’s header row, and ends every line with CRLF', () => {
    const csv = toCsv([row()]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'period,unit_id,unit,indicator_key,indicator,value,measure,note,submitted_by,submitted_at',
      '2016H1,jly,内蒙古自治区计量测试研究院,doctorates,培养和引进博士,2,人,,U_JLY_1,2016-06-20T09:00:00+08:00',
      '',
    ]);
  });

  it('with no rows, is just the header', () => {
    expect(toCsv([])).toBe(
      '\uFEFFperiod,unit_id,unit,indicator_key,indicator,value,measure,note,submitted_by,submitted_at\r\n',
    );
  });

  it('with zh, has Chinese headers and people’s names instead of their Slack ids (an unknown id stays)', () => {
    const names = new Map([['U_JLY_1', '王小明']]);
    const lines = toCsv([row(), row({ submitted_by: 'U_GONE' })], { lang: 'zh', names })
      .slice(1)
      .split('\r\n');
    expect(lines[0]).toBe('期间,单位代码,单位,指标代码,指标,数值,计量单位,说明,填报人,填报时间');
    expect(lines[1]?.split(',')[8]).toBe('王小明');
    expect(lines[2]?.split(',')[8]).toBe('U_GONE');
  });

  it('quotes a note with a comma, a quote or a line break, doubling its quotes (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField('x\r')).toBe('"x\r"');
    expect(csvField('plain 中文,')).toBe('"plain 中文,"');
    expect(csvField('中文,逗号')).toBe('"中文,逗号"');
    expect(csvField('no quoting needed')).toBe('no quoting needed');
  });

  it('when a note would run as a spreadsheet formula, it is written as text with a leading apostrophe', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    for (const start of ['+', '-', '@', '\t']) expect(csvField(`${start}1+1`).startsWith("'")).toBe(true);
    expect(csvField(-3)).toBe('-3');
    expect(csvField('通过验收 = 3家')).toBe('通过验收 = 3家');
  });

  it('a quoted note keeps the row’s columns when read back', () => {
    const csv = toCsv([row({ note: '含逗号, "引号"\n和换行' })]);
    expect(csv).toContain('"含逗号, ""引号""\n和换行"');
  });

  it('writes numbers plainly', () => {
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(5.5)).toBe('5.5');
    expect(formatNumber(1e7)).toBe('10000000');
  });
});

describe('export timestamps', () => {
  it('are local time in the deployment’s zone with its offset', () => {
    expect(isoInZone(new Date('2016-06-20T01:00:00Z'), 'Asia/Shanghai')).toBe('2016-06-20T09:00:00+08:00');
    expect(isoInZone(new Date('2016-12-31T16:30:05Z'), 'Asia/Shanghai')).toBe('2017-01-01T00:30:05+08:00');
    expect(isoInZone(new Date('2016-01-15T12:00:00Z'), 'America/New_York')).toBe('2016-01-15T07:00:00-05:00');
  });
});
