import { PlanbotError } from '../../errors.js';

/** The largest document read; larger files are refused before any parsing (a plan is rarely over 2 MB). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export type UnusableReason = 'extension' | 'empty' | 'not_document' | 'scanned' | 'encrypted' | 'too_large';

const SENTENCES: Record<UnusableReason, (name: string) => { zh: string; en: string }> = {
  extension: (name) => ({
    zh: `无法读取“${name}”:只支持 .txt、.docx、.pdf、.html 格式的文件。`,
    en: `Cannot read "${name}": only .txt, .docx, .pdf and .html files are supported.`,
  }),
  empty: (name) => ({
    zh: `文件“${name}”是空的,没有可读的文字。`,
    en: `The file "${name}" is empty: there is no text to read.`,
  }),
  not_document: (name) => ({
    zh: `文件“${name}”的内容无法识别,不是有效的文档(文件可能已损坏或扩展名不对)。`,
    en: `The file "${name}" is not a readable document (it may be damaged or have the wrong extension).`,
  }),
  scanned: (name) => ({
    zh: `PDF 文件“${name}”没有文字层(可能是扫描件),无法提取文字;请提供可复制文字的 PDF、Word 或网页版本。`,
    en: `The PDF "${name}" has no text layer (it is probably a scan), so no text can be read; please provide a PDF with selectable text, a Word file or a web page.`,
  }),
  encrypted: (name) => ({
    zh: `PDF 文件“${name}”已加密(需要密码),无法读取;请提供未加密的版本。`,
    en: `The PDF "${name}" is encrypted (it needs a password) and cannot be read; please provide an unencrypted copy.`,
  }),
  too_large: (name) => ({
    zh: `文件“${name}”超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB 的上限,无法读取。`,
    en: `The file "${name}" is larger than the ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB limit and cannot be read.`,
  }),
};

/** The one error a document that cannot be used raises: its sentence says why, the log also gets the cause. */
export function unusable(reason: UnusableReason, name: string, cause?: unknown): PlanbotError {
  const sentence = SENTENCES[reason](name);
  return new PlanbotError('document_unusable', sentence.en, sentence, cause ? { cause } : undefined);
}
