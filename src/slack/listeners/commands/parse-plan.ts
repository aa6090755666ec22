import { SLUG } from '../../../plan/slug.js';
import { type PeriodId, parsePeriod } from '../../../progress/periods.js';

/** What `/plan <text>` asks for. Anything that is not a known sub-command is a question. */
export type PlanCommand =
  | { kind: 'help' }
  | { kind: 'stats' }
  | { kind: 'status'; unit?: string }
  | { kind: 'export'; period: PeriodId | null; format: 'csv' | 'xlsx'; lang?: 'zh' }
  | { kind: 'schedule'; args: string[] }
  | { kind: 'summary_preview'; args: string[] }
  | { kind: 'plans' }
  | { kind: 'import' }
  | { kind: 'review'; slug?: string }
  | { kind: 'question'; text: string };

const HELP_WORDS = new Set(['', 'help', '帮助', '?', '?', '使用说明']);
const STATS_WORDS = new Set(['stats', '统计']);
const STATUS_WORDS = new Set(['status', '进展', '进度', '状态']);
const EXPORT_WORDS = new Set(['export', '导出']);
const FORMATS = new Set(['csv', 'xlsx']);
/** Asks for Chinese headers and people's names in the file. */
const ZH_WORDS = new Set(['zh', 'cn', '中文']);
const PLANS_WORDS = new Set(['plans', '计划列表']);
const IMPORT_WORDS = new Set(['import', '导入']);
const REVIEW_WORDS = new Set(['review', '审核']);
const SCHEDULE_VERBS = new Set(['show', 'set', 'pause', 'resume', 'help']);

export function parsePlanCommand(text: string): PlanCommand {
  const trimmed = text.trim();
  const word = trimmed.toLowerCase();
  if (HELP_WORDS.has(word)) return { kind: 'help' };
  if (STATS_WORDS.has(word)) return { kind: 'stats' };
  if (PLANS_WORDS.has(word)) return { kind: 'plans' };
  if (IMPORT_WORDS.has(word)) return { kind: 'import' };
  const words = trimmed.split(/\s+/);
  const verb = words[1]?.toLowerCase();
  if (words[0]?.toLowerCase() === 'schedule' && (!verb || SCHEDULE_VERBS.has(verb)))
    return { kind: 'schedule', args: words.slice(1) };
  // A period, a plan's slug and a word of the asker's own may follow.
  if (words[0]?.toLowerCase() === 'summary' && verb === 'preview' && words.length <= 5)
    return { kind: 'summary_preview', args: words.slice(2) };
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const head = first.toLowerCase();
  // `review` with one slug-shaped word (or none), so "review the targets of …" stays a question.
  if (REVIEW_WORDS.has(head) && rest.length <= 1 && (!rest[0] || SLUG.test(rest[0].toLowerCase())))
    return rest[0] ? { kind: 'review', slug: rest[0].toLowerCase() } : { kind: 'review' };
  // `status` takes at most one word (a unit), so "status of the national centres?" stays a question.
  if (STATUS_WORDS.has(head) && rest.length <= 1)
    return rest[0] ? { kind: 'status', unit: rest[0] } : { kind: 'status' };
  if (EXPORT_WORDS.has(head) && rest.length <= 3) {
    const lower = rest.map((w) => w.toLowerCase());
    const format = lower.find((w) => FORMATS.has(w));
    const periodWord = lower.find((w) => !FORMATS.has(w) && !ZH_WORDS.has(w));
    return {
      kind: 'export',
      period: periodWord ? parsePeriod(periodWord) : null,
      format: format === 'xlsx' ? 'xlsx' : 'csv',
      ...(lower.some((w) => ZH_WORDS.has(w)) ? { lang: 'zh' as const } : {}),
    };
  }
  return { kind: 'question', text: trimmed };
}
