import type { App } from '@slack/bolt';
import { isFollowUpThread } from '../../../answer/ask.js';
import { detectLang } from '../../../answer/lang.js';
import type { Deps } from '../../../deps.js';
import { userSentence } from '../../../errors.js';
import { helpText } from '../../blocks/help.js';
import { MessagePayload } from '../../payloads.js';
import { replyWithAnswer } from '../../reply.js';

/** Removes the bot's own mention from a message's text. */
export function stripMention(text: string, botUserId?: string): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^\s*<@[A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(own, ' ').replace(/\s+/g, ' ').trim();
}

/** Mentions, follow-ups in threads the bot answered, and direct messages. */
export function registerQuestionEvents(app: App, deps: Deps): void {
  app.event('app_mention', async ({ event, client, context }) => {
    const parsed = MessagePayload.safeParse(event);
    if (!parsed.success)
      return void deps.logger.warn('app_mention ignored: unexpected shape', { issue: parsed.error.issues[0]?.message });
    const m = parsed.data;
    const question = stripMention(m.text, context.botUserId);
    const threadTs = m.thread_ts ?? m.ts;
    if (!question) {
      await client.chat.postMessage({ channel: m.channel, thread_ts: threadTs, text: helpText(detectLang(m.text)) });
      return;
    }
    await answerOrApologise(
      deps,
      () =>
        replyWithAnswer(deps, {
          client,
          userId: m.user,
          teamId: m.team,
          channel: m.channel,
          threadTs,
          surface: 'mention',
          question,
        }),
      { client, channel: m.channel, threadTs, lang: detectLang(question) },
    );
  });

  app.message(async ({ message, client, context }) => {
    // Edits, joins, bot posts and the bot's own messages are not questions.
    if ('subtype' in message && message.subtype !== undefined) return;
    if ('bot_id' in message && message.bot_id) return;
    const parsed = MessagePayload.safeParse(message);
    if (!parsed.success) return;
    const m = parsed.data;
    if (m.user === context.botUserId) return;
    // A message that mentions the bot is answered by the app_mention listener.
    if (context.botUserId && m.text.includes(`<@${context.botUserId}`)) return;
    const question = m.text.trim();
    if (!question) return;
    const lang = detectLang(question);
    if (m.channel_type === 'im') {
      await answerOrApologise(
        deps,
        () =>
          replyWithAnswer(deps, {
            client,
            userId: m.user,
            teamId: m.team,
            channel: m.channel,
            threadTs: m.thread_ts,
            surface: 'dm',
            question,
          }),
        { client, channel: m.channel, threadTs: m.thread_ts, lang },
      );
      return;
    }
    if (m.thread_ts && (await isFollowUpThread(deps, m.channel, m.thread_ts))) {
      await answerOrApologise(
        deps,
        () =>
          replyWithAnswer(deps, {
            client,
            userId: m.user,
            teamId: m.team,
            channel: m.channel,
            threadTs: m.thread_ts,
            surface: 'thread',
            question,
          }),
        { client, channel: m.channel, threadTs: m.thread_ts, lang },
      );
    }
  });
}

async function answerOrApologise(
  deps: Deps,
  work: () => Promise<void>,
  where: { client: import('@slack/web-api').WebClient; channel: string; threadTs?: string; lang: 'zh' | 'en' },
): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.logger.error('answering failed', { error, channel: where.channel });
    await where.client.chat
      .postMessage({
        channel: where.channel,
        ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
        text: userSentence(error, where.lang),
      })
      .catch((e) => deps.logger.error('apology not delivered', { error: e }));
  }
}
