import type { KnownBlock } from '@slack/types';
import { t } from '../../messages/index.js';
import { formatPeriod, localParts, type PeriodId } from '../../progress/periods.js';
import { safeText, truncate } from './text.js';

/**
 * Report reminders, overdue nudges and the admins' escalation. The wording is a courteous notice: it names what is
 * still to be sent, never shames, and never notifies a whole channel.
 */

export interface ReminderInput {
  unitId: string;
  /** The plan the reminder is for (its slug), so the button opens that plan's report. */
  plan?: string;
  /** What the report is about, in the plan's words (`科技工作`; default `工作`). */
  subject?: string;
  unitName: string;
  period: PeriodId;
  kind: 'reminder' | 'overdue';
  /** The last instant the report is due. */
  due: Date;
  /** Whole days from the run to the deadline (before) or since it (overdue). */
  days: number;
  timezone: string;
  missingReport: boolean;
  /** Indicators of the unit's duties with no update this period, by name. */
  missingIndicators: string[];
  /** The report's topics, by label, to say what the report covers. */
  topics?: string[];
  /** The plan's words asking for the report (`依据《…》…`), shown under the reminder. */
  basis?: string;
  /** Who to contact about difficulties. */
  admins?: string;
  audience: 'channel' | 'dm';
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export const OPEN_REPORT_ACTION = 'open_report';
/** The App Home's `open_progress`: the update modal with the unit preset. */
export const OPEN_PROGRESS_ACTION = 'open_progress';

export function dateZh(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** `2016年上半年科技工作报告`, or for a plan that asks for no report `2016年上半年进展填报`. */
function dueThing(period: string, subject: string | undefined, report: boolean): string {
  return report ? `${period}${safeText(subject ?? '工作')}报告` : `${period}进展填报`;
}

export function reminderMessage(r: ReminderInput): SlackMessage {
  const period = formatPeriod(r.period);
  const unit = safeText(r.unitName);
  const dueText = dateZh(r.due, r.timezone);
  const thing = dueThing(period, r.subject, r.missingReport);
  const lead =
    r.kind === 'reminder'
      ? `温馨提示:${thing}将于 *${dueText}* 截止${r.days > 0 ? `(还有 ${r.days} 天)` : ''}。`
      : `${thing}已于 *${dueText}* 截止,目前尚未收到${unit}的${r.missingReport ? '报告' : '进展'}。如已在准备,请于近日提交;如有困难,欢迎与${safeText(r.admins ?? '管理员')}联系。`;
  const greeting = r.audience === 'dm' ? `您好!您是${unit}的负责人。` : `${unit}各位同事好!`;
  const missing: string[] = [];
  if (r.missingReport) {
    const about = r.topics?.length ? `(${r.topics.map((t) => safeText(t.replace(/情况$/, ''))).join('、')})` : '';
    missing.push(`• 半年工作报告${about}`);
  }
  if (r.missingIndicators.length) {
    missing.push(`• 本期尚未填报进展的指标:${truncate(r.missingIndicators.map(safeText).join('、'), 1500)}`);
  }
  const body = `${greeting}\n${lead}\n\n*尚待提交:*\n${missing.join('\n') || '• 无'}`;
  const text = `${greeting}${lead.replace(/\*/g, '')} 尚待提交:${r.missingReport ? '半年工作报告' : ''}${
    r.missingIndicators.length ? `;未填报指标 ${r.missingIndicators.length} 项` : ''
  }`;
  return {
    text: truncate(text, 3000),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(body, 3000) } },
      {
        type: 'actions',
        elements: [
          r.missingReport
            ? {
                type: 'button',
                action_id: OPEN_REPORT_ACTION,
                style: 'primary',
                text: { type: 'plain_text', text: t('zh', 'reminder.openReport') },
                value: `${r.unitId}:${r.period}${r.plan ? `:${r.plan}` : ''}`,
              }
            : {
                type: 'button',
                action_id: OPEN_PROGRESS_ACTION,
                style: 'primary',
                text: { type: 'plain_text', text: t('zh', 'reminder.openProgress') },
                value: r.unitId,
              },
        ],
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `${r.basis ? safeText(r.basis) : ''}已提交的请忽略本提醒。`,
          },
        ],
      },
    ],
  };
}

export interface EscalationInput {
  period: PeriodId;
  subject?: string;
  /** False for a plan that asks for no report: the units owe their figures. */
  reportOwed?: boolean;
  due: Date;
  daysOverdue: number;
  timezone: string;
  units: Array<{ name: string; missingIndicators: number }>;
}

/** To the admins' channel, after the last nudge: who still has not reported. */
export function escalationMessage(e: EscalationInput): SlackMessage {
  const period = formatPeriod(e.period);
  const lines = e.units.map(
    (u, i) =>
      `${i + 1}. ${safeText(u.name)}${u.missingIndicators ? `(另有 ${u.missingIndicators} 项指标本期未填报)` : ''}`,
  );
  const owed = e.reportOwed ?? true;
  const head = `${dueThing(period, e.subject, owed)}已于 ${dateZh(e.due, e.timezone)} 截止,逾期 ${e.daysOverdue} 天后仍有 ${e.units.length} 个单位未提交(已两次提醒):`;
  return {
    text: truncate(`${head} ${e.units.map((u) => u.name).join('、')}`, 3000),
    blocks: [
      {
        type: 'header',
        text: { type: 'plain_text', text: truncate(`${period}${owed ? '报告' : '进展'}逾期未交`, 150) },
      },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(`${head}\n${lines.join('\n')}`, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '建议与相关单位联系,了解困难并协助按期报送。' }] },
    ],
  };
}

/** To the admins' channel when a message could not be delivered and will not be retried. */
export function deliveryFailureMessage(f: {
  job: string;
  slot: string;
  recipient: string;
  kind: string;
  error: string;
}): SlackMessage {
  const text = `定时消息未能送达:${f.job} ${f.slot} → ${f.recipient}(${f.kind}),原因:${f.error}。请检查频道是否存在、是否已邀请 planbot 加入。`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: safeText(text) } }] };
}
