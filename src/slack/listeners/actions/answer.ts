import type { App, BlockButtonAction } from '@slack/bolt';
import { loadQuestion, questionLang, recordVote } from '../../../answer/repository.js';
import type { Deps } from '../../../deps.js';
import { userSentence } from '../../../errors.js';
import { ACTION_SHARE, ACTION_VOTE_DOWN, ACTION_VOTE_UP, answerBlocks, answerText } from '../../blocks/answer.js';
import { IdValue } from '../../payloads.js';

const VOTED = {
  zh: { up: '感谢反馈,已记录为“有帮助”。', down: '感谢反馈,已记录为“没帮助”,管理员会据此改进。' },
  en: {
    up: 'Thanks, recorded as helpful.',
    down: 'Thanks, recorded as not helpful; the admins use this to improve answers.',
  },
} as const;

/** Feedback on answers, and sharing a `/plan` answer with the channel. */
export function registerAnswerActions(app: App, deps: Deps): void {
  const vote = (direction: 1 | -1) =>
    (async ({ ack, body, action, respond }) => {
      await ack();
      const id = IdValue.safeParse(action.value);
      const lang = id.success ? await questionLang(deps.db, id.data) : null;
      if (!id.success || !lang) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: '找不到这条回答,可能已过期。' });
        return;
      }
      await recordVote(deps.db, id.data, body.user.id, direction, deps.clock.now());
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: VOTED[lang][direction > 0 ? 'up' : 'down'],
      });
    }) satisfies Parameters<typeof app.action<BlockButtonAction>>[1];

  app.action<BlockButtonAction>(ACTION_VOTE_UP, vote(1));
  app.action<BlockButtonAction>(ACTION_VOTE_DOWN, vote(-1));

  app.action<BlockButtonAction>(ACTION_SHARE, async ({ ack, body, action, respond, client }) => {
    await ack();
    const id = IdValue.safeParse(action.value);
    const found = id.success ? await loadQuestion(deps.db, id.data) : null;
    if (!found || found.userId !== body.user.id) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: '只能分享您自己提问得到的回答。' });
      return;
    }
    const channel = body.channel?.id ?? found.channel;
    if (!channel) return;
    try {
      await client.chat.postMessage({
        channel,
        text: answerText(found.answer),
        blocks: answerBlocks(found.answer, {
          questionId: found.id,
          sharedBy: { userId: found.userId, question: found.question },
        }),
        unfurl_links: false,
      });
      await respond({ delete_original: true });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      deps.logger.warn('share failed', { error, code });
      const text =
        code === 'not_in_channel' || code === 'channel_not_found'
          ? '我还不在这个频道里,请先邀请 @planbot 加入本频道再分享。'
          : userSentence(error);
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    }
  });
}
