import mammoth from 'mammoth';
import { htmlToText } from './html.js';

/**
 * A Word document's text: mammoth turns it into plain HTML (paragraphs, headings, lists, tables) without its
 * styling, and the HTML reader flattens that as it does any page, so tables become one row a line.
 * Throws when the bytes are not a .docx (not a zip, or a zip without a Word body).
 */
export async function docxToText(bytes: Uint8Array): Promise<string> {
  const { value } = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    // Images are not text: skip mammoth's default of inlining them as base64.
    { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
  );
  return htmlToText(`<body>${value}</body>`);
}
