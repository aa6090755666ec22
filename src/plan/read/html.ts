import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';

/** Page furniture, code and controls: never part of a document's text. */
const DROPPED = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'header',
  'footer',
  'aside',
  'iframe',
  'svg',
  'canvas',
  'object',
  'button',
  'select',
  'input',
  'textarea',
  'form',
]);
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'center',
  'address',
  'figure',
  'figcaption',
  'caption',
  'hr',
  'body',
  'html',
]);
/** Between a table's cells: whitespace, so a quote that runs across cells still matches the text squashed. */
export const CELL_SEPARATOR = '\t';

const HAN = '[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’…—]';
/** A source line break between two Chinese characters is typesetting, not a space a reader sees. */
const SPACE_BETWEEN_HAN = new RegExp(`(?<=${HAN}) +(?=${HAN})`, 'gu');

class Lines {
  readonly lines: string[] = [];
  private current = '';
  /** Text as a browser shows it: any run of whitespace is one space. */
  add(text: string): void {
    this.current += text.replace(/\s+/g, ' ');
  }
  /** A table row's cells, kept apart by the separator. */
  addCells(cells: string[]): void {
    this.current += cells.join(CELL_SEPARATOR);
  }
  end(): void {
    const line = this.current.replace(/ {2,}/g, ' ').replace(SPACE_BETWEEN_HAN, '').trim();
    if (line) this.lines.push(line);
    this.current = '';
  }
}

/** Site furniture marked only by its class or id (`<div class="nav">`, `id="breadcrumb"`). */
const FURNITURE = /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|sidebar|footer|share|toolbar|skip)(?:$|[\s_-])/i;

function hidden(element: HTMLElement): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  if (['navigation', 'banner', 'contentinfo'].includes(element.getAttribute('role') ?? '')) return true;
  if (FURNITURE.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`)) return true;
  return /display\s*:\s*none/i.test(element.getAttribute('style') ?? '');
}

/** One line a table row, its cells' text joined by the separator. */
function tableRows(table: HTMLElement, out: Lines): void {
  for (const row of table.querySelectorAll('tr')) {
    if (row.closest('table') !== table) continue;
    const cells = row.childNodes
      .filter((c): c is HTMLElement => c.nodeType === NodeType.ELEMENT_NODE)
      .filter((c) => ['td', 'th'].includes(c.rawTagName.toLowerCase()))
      .map((cell) => {
        const inner = new Lines();
        walk(cell, inner);
        inner.end();
        return inner.lines.join(' ');
      })
      .filter((c) => c.length > 0);
    if (cells.length) {
      out.end();
      out.addCells(cells);
      out.end();
    }
  }
}

function walk(node: Node, out: Lines): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    out.add(node.text);
    return;
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) return;
  const element = node as HTMLElement;
  const tag = element.rawTagName?.toLowerCase() ?? '';
  if (DROPPED.has(tag) || hidden(element)) return;
  if (tag === 'br') {
    out.end();
    return;
  }
  if (tag === 'table') {
    out.end();
    tableRows(element, out);
    return;
  }
  const block = BLOCKS.has(tag) || tag === 'tr';
  if (block) out.end();
  for (const child of element.childNodes) walk(child, out);
  if (block) out.end();
}

/** The text a reader sees in an HTML page's body: one block (paragraph, heading, list item, table row) a line. */
export function htmlToText(html: string): string {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false } });
  // A page that marks its article (`<article>`, `<main>`) gives just that; otherwise the whole body.
  const body = root.querySelector('article') ?? root.querySelector('main') ?? root.querySelector('body') ?? root;
  const out = new Lines();
  walk(body, out);
  out.end();
  return out.lines.join('\n');
}

/** Whether a string is an HTML document at all (rather than text or bytes with an .html name). */
export function looksLikeHtml(text: string): boolean {
  return /<(html|body|p|div|table|h[1-6]|br|span|article|section)[\s>/]/i.test(text.slice(0, 200_000));
}
