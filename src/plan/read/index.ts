import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { PlanbotError } from '../../errors.js';
import { docxToText } from './docx.js';
import { htmlToText, looksLikeHtml } from './html.js';
import { readPdf } from './pdf.js';
import { decodeText, tidyLines } from './text.js';
import { MAX_DOCUMENT_BYTES, unusable } from './unusable.js';

export type DocumentFormat = 'txt' | 'docx' | 'pdf' | 'html';

/** A document's text as a person reads it, one paragraph (or table row) a line, words unchanged. */
export interface DocumentText {
  text: string;
  format: DocumentFormat;
}

const FORMATS: Record<string, DocumentFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.html': 'html',
  '.htm': 'html',
};

export function documentFormat(fileName: string): DocumentFormat | undefined {
  return FORMATS[extname(fileName).toLowerCase()];
}

/** Reads a plan document from disk; see readDocumentBytes. */
export async function readDocumentFile(path: string): Promise<DocumentText> {
  const name = basename(path);
  if (!documentFormat(name)) throw unusable('extension', name);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (cause) {
    throw new PlanbotError(
      'not_found',
      `cannot read ${path}`,
      { zh: `找不到或无法打开文件“${path}”。`, en: `Cannot find or open the file "${path}".` },
      { cause },
    );
  }
  if (size > MAX_DOCUMENT_BYTES) throw unusable('too_large', name);
  return readDocumentBytes(new Uint8Array(await readFile(path)), name);
}

/**
 * Extracts the text of a `.txt`, `.docx`, `.pdf` or `.html` document. A file that cannot be used (unknown
 * extension, empty, not a document, a PDF with no text layer or a password, over 20 MB) throws a PlanbotError
 * `document_unusable` whose sentence says which.
 */
export async function readDocumentBytes(bytes: Uint8Array, fileName: string): Promise<DocumentText> {
  const name = basename(fileName);
  const format = documentFormat(name);
  if (!format) throw unusable('extension', name);
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) throw unusable('too_large', name);
  if (bytes.byteLength === 0) throw unusable('empty', name);
  const text = await extract(bytes, format, name);
  const tidy = tidyLines(text);
  if (!tidy) throw unusable('empty', name);
  return { text: tidy, format };
}

async function extract(bytes: Uint8Array, format: DocumentFormat, name: string): Promise<string> {
  switch (format) {
    case 'txt': {
      const text = decodeText(bytes);
      if (text === undefined) throw unusable('not_document', name);
      return text;
    }
    case 'html': {
      const source = decodeText(bytes);
      if (source === undefined || (!looksLikeHtml(source) && source.trim())) throw unusable('not_document', name);
      return htmlToText(source);
    }
    case 'docx':
      try {
        return await docxToText(bytes);
      } catch (cause) {
        throw unusable('not_document', name, cause);
      }
    case 'pdf': {
      const outcome = await readPdf(bytes);
      if (outcome.kind === 'text') return outcome.text;
      throw unusable(outcome.kind === 'not_pdf' ? 'not_document' : outcome.kind, name);
    }
  }
}
