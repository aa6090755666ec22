import { type PeriodId, parsePeriod } from '../progress/periods.js';

/** What `/progress <text>` asks for. Pure: matching the indicator against the catalogue happens later. */
export type ProgressCommand =
  | { kind: 'open' }
  | { kind: 'help' }
  | { kind: 'history'; unit?: string }
  | { kind: 'record'; indicator: string; value: number; note?: string; period?: PeriodId }
  | { kind: 'usage'; problem: 'no_value' | 'no_indicator' };

const HELP_WORDS = new Set(['help', '帮助', '?', '?', '使用说明', 'usage']);
const HISTORY_WORDS = new Set(['history', '历史', '记录', '填报记录']);

/** A figure as people type it: `3`, `12.5`, `5%`, `３`, `3家`, `20万元`, `1,200`. The unit word is dropped. */
const VALUE = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:%|家|人|项|个|名|万元|万|元|月|个月)?$/;

/** Reads a typed figure; NFKC folds full-width digits, signs and `％`. Null when it is not a number. */
export function parseValue(text: string): number | null {
  const t = text.normalize('NFKC').trim();
  const match = VALUE.exec(t);
  if (!match?.[1]) return null;
  const n = Number(match[1].replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

/**
 * `/progress` → open the modal; `/progress history [unit]`; `/progress <indicator> <value> [period] [note]`.
 * The indicator is everything before the first figure, so names with spaces work (`national centers 3`), and a
 * figure stuck to a Chinese name is split off (`国家质检中心3家`).
 */
export function parseProgressCommand(text: string): ProgressCommand {
  const trimmed = text.normalize('NFKC').trim();
  if (!trimmed) return { kind: 'open' };
  const words = trimmed.split(/\s+/);
  const first = (words[0] ?? '').toLowerCase();
  if (HELP_WORDS.has(first) && words.length === 1) return { kind: 'help' };
  if (HISTORY_WORDS.has(first)) {
    const unit = words.slice(1).join(' ');
    return unit ? { kind: 'history', unit } : { kind: 'history' };
  }

  const at = words.findIndex((w, i) => i > 0 && parseValue(w) !== null);
  let indicator: string;
  let valueWord: string;
  let rest: string[];
  if (at > 0) {
    indicator = words.slice(0, at).join(' ');
    valueWord = words[at] ?? '';
    rest = words.slice(at + 1);
  } else {
    const stuck = /^(.*?\D)([+-]?\d[\d,.]*(?:%|家|人|项|个|名|万元|万|元|月|个月)?)$/u.exec(words[0] ?? '');
    if (!stuck?.[1] || !stuck[2] || parseValue(stuck[2]) === null || /^[+-]$/.test(stuck[1])) {
      return { kind: 'usage', problem: parseValue(words[0] ?? '') !== null ? 'no_indicator' : 'no_value' };
    }
    indicator = stuck[1].trim();
    valueWord = stuck[2];
    rest = words.slice(1);
  }
  const value = parseValue(valueWord);
  if (value === null) return { kind: 'usage', problem: 'no_value' };
  const period = rest[0] ? parsePeriod(rest[0]) : null;
  if (period) rest = rest.slice(1);
  const note = rest.join(' ').trim();
  return {
    kind: 'record',
    indicator,
    value,
    ...(period ? { period } : {}),
    ...(note ? { note } : {}),
  };
}
