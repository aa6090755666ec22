import { describe, expect, it } from 'vitest';
import { dropSpacesByChinese, type PdfLine, pdfLinesToText } from '../../../../src/plan/read/pdf-layout.js';

const SIZE = 16;
const LEFT = 90;
const RIGHT = 90 + 28 * SIZE;

/** A page laid out as a government PDF: header, body lines (indented first lines), page number at the foot. */
function page(body: { text: string; indent?: boolean; full?: boolean }[], header: string, foot: string): PdfLine[] {
  const lines: PdfLine[] = [{ text: header, x: LEFT, right: LEFT + header.length * 10, y: 800, size: 10 }];
  body.forEach((l, i) => {
    const x = l.indent ? LEFT + 2 * SIZE : LEFT;
    lines.push({ text: l.text, x, right: l.full ? RIGHT : x + l.text.length * SIZE, y: 760 - i * 28, size: SIZE });
  });
  lines.push({ text: foot, x: 280, right: 320, y: 50, size: 12 });
  return lines;
}

describe('laying out a PDF text layer', () => {
  const pages = [1, 2, 3].map((n) =>
    page(
      [
        ...(n > 1 ? [{ text: `第${n - 1}段在下一页写完。` }] : []),
        { text: `（${'一二三'[n - 1]}）第${n}项任务。各地要按照要求`, indent: true, full: true },
        { text: '落实责任，确保完成。' },
        { text: `第${n}段开头在这里，内容足够长`, indent: true, full: true },
        { text: `一直写到第${n}页的最右边为止`, full: true },
      ],
      '某某市人民政府办公室文件',
      ['—1—', '- 2 -', '第 3 页'][n - 1] ?? '',
    ),
  );
  const text = pdfLinesToText(pages);

  it('drops running headers and page numbers in their usual forms', () => {
    expect(text).not.toMatch(/某某市人民政府办公室文件|—1—|- 2 -|第 3 页/);
  });

  it('joins a line wrapped mid-sentence, also across a page break, and not at a paragraph end or heading', () => {
    expect(text.split('\n')).toEqual([
      '（一）第1项任务。各地要按照要求落实责任，确保完成。',
      '第1段开头在这里，内容足够长一直写到第1页的最右边为止第1段在下一页写完。',
      '（二）第2项任务。各地要按照要求落实责任，确保完成。',
      '第2段开头在这里，内容足够长一直写到第2页的最右边为止第2段在下一页写完。',
      '（三）第3项任务。各地要按照要求落实责任，确保完成。',
      '第3段开头在这里，内容足够长一直写到第3页的最右边为止',
    ]);
  });

  it('drops the spaces a text layer puts between digits or Latin and Chinese, not between Latin words', () => {
    expect(dropSpacesByChinese('国办发〔2019〕 4 号，共 128 个 GDP 指标')).toBe('国办发〔2019〕4号，共128个GDP指标');
    expect(dropSpacesByChinese('支持 IPv6 over IP 网络')).toBe('支持IPv6 over IP网络');
  });
});
