import type { KnownBlock } from '@slack/types';
import type { Lang } from '../../answer/types.js';
import { type Catalogue, indicatorByKey } from '../../plan/catalogue.js';
import { formatPeriod } from '../../progress/periods.js';
import type { ProgressUpdate, UnitInfo } from '../../progress/types.js';
import { indicatorLabel, unitLabel } from './progress-modal.js';
import { withMeasure } from './status.js';
import { formatWhen, safeText, truncate } from './text.js';

export const ACTION_EDIT_UPDATE = 'progress_edit';
export const ACTION_WITHDRAW_UPDATE = 'progress_withdraw';

/** Each shown update takes a section and an actions block; the rest is summarised so a message stays under 50. */
const MAX_SHOWN = 20;

const W = {
  zh: {
    title: (u: string) => `${u} 填报记录`,
    none: '还没有任何填报。用 `/progress` 填报第一条。',
    edit: '修改',
    withdraw: '撤回',
    withdrawn: '已撤回',
    confirmTitle: '撤回这条填报?',
    confirmText: (what: string) => `撤回后不再计入统计,但记录和审计日志会保留。\n${what}`,
    confirm: '撤回',
    deny: '取消',
    by: (who: string, when: string) => `<@${who}> 于 ${when}`,
    edited: (n: number, who: string) => `已修改 ${n} 次,最近由 <@${who}>`,
    more: (n: number) => `另有 ${n} 条较早的记录未显示。`,
  },
  en: {
    title: (u: string) => `Updates of ${u}`,
    none: 'Nothing reported yet. Use `/progress` to report the first figure.',
    edit: 'Edit',
    withdraw: 'Withdraw',
    withdrawn: 'withdrawn',
    confirmTitle: 'Withdraw this update?',
    confirmText: (what: string) => `It will no longer count, but the record and its audit trail are kept.\n${what}`,
    confirm: 'Withdraw',
    deny: 'Cancel',
    by: (who: string, when: string) => `<@${who}> on ${when}`,
    edited: (n: number, who: string) => `edited ${n}×, last by <@${who}>`,
    more: (n: number) => `${n} older updates not shown.`,
  },
} as const;

export interface HistoryView {
  unit: Pick<UnitInfo, 'short' | 'name'>;
  updates: Array<ProgressUpdate & { unitShort?: string }>;
  /** Updates of several units: each line names its unit. */
  mixed?: boolean;
  timezone: string;
  /** Show Edit and Withdraw (leads and admins; the use case decides in the end). */
  actions: boolean;
}

/** `/progress history`: newest first, each with who and when, and Edit / Withdraw on the current ones. */
export function historyBlocks(
  catalogue: Catalogue,
  view: HistoryView,
  lang: Lang,
): { text: string; blocks: KnownBlock[] } {
  const w = W[lang];
  const title = w.title(unitLabel(view.unit));
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(title, 150) } }];
  if (!view.updates.length) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: w.none } });
    return { text: title, blocks };
  }
  const sorted = [...view.updates].sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime() || b.id - a.id);
  for (const u of sorted.slice(0, MAX_SHOWN)) {
    const indicator = indicatorByKey(catalogue, u.indicatorKey);
    const name = indicator ? indicatorLabel(indicator, lang) : u.indicatorKey;
    const value = indicator ? withMeasure(u.value, indicator.measure, lang) : String(u.value);
    const withdrawn = u.status === 'withdrawn';
    const unitPart = view.mixed ? `${safeText(u.unitShort ?? u.unitId)} · ` : '';
    const head = `${unitPart}${formatPeriod(u.period, lang)} · ${safeText(name)} = *${value}*`;
    const lines = [withdrawn ? `~${head}~ (${w.withdrawn})` : head];
    if (u.note) lines.push(`> ${truncate(safeText(u.note), 500)}`);
    const meta = [w.by(u.submittedBy, formatWhen(u.submittedAt, view.timezone))];
    if (u.version > 1) meta.push(w.edited(u.version - 1, u.updatedBy));
    if (u.evidenceUrl) meta.push(safeText(u.evidenceUrl));
    meta.push(`#${u.id}`);
    lines.push(meta.join(' · '));
    blocks.push({
      type: 'section',
      block_id: `update_${u.id}`,
      text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 3000) },
    });
    if (view.actions && !withdrawn) {
      blocks.push({
        type: 'actions',
        block_id: `update_actions_${u.id}`,
        elements: [
          {
            type: 'button',
            action_id: ACTION_EDIT_UPDATE,
            text: { type: 'plain_text', text: w.edit },
            value: String(u.id),
          },
          {
            type: 'button',
            action_id: ACTION_WITHDRAW_UPDATE,
            style: 'danger',
            text: { type: 'plain_text', text: w.withdraw },
            value: String(u.id),
            confirm: {
              title: { type: 'plain_text', text: w.confirmTitle },
              text: {
                type: 'plain_text',
                text: truncate(w.confirmText(`${formatPeriod(u.period, lang)} · ${name} = ${value}`), 300),
              },
              confirm: { type: 'plain_text', text: w.confirm },
              deny: { type: 'plain_text', text: w.deny },
              style: 'danger',
            },
          },
        ],
      });
    }
  }
  if (sorted.length > MAX_SHOWN) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: w.more(sorted.length - MAX_SHOWN) }] });
  }
  return { text: title, blocks };
}
