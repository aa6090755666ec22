import type { WebClient } from '@slack/web-api';
import { isFollowUpThread } from '../../../answer/ask.js';
import { detectLang } from '../../../answer/lang.js';
import type { Deps } from '../../../deps.js';
import { userSentence } from '../../../errors.js';
import { helpText } from '../../blocks/help.js';
import { asksForHelp, plainText } from '../../incoming-text.js';
import { MessagePayload } from '../../payloads.js';
import { type ConversationQuestion, replyWithAnswer } from '../../reply.js';
import type { Listeners } from '../../router.js';

/** Mentions, follow-ups in threads the bot answered, and direct messages. */
export function registerQuestionEvents(app: Listeners, deps: Deps): void {
  app.event('app_mention', async ({ event, client }) => {
    const parsed = MessagePayload.safeParse(event);
    if (!parsed.success)
      return void deps.logger.warn('app_mention ignored: unexpected shape', { issue: parsed.error.issues[0]?.message });
    const m = parsed.data;
    await respondTo(deps, {
      client,
      userId: m.user,
      teamId: m.team,
      channel: m.channel,
      threadTs: m.thread_ts ?? m.ts,
      surface: 'mention',
      question: m.text,
    });
  });

  app.message(async ({ message, client, context }) => {
    // Edits, joins, bot posts and the bot's own messages are not questions.
    if ('subtype' in message && message.subtype !== undefined) return;
    if ('bot_id' in message && message.bot_id) return;
    const parsed = MessagePayload.safeParse(message);
    if (!parsed.success) return;
    const m = parsed.data;
    if (m.user === context.botUserId) return;
    const base = { client, userId: m.user, teamId: m.team, channel: m.channel, question: m.text };
    // In a DM, Slack sends no app_mention: a message there is a question whether or not it names the bot.
    if (m.channel_type === 'im') return respondTo(deps, { ...base, threadTs: m.thread_ts, surface: 'dm' });
    // Elsewhere, a message that mentions the bot is answered by the app_mention listener.
    if (context.botUserId && m.text.includes(`<@${context.botUserId}`)) return;
    if (m.thread_ts && (await isFollowUpThread(deps, m.channel, m.thread_ts))) {
      await respondTo(deps, { ...base, threadTs: m.thread_ts, surface: 'thread' });
    }
  });
}

/** Answers a message's question, or explains planbot when it asks for help or says nothing; apologises on failure. */
async function respondTo(deps: Deps, q: ConversationQuestion): Promise<void> {
  const question = plainText(q.question);
  // A bare mention or "help" says nothing of the asker's language: Chinese first.
  const lang = question && !asksForHelp(question) ? detectLang(question) : 'zh';
  const where = { channel: q.channel, ...(q.threadTs ? { thread_ts: q.threadTs } : {}) };
  try {
    if (!question || asksForHelp(question)) {
      await q.client.chat.postMessage({ ...where, text: helpText(lang, deps.catalogue) });
      return;
    }
    await replyWithAnswer(deps, { ...q, question });
  } catch (error) {
    deps.logger.error('answering failed', { error, channel: q.channel });
    await apologise(deps, q.client, where, userSentence(error, lang));
  }
}

async function apologise(deps: Deps, client: WebClient, where: { channel: string; thread_ts?: string }, text: string) {
  await client.chat
    .postMessage({ ...where, text })
    .catch((e) => deps.logger.error('apology not delivered', { error: e }));
}
