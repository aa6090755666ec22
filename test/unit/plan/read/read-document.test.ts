import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPlanbotError } from '../../../../src/errors.js';
import { readDocumentBytes, readDocumentFile } from '../../../../src/plan/read/index.js';
import { type Block, makeDocx, makeEncryptedPdf, makeHtml, makePdf, makeScannedPdf } from './make-documents.js';

const para = (lead: string, n: number) =>
  `${lead}${'各地区要加强统筹协调，落实工作责任，确保各项任务按期完成'.repeat(n)}，到2020年建成128个示范点。`;
const blocks: Block[] = [
  '某省关于推进示范区建设的实施意见',
  '某政发〔2020〕12号',
  '各市人民政府，省政府各部门：',
  para('为贯彻落实国家部署，', 2),
  '一、总体要求',
  para('（一）发展目标。', 4),
  {
    rows: [
      ['指标', '2020年目标'],
      ['示范点数量', '128个'],
    ],
  },
  '二、重点任务',
  para('（一）带量推进，以点带面。', 6),
  para('1.建立台账。', 5),
  para('（二）强化保障。', 6),
  '三、保障措施',
  para('（一）加强组织领导。', 7),
  para('（二）加强督促检查。', 7),
  para('（三）加强宣传引导。', 7),
  '某省人民政府',
  '2020年3月1日',
];
const lines = blocks.flatMap((b) => (typeof b === 'string' ? [b] : b.rows.map((r) => r.join('\t'))));

async function refusal(read: Promise<unknown>): Promise<{ code?: string; zh?: string; en?: string }> {
  try {
    await read;
  } catch (error) {
    if (isPlanbotError(error)) return { code: error.code, ...error.userMessage };
    throw error;
  }
  return {};
}

describe('reading a plan document', () => {
  it('a .txt file is read verbatim, in UTF-8 or GB18030', async () => {
    const text = lines.join('\n');
    expect((await readDocumentBytes(new TextEncoder().encode(`\ufeff${text}`), 'plan.txt')).text).toBe(text);
    const gb = Buffer.from('e4b880e38081e680bbe4bd93e8a681e6b182', 'hex').toString('utf8');
    expect(gb).toBe('一、总体要求');
    // 一、总体要求 in GB18030
    const gbBytes = Uint8Array.from([0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5, 0xd2, 0xaa, 0xc7, 0xf3]);
    expect((await readDocumentBytes(gbBytes, 'old.txt')).text).toBe('一、总体要求');
  });

  it('a web page gives its body text, one block or table row a line, without navigation, script or footer', async () => {
    const { text, format } = await readDocumentBytes(new TextEncoder().encode(makeHtml(blocks)), 'plan.html');
    expect(format).toBe('html');
    expect(text.split('\n')).toEqual(lines);
    expect(text).not.toMatch(/首页|不是正文|版权所有/);
  });

  it('a Word file gives its paragraphs, and its tables one row a line', async () => {
    const { text, format } = await readDocumentBytes(await makeDocx(blocks), 'plan.docx');
    expect(format).toBe('docx');
    expect(text.split('\n')).toEqual(lines);
  });

  describe('a PDF as governments publish it', () => {
    let text = '';
    beforeAll(async () => {
      const pdf = await makePdf(blocks, { header: '某省人民政府文件', pageNumber: (n) => `— ${n} —` });
      text = (await readDocumentBytes(pdf, 'plan.pdf')).text;
    }, 60_000);

    it('loses its running header and page numbers', () => {
      expect(text).not.toMatch(/某省人民政府文件|—\s*\d+\s*—/);
    });

    it('joins lines wrapped mid-sentence, one paragraph or table row a line, the words unchanged', () => {
      expect(text.split('\n')).toEqual(lines);
    });
  });
});

describe('a document that cannot be used is refused with one sentence saying why', () => {
  const dir = mkdtempSync(join(tmpdir(), 'planbot-read-'));

  it('an unknown extension', async () => {
    const r = await refusal(readDocumentBytes(new TextEncoder().encode('一、目标'), 'plan.rtf'));
    expect(r).toMatchObject({ code: 'document_unusable', zh: expect.stringContaining('只支持') });
  });

  it('an empty file', async () => {
    const file = join(dir, 'empty.docx');
    writeFileSync(file, '');
    expect(await refusal(readDocumentFile(file))).toMatchObject({
      code: 'document_unusable',
      en: expect.stringContaining('empty'),
    });
    const blank = await refusal(readDocumentBytes(new TextEncoder().encode(' \n\n '), 'blank.txt'));
    expect(blank.zh).toContain('是空的');
  });

  it('random bytes, whatever their extension', async () => {
    let seed = 7;
    const random = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 256;
    });
    for (const name of ['x.txt', 'x.html', 'x.docx', 'x.pdf']) {
      const r = await refusal(readDocumentBytes(random, name));
      expect(r, name).toMatchObject({ code: 'document_unusable', zh: expect.stringContaining('不是有效的文档') });
    }
  });

  it('a PDF with only an image (a scan)', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#333"/></svg>';
    const png = new Resvg(svg).render().asPng();
    const r = await refusal(readDocumentBytes(await makeScannedPdf(png), 'scan.pdf'));
    expect(r).toMatchObject({ code: 'document_unusable', zh: expect.stringContaining('没有文字层') });
  });

  it('an encrypted PDF', async () => {
    const r = await refusal(readDocumentBytes(await makeEncryptedPdf(), 'locked.pdf'));
    expect(r).toMatchObject({ code: 'document_unusable', en: expect.stringContaining('encrypted') });
  });

  it('a file over 20 MB, before anything is parsed', async () => {
    const file = join(dir, 'huge.pdf');
    writeFileSync(file, '');
    truncateSync(file, 21 * 1024 * 1024);
    expect(await refusal(readDocumentFile(file))).toMatchObject({ zh: expect.stringContaining('20 MB') });
    const r = await refusal(readDocumentBytes(new Uint8Array(21 * 1024 * 1024), 'huge.txt'));
    expect(r.code).toBe('document_unusable');
  });
});
