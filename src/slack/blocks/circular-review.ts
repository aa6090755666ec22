import type { KnownBlock, ModalView } from '@slack/types';
import { formatPeriod, type PeriodId } from '../../progress/periods.js';
import { type PointsEdits, pointsSections } from './circular-points.js';
import type { SlackMessage } from './reminder.js';
import { formatWhen, safeText, truncate } from './text.js';

/**
 * The circular's review before it posts (`schedule: { circularReview: true }`): the draft sent to the admins with
 * 预览 / 编辑 / 发布 / 推迟, the edit and postpone modals, and the drafts in the admins' App Home. Pure.
 */

export const ACTION_REVIEW_PREVIEW = 'circular_review_preview';
export const ACTION_REVIEW_EDIT = 'circular_review_edit';
export const ACTION_REVIEW_POST = 'circular_review_post';
export const ACTION_REVIEW_POSTPONE = 'circular_review_postpone';
export const REVIEW_EDIT_MODAL = 'circular_review_edit_modal';
export const REVIEW_POSTPONE_MODAL = 'circular_review_postpone_modal';
export const POSTPONE_BLOCK = 'postpone_days';
export const POSTPONE_ACTION = 'days';
/** Input action ids of the edit modal are this prefix and a section's key. */
export const EDIT_ACTION_PREFIX = 'points_';
const TEXT_INPUT_MAX = 3000;
export const POSTPONE_DAYS = [1, 2, 3, 5, 7, 14, 30] as const;

export interface DraftInfo {
  slot: string;
  /** The circular's title (`2016年上半年科技工作情况通报`); default: the period's 工作情况通报. */
  title?: string;
  period: PeriodId;
  version: number;
  dueAt: Date;
  edits: PointsEdits;
  updatedBy: string;
  updatedAt: Date;
}

const title = (draft: { period: PeriodId; title?: string }) =>
  draft.title ?? `${formatPeriod(draft.period)}工作情况通报`;

export function reviewButtons(slot: string): KnownBlock {
  const button = (text: string, action_id: string, style?: 'primary') => ({
    type: 'button' as const,
    text: { type: 'plain_text' as const, text },
    action_id,
    value: slot,
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    block_id: `circular_review:${slot}`.slice(0, 255),
    elements: [
      button('预览', ACTION_REVIEW_PREVIEW),
      button('编辑', ACTION_REVIEW_EDIT),
      button('发布', ACTION_REVIEW_POST, 'primary'),
      button('推迟', ACTION_REVIEW_POSTPONE),
    ],
  };
}

/** The draft as the admins receive it (DM), or as a reminder when `waitingDays` is given. */
export function draftNoticeMessage(
  draft: DraftInfo,
  ctx: { timezone: string; summaryChannel: string; waitingDays?: number; note?: string },
): SlackMessage {
  const edited = Object.keys(draft.edits).length;
  const lead =
    ctx.waitingDays !== undefined
      ? `⏰ 提醒:《${title(draft)}》草稿已待审核 ${ctx.waitingDays} 天,尚未发布。`
      : `📝 《${title(draft)}》草稿已生成,请审核。`;
  const lines = [
    lead,
    `审核后点“发布”,通报才会发到 <#${ctx.summaryChannel}>(只发一次);“推迟”可顺延若干天后重新生成草稿。`,
    `应发布时间:${formatWhen(draft.dueAt, ctx.timezone)};草稿第 ${draft.version} 版${edited ? `,已修改 ${edited} 处` : ''}。`,
  ];
  if (ctx.note) lines.push(ctx.note);
  return {
    text: lines.join('\n').replace(/<#(\w+)>/g, '#$1'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }, reviewButtons(draft.slot)],
  };
}

/** What replaces the buttons once the circular is posted, and what a late click is told. */
export function postedText(
  draft: { period: PeriodId; title?: string; postedBy: string | null; postedAt: Date | null },
  tz: string,
) {
  const when = draft.postedAt ? formatWhen(draft.postedAt, tz) : '';
  return `✅ 《${title(draft)}》已由 <@${draft.postedBy ?? ''}> 于 ${when} 发布,不会重复发布。`;
}

/** One plain-text input per section of the report points, filled with its current text. */
export function draftEditModal(draft: {
  slot: string;
  period: PeriodId;
  points: Parameters<typeof pointsSections>[0];
  edits: PointsEdits;
}): ModalView {
  const sections = pointsSections(draft.points, draft.edits);
  return {
    type: 'modal',
    callback_id: REVIEW_EDIT_MODAL,
    private_metadata: draft.slot,
    title: { type: 'plain_text', text: '编辑通报' },
    submit: { type: 'plain_text', text: '保存' },
    close: { type: 'plain_text', text: '取消' },
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `${safeText(title(draft))}:以下为“各单位半年报告要点”和“问题和困难”各节的文字,修改后发布的通报即用修改后的文字。清空一节则恢复为自动生成的文字。`,
          },
        ],
      },
      ...sections.map(
        (s): KnownBlock => ({
          type: 'input',
          block_id: `section_${s.key}`,
          optional: true,
          label: { type: 'plain_text', text: truncate(s.title, 2000) },
          element: {
            type: 'plain_text_input',
            action_id: `${EDIT_ACTION_PREFIX}${s.key}`,
            multiline: true,
            max_length: TEXT_INPUT_MAX,
            initial_value: truncate(s.body, TEXT_INPUT_MAX),
          },
        }),
      ),
    ],
  };
}

export function postponeModal(slot: string): ModalView {
  return {
    type: 'modal',
    callback_id: REVIEW_POSTPONE_MODAL,
    private_metadata: slot,
    title: { type: 'plain_text', text: '推迟通报' },
    submit: { type: 'plain_text', text: '推迟' },
    close: { type: 'plain_text', text: '取消' },
    blocks: [
      {
        type: 'input',
        block_id: POSTPONE_BLOCK,
        label: { type: 'plain_text', text: '推迟天数' },
        element: {
          type: 'static_select',
          action_id: POSTPONE_ACTION,
          initial_option: { text: { type: 'plain_text', text: '7 天' }, value: '7' },
          options: POSTPONE_DAYS.map((d) => ({ text: { type: 'plain_text', text: `${d} 天` }, value: String(d) })),
        },
      },
    ],
  };
}

/** Pending drafts on an admin's App Home, each with its buttons. */
export function reviewHomeBlocks(drafts: DraftInfo[], tz: string): KnownBlock[] {
  if (!drafts.length) return [];
  return [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: '待审核的通报' } },
    ...drafts.flatMap((d): KnownBlock[] => [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${safeText(title(d))}*(第 ${d.version} 版)应发布时间 ${formatWhen(d.dueAt, tz)}`,
        },
      },
      reviewButtons(d.slot),
    ]),
  ];
}
