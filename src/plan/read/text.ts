/**
 * Decodes a plain-text document. Chinese government text comes as UTF-8 (with or without a BOM) or, from older
 * systems, GB18030/GBK; anything else, or text full of control characters, is not a document.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  for (const encoding of ['utf-8', 'gb18030']) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      continue;
    }
    if (looksLikeText(text)) return text;
  }
  return undefined;
}

/** Text has no NUL and hardly any other control characters; random bytes that happen to decode have many. */
function looksLikeText(text: string): boolean {
  if (text.includes('\u0000')) return false;
  let controls = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code < 0x20 && !'\t\n\r\f\v'.includes(ch)) || (code >= 0x7f && code <= 0x9f) || code === 0xfffd) controls++;
  }
  return controls <= text.length / 1000;
}

/** Line endings unified, form feeds as line breaks, spaces at line ends and runs of blank lines dropped. */
export function tidyLines(text: string): string {
  return text
    .replace(/\r\n?|\f|\u2028|\u2029/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0\u3000]+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
