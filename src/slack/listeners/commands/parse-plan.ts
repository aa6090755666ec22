/** What `/plan <text>` asks for. Anything that is not a known sub-command is a question. */
export type PlanCommand = { kind: 'help' } | { kind: 'stats' } | { kind: 'question'; text: string };

const HELP_WORDS = new Set(['', 'help', '帮助', '?', '?', '使用说明']);
const STATS_WORDS = new Set(['stats', '统计']);

export function parsePlanCommand(text: string): PlanCommand {
  const trimmed = text.trim();
  const word = trimmed.toLowerCase();
  if (HELP_WORDS.has(word)) return { kind: 'help' };
  if (STATS_WORDS.has(word)) return { kind: 'stats' };
  return { kind: 'question', text: trimmed };
}
