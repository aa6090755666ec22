import type { Lang } from '../../answer/types.js';
import type { DefaultPeriod } from '../../progress/default-period.js';
import { formatPeriod, nextPeriod, type PeriodId, prevPeriod } from '../../progress/periods.js';

/**
 * The line that says which period a command used when none was typed, and how to pick another:
 * `/report` and `/progress <indicator> <value>` both show it.
 */
export function periodNote(chosen: DefaultPeriod, command: string, lang: Lang): string {
  const { period, reason } = chosen;
  const other: PeriodId = reason === 'owed' ? nextPeriod(period) : prevPeriod(period);
  if (lang === 'en') {
    const why = reason === 'owed' ? ' (its report is still outstanding)' : ' (the current period)';
    return `Period: ${period}${why}. For another period, name it: \`${command} ${other}\`.`;
  }
  const why = reason === 'owed' ? '(本单位该期报告尚未提交,按该期填报)' : '(当前期)';
  return `期次:${formatPeriod(period)}${why}。填报其他期次请写明,例如 \`${command} ${other}\`。`;
}
