import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import type { Circular } from './types.js';

/**
 * The circular's chart: each regional indicator's actual as a percent of its target, with the straight-line mark it
 * should have reached. Built as SVG and rendered by resvg with a CJK font shipped on npm (Noto Sans SC, from
 * `@embedpdf/fonts-sc`), so Chinese labels render on any machine without system fonts or downloads.
 */

const FONT_FAMILY = 'Noto Sans Hans';

/** The font file the chart uses. */
export function chartFontFile(): string {
  return fileURLToPath(new URL('../fonts/NotoSansHans-Regular.otf', import.meta.resolve('@embedpdf/fonts-sc')));
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

export function chartSvg(c: Circular): string {
  const rows = c.regional;
  const width = 1000;
  const labelW = 260;
  const barX = labelW + 10;
  const barMaxW = 560;
  const rowH = 34;
  const top = 90;
  const height = top + Math.max(1, rows.length) * rowH + 72;
  const scale = 150; // percent shown at the right edge
  const x = (pct: number) => barX + (Math.min(pct, scale) / scale) * barMaxW;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="20" y="36" font-size="22" fill="#222">${escapeXml(`${c.title.replace(/通报$/, '')} 区域指标完成情况`)}</text>`,
    `<text x="20" y="64" font-size="14" fill="#555">条形:实际完成占目标的百分比;竖线:按直线进度本期末应达到的百分比</text>`,
  ];
  for (const pct of [0, 50, 100, 150]) {
    const gx = x(pct);
    parts.push(
      `<line x1="${gx}" y1="${top - 8}" x2="${gx}" y2="${top + rows.length * rowH}" stroke="${pct === 100 ? '#999' : '#e3e3e3'}" stroke-width="1"/>`,
    );
    parts.push(
      `<text x="${gx}" y="${top + rows.length * rowH + 20}" font-size="12" fill="#666" text-anchor="middle">${pct}%</text>`,
    );
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const color = r.onTrack ? '#2e7d32' : '#e65100';
    parts.push(
      `<text x="${labelW}" y="${y + 21}" font-size="15" fill="#222" text-anchor="end">${escapeXml(r.name)}</text>`,
    );
    parts.push(
      `<rect x="${barX}" y="${y + 6}" width="${Math.max(1, x(r.percent) - barX)}" height="${rowH - 12}" fill="${color}" rx="3"/>`,
    );
    const ex = x(r.expectedPercent);
    parts.push(`<line x1="${ex}" y1="${y + 2}" x2="${ex}" y2="${y + rowH - 2}" stroke="#1565c0" stroke-width="3"/>`);
    const label = `${fmt(r.actual)}/${fmt(r.target)}${r.measure} ${fmt(r.percent)}%${r.onTrack ? '' : ' 滞后'}`;
    parts.push(`<text x="${barX + barMaxW + 12}" y="${y + 21}" font-size="13" fill="#333">${escapeXml(label)}</text>`);
  });
  const ly = top + rows.length * rowH + 44;
  parts.push(
    `<rect x="20" y="${ly - 12}" width="14" height="14" fill="#2e7d32"/><text x="40" y="${ly}" font-size="13" fill="#333">进度正常</text>`,
  );
  parts.push(
    `<rect x="120" y="${ly - 12}" width="14" height="14" fill="#e65100"/><text x="140" y="${ly}" font-size="13" fill="#333">进度滞后</text>`,
  );
  parts.push(
    `<line x1="230" y1="${ly - 12}" x2="230" y2="${ly + 2}" stroke="#1565c0" stroke-width="3"/><text x="240" y="${ly}" font-size="13" fill="#333">应达进度</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}

export function chartPng(c: Circular): Buffer {
  const resvg = new Resvg(chartSvg(c), {
    font: { fontFiles: [chartFontFile()], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    background: '#ffffff',
  });
  return Buffer.from(resvg.render().asPng());
}
