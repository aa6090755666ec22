import type { KnownBlock } from '@slack/types';
import type { Answer, Lang } from '../../answer/types.js';
import { safeText, splitText, truncate } from './text.js';

export const ACTION_VOTE_UP = 'answer_vote_up';
export const ACTION_VOTE_DOWN = 'answer_vote_down';
export const ACTION_SHARE = 'answer_share';

const WORDS = {
  zh: {
    basis: '依据',
    helpful: '👍 有帮助',
    unhelpful: '👎 没帮助',
    share: '分享到频道',
    nearest: '最接近的章节',
    askedBy: '提问',
  },
  en: {
    basis: 'Sources',
    helpful: '👍 Helpful',
    unhelpful: '👎 Not helpful',
    share: 'Share in channel',
    nearest: 'Nearest sections',
    askedBy: 'Asked by',
  },
} as const;

export const answerWords = (lang: Lang) => WORDS[lang];

export interface AnswerViewOptions {
  questionId: number;
  /** Offer a button that posts the answer to the channel (for `/plan`, whose answer only the asker sees). */
  shareable?: boolean;
  /** Shown above the answer when it is shared: the question and who asked it. */
  sharedBy?: { userId: string; question: string };
  /** Leave the feedback buttons off (e.g. once shared). */
  feedback?: boolean;
}

const squash = (text: string) => text.replace(/[\s。；;，,]+/g, '');

/** The text fallback for notifications and screen readers. */
export function answerText(answer: Answer): string {
  return truncate(answer.answer, 3900);
}

/** The answer, then `依据` with each cited section and its words, then feedback buttons. */
export function answerBlocks(answer: Answer, options: AnswerViewOptions): KnownBlock[] {
  const w = WORDS[answer.lang];
  const blocks: KnownBlock[] = [];
  if (options.sharedBy) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${w.askedBy} <@${options.sharedBy.userId}>: ${truncate(safeText(options.sharedBy.question), 2800)}`,
        },
      ],
    });
  }
  for (const piece of splitText(safeText(answer.answer), 2900).slice(0, 40)) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: piece || ' ' } });
  }
  if (answer.citations.length) {
    // A quote the answer already reads out word for word is not repeated: 依据 then names only its section.
    const body = squash(answer.answer);
    const seen = new Set<string>();
    const sources = answer.citations.slice(0, 9).flatMap((c) => {
      const quoted = body.includes(squash(c.quote));
      const key = quoted ? c.section : `${c.section}\n${c.quote}`;
      if (seen.has(key)) return [];
      seen.add(key);
      const text = quoted ? `*${safeText(c.section)}*` : `*${safeText(c.section)}*  「${safeText(c.quote)}」`;
      return [{ type: 'mrkdwn' as const, text: truncate(text, 2900) }];
    });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `*${w.basis}*` }, ...sources] });
  }
  if (!answer.grounded && answer.nearest?.length) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncate(`${w.nearest}: ${answer.nearest.map(safeText).join(' · ')}`, 2900) }],
    });
  }
  if (answer.note)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(safeText(answer.note), 2900) }] });
  const buttons = [];
  // Small talk is not an answer from the plan: nothing to rate, nothing worth sharing in a channel.
  if (options.feedback !== false && !answer.social) {
    const value = String(options.questionId);
    buttons.push(
      {
        type: 'button' as const,
        action_id: ACTION_VOTE_UP,
        text: { type: 'plain_text' as const, text: w.helpful },
        value,
      },
      {
        type: 'button' as const,
        action_id: ACTION_VOTE_DOWN,
        text: { type: 'plain_text' as const, text: w.unhelpful },
        value,
      },
    );
  }
  if (options.shareable && !answer.social) {
    buttons.push({
      type: 'button' as const,
      action_id: ACTION_SHARE,
      text: { type: 'plain_text' as const, text: w.share },
      value: String(options.questionId),
    });
  }
  if (buttons.length) blocks.push({ type: 'actions', block_id: `answer_${options.questionId}`, elements: buttons });
  return blocks.slice(0, 50);
}
