import { type PdfLine, pdfLinesToText } from './pdf-layout.js';

export type PdfOutcome = { kind: 'text'; text: string } | { kind: 'encrypted' | 'not_pdf' | 'scanned' };

/** Fewer visible characters than this in the whole file means there is no text layer to speak of. */
const MIN_TEXT_CHARS = 20;

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Groups a page's text runs into lines by their baseline, left to right; a wide gap becomes a space. */
function pageLines(items: TextItem[]): PdfLine[] {
  const runs = items
    .filter((i) => i.str.length > 0)
    .map((i) => ({
      text: i.str,
      x: i.transform[4] ?? 0,
      y: i.transform[5] ?? 0,
      width: i.width,
      size: Math.hypot(i.transform[2] ?? 0, i.transform[3] ?? 0) || i.height || 10,
    }))
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: (typeof runs)[] = [];
  for (const run of runs) {
    const last = lines[lines.length - 1];
    const head = last?.[0];
    if (last && head && Math.abs(head.y - run.y) <= Math.max(1, 0.4 * Math.min(head.size, run.size))) last.push(run);
    else lines.push([run]);
  }
  return lines
    .map((line) => {
      line.sort((a, b) => a.x - b.x);
      let text = '';
      let end = line.find((r) => r.text.trim())?.x ?? 0;
      let spaceAfter = false;
      // A space comes from a gap between runs or from a whitespace run pdf.js puts there.
      for (const run of line) {
        if (!run.text.trim()) {
          spaceAfter = text.length > 0;
          continue;
        }
        // A gap of two characters or more is a table's column break (a tab, as the other readers give cells).
        const gap = run.x - end;
        if (text && gap > 2 * run.size) text += '\t';
        else if (text && (gap > 0.5 * run.size || /^\s/.test(run.text) || spaceAfter)) text += ' ';
        text += run.text.trim();
        spaceAfter = /\s$/.test(run.text);
        end = Math.max(end, run.x + run.width);
      }
      const first = line.find((r) => r.text.trim()) ?? line[0];
      const size = Math.max(...line.map((r) => r.size));
      return { text: text.trim(), x: first?.x ?? 0, right: end, y: first?.y ?? 0, size };
    })
    .filter((l) => l.text.length > 0);
}

/**
 * Reads a PDF's text layer with pdf.js (Mozilla's maintained reader) and lays it out as a person reads it:
 * running headers, footers and page numbers dropped, wrapped lines joined (see pdf-layout.ts).
 */
export async function readPdf(bytes: Uint8Array): Promise<PdfOutcome> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of the buffer it is given, so it gets a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    return { kind: (error as Error).name === 'PasswordException' ? 'encrypted' : 'not_pdf' };
  }
  try {
    const pages: PdfLine[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageLines(content.items.flatMap((i) => ('str' in i ? [i] : []))));
      page.cleanup();
    }
    const visible = pages.flat().reduce((sum, l) => sum + l.text.replace(/\s/g, '').length, 0);
    if (visible < MIN_TEXT_CHARS) return { kind: 'scanned' };
    return { kind: 'text', text: pdfLinesToText(pages) };
  } finally {
    await doc.destroy();
  }
}
