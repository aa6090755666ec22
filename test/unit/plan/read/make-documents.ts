/** Builds .docx, .pdf and .html files from a plan's lines, in the tests, the way their publishers lay them out. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PDFDocument, type PDFFont, PDFHexString, type PDFPage } from 'pdf-lib';

/** A block of a document: a paragraph, or a table given as rows of cells. */
export type Block = string | { rows: string[][] };

const fontPath = () =>
  fileURLToPath(new URL('../fonts/NotoSansHans-Regular.otf', import.meta.resolve('@embedpdf/fonts-sc')));

let font: { bytes: Uint8Array; parsed?: ReturnType<typeof fontkit.create> } | undefined;
const fontBytes = () => {
  font ??= { bytes: new Uint8Array(readFileSync(fontPath())) };
  return font.bytes;
};
/** Parsing the 8 MB CJK font takes seconds: every PDF made in a test run shares one parse (subsets are new). */
const cachedFontkit = {
  create: (bytes: Uint8Array, name?: string) => {
    if (font && bytes === font.bytes) {
      font.parsed ??= fontkit.create(bytes, name);
      return font.parsed;
    }
    return fontkit.create(bytes, name);
  },
};

export async function makeDocx(blocks: Block[]): Promise<Uint8Array> {
  const children = blocks.map((b) =>
    typeof b === 'string'
      ? new Paragraph({ children: [new TextRun(b)] })
      : new Table({
          rows: b.rows.map(
            (cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) }),
          ),
        }),
  );
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A government web page: navigation, a script and a footer around the article. */
export function makeHtml(blocks: Block[]): string {
  const body = blocks
    .map((b) =>
      typeof b === 'string'
        ? `<p style="text-indent:2em">${escapeHtml(b)}</p>`
        : `<table>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</table>`,
    )
    .join('\n');
  return `<!doctype html><html><head><title>门户</title><style>p{margin:0}</style></head><body>
<nav><a href="/">首页</a> &gt; <a href="/zc">政策</a></nav><script>var x = "不是正文";</script>
<div class="article">${body}</div>
<footer>主办单位:某某网站 版权所有</footer></body></html>`;
}

export interface PdfOptions {
  /** A running header printed at the top of every page after the first. */
  header?: string;
  /** The page number as printed at the foot of page n. */
  pageNumber?: (n: number) => string;
  size?: number;
}

/**
 * A PDF with a Chinese text layer typeset as government PDFs are: A4, first lines indented two characters,
 * lines wrapped at the right margin, the first line centred as a title, a table as rows of spaced cells.
 */
export async function makePdf(blocks: Block[], options: PdfOptions = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(cachedFontkit);
  const font = await pdf.embedFont(fontBytes(), { subset: true });
  const size = options.size ?? 14;
  const [width, height, margin] = [595, 842, 72];
  const lineHeight = size * 1.8;
  let page: PDFPage | undefined;
  let y = 0;
  const pages: PDFPage[] = [];
  const newPage = () => {
    page = pdf.addPage([width, height]);
    pages.push(page);
    y = height - margin;
    if (options.header && pages.length > 1) draw(font, options.header, margin, height - 40, size * 0.7);
  };
  const draw = (f: PDFFont, text: string, x: number, at: number, s: number) =>
    page?.drawText(text, { x, y: at, size: s, font: f });
  const line = (text: string, x: number, s = size) => {
    if (!page || y < margin + lineHeight) newPage();
    draw(font, text, x, y, s);
    y -= lineHeight;
  };
  newPage();
  blocks.forEach((block, i) => {
    if (typeof block !== 'string') {
      // Each cell at its column, as a table's text layer has it.
      for (const row of block.rows) {
        if (!page || y < margin + lineHeight) newPage();
        row.forEach((cell, c) => {
          draw(font, cell, margin + (c * (width - 2 * margin)) / row.length, y, size);
        });
        y -= lineHeight;
      }
      return;
    }
    if (i === 0) {
      const w = font.widthOfTextAtSize(block, size * 1.4);
      line(block, Math.max(margin, (width - w) / 2), size * 1.4);
      return;
    }
    const indent = 2 * size;
    let rest = block;
    let x = margin + indent;
    while (rest) {
      let n = rest.length;
      while (font.widthOfTextAtSize(rest.slice(0, n), size) > width - margin - x) n--;
      line(rest.slice(0, n), x);
      rest = rest.slice(n);
      x = margin;
    }
  });
  pages.forEach((p, n) => {
    const label = options.pageNumber?.(n + 1);
    if (label) p.drawText(label, { x: width / 2 - 20, y: 40, size: size * 0.8, font });
  });
  return pdf.save();
}

/** A PDF whose only content is a picture of text (a scan): there is no text layer. */
export async function makeScannedPdf(png: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(png);
  pdf.addPage([595, 842]).drawImage(image, { x: 72, y: 400, width: 451, height: 300 });
  return pdf.save();
}

/**
 * A PDF locked with a user password (standard security handler, RC4 40-bit): its /Encrypt entry carries
 * password hashes for a password the reader is not given, so it must be refused.
 */
export async function makeEncryptedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]);
  const bytes = (seed: number) =>
    PDFHexString.of(
      Array.from({ length: 32 }, (_, i) => ((seed * 31 + i * 7) % 256).toString(16).padStart(2, '0')).join(''),
    );
  const encrypt = pdf.context.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: -44, O: bytes(3), U: bytes(5) });
  pdf.context.trailerInfo.Encrypt = pdf.context.register(encrypt);
  pdf.context.trailerInfo.ID = pdf.context.obj([bytes(7), bytes(7)]);
  return pdf.save({ useObjectStreams: false });
}
