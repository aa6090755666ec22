import type { BlockButtonAction } from '@slack/bolt';
import { detectLang } from '../../../answer/lang.js';
import { loadQuestion, questionLang, recordVote } from '../../../answer/repository.js';
import type { Deps } from '../../../deps.js';
import { userSentence } from '../../../errors.js';
import { type Lang, t } from '../../../messages/index.js';
import { ACTION_SHARE, ACTION_VOTE_DOWN, ACTION_VOTE_UP, answerBlocks, answerText } from '../../blocks/answer.js';
import { IdValue } from '../../payloads.js';
import type { Listeners } from '../../router.js';

/** The language of the message a button sits on, for replies when the answer itself is gone. */
const langOfMessage = (body: BlockButtonAction): Lang => detectLang(body.message?.text ?? '');

/** Feedback on answers, and sharing a `/plan` answer with the channel. */
export function registerAnswerActions(app: Listeners, deps: Deps): void {
  const vote = (direction: 1 | -1) =>
    (async ({ ack, body, action, respond }) => {
      await ack();
      const id = IdValue.safeParse(action.value);
      const lang = id.success ? await questionLang(deps.db, id.data) : null;
      if (!id.success || !lang) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: t(langOfMessage(body), 'answer.gone'),
        });
        return;
      }
      await recordVote(deps.db, id.data, body.user.id, direction, deps.clock.now());
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: t(lang, direction > 0 ? 'answer.votedUp' : 'answer.votedDown'),
      });
    }) satisfies Parameters<typeof app.action<BlockButtonAction>>[1];

  app.action<BlockButtonAction>(ACTION_VOTE_UP, vote(1));
  app.action<BlockButtonAction>(ACTION_VOTE_DOWN, vote(-1));

  app.action<BlockButtonAction>(ACTION_SHARE, async ({ ack, body, action, respond, client }) => {
    await ack();
    const id = IdValue.safeParse(action.value);
    const found = id.success ? await loadQuestion(deps.db, id.data) : null;
    if (!found || found.userId !== body.user.id) {
      const lang = found?.answer.lang ?? langOfMessage(body);
      await respond({ response_type: 'ephemeral', replace_original: false, text: t(lang, 'answer.shareOwnOnly') });
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
          ? t(found.answer.lang, 'answer.notInChannel')
          : userSentence(error, found.answer.lang);
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    }
  });
}
