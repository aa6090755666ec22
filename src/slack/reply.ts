import type { WebClient } from '@slack/web-api';
import { askQuestion, threadSoFar } from '../answer/ask.js';
import { detectLang } from '../answer/lang.js';
import type { Turn } from '../answer/types.js';
import type { Deps } from '../deps.js';
import { answerBlocks, answerText } from './blocks/answer.js';
import { withStanding } from './blocks/status.js';
import { defuseMentions } from './blocks/text.js';
import { planForQuestion, planNameBlocks } from './plan-choice.js';
import { standingBlocksFor } from './progress-surfaces.js';

export interface ConversationQuestion {
  client: WebClient;
  userId: string;
  teamId?: string;
  channel: string;
  /** Where to answer; for a mention, the thread of the mention. Absent for a top-level DM. */
  threadTs?: string;
  surface: 'mention' | 'thread' | 'dm';
  question: string;
}

const THINKING = { zh: '正在查阅计划原文…', en: 'Reading the plan…' } as const;

/**
 * The text a conversation's plan is chosen by: the question, and in a thread what was asked before it too — with
 * several plans running, "什么时候完成?" alone could be about any of them.
 */
function choosingText(question: string, history: readonly Turn[]): string {
  return [...history.filter((t) => t.role === 'user').map((t) => t.text), question].join('\n');
}

/**
 * Answers a question in a conversation: shows a status while it works, streams a model answer as it arrives,
 * then posts (or finishes the stream with) the cited answer and feedback buttons. The plan is chosen as `/plan`
 * chooses it: the channel's plan, else the one running plan, else the plan whose text answers the question.
 */
export async function replyWithAnswer(deps: Deps, q: ConversationQuestion): Promise<void> {
  const { client } = q;
  if (q.threadTs) {
    await client.assistant.threads
      .setStatus({ channel_id: q.channel, thread_ts: q.threadTs, status: THINKING[detectLang(q.question)] })
      .catch((error) => deps.logger.debug('status not shown', { error }));
  }
  let stream: ReturnType<WebClient['chatStream']> | undefined;
  let streamed = '';
  // Slack streams only into threads; a top-level DM gets the whole answer at once.
  const threadTs = q.threadTs;
  const onDelta = async (chunk: string) => {
    if (!chunk || !threadTs) return;
    stream ??= client.chatStream({
      channel: q.channel,
      thread_ts: threadTs,
      recipient_user_id: q.userId,
      ...(q.teamId ? { recipient_team_id: q.teamId } : {}),
      buffer_size: 64,
    });
    streamed += chunk;
    await stream.append({ markdown_text: defuseMentions(chunk) });
  };
  // Read once: it chooses the plan and goes to the answerer.
  const history = q.threadTs ? await threadSoFar(deps, q.channel, q.threadTs) : [];
  const { entry, searched } = await planForQuestion(deps, choosingText(q.question, history), q.channel);
  const { answer, questionId } = await askQuestion(
    { ...deps, answerer: entry.answerer },
    {
      userId: q.userId,
      surface: q.surface,
      question: q.question,
      channel: q.channel,
      threadTs: q.threadTs,
      history,
      onDelta: threadTs ? onDelta : undefined,
    },
  );
  const standing = await standingBlocksFor(deps, q.question, answer.lang, entry.catalogue);
  const blocks = withStanding(
    [
      ...planNameBlocks(deps, entry, answer.lang, answer.grounded ? [] : searched),
      ...answerBlocks(answer, { questionId }),
    ],
    standing,
  );
  if (!stream) {
    await client.chat.postMessage({
      channel: q.channel,
      ...(q.threadTs ? { thread_ts: q.threadTs } : {}),
      text: answerText(answer),
      blocks,
      unfurl_links: false,
    });
    return;
  }
  // The streamed words stand when they are the final answer; otherwise the message is replaced by it.
  const final = await stream.stop(
    streamed.trim() === answer.answer.trim()
      ? { blocks: blocks.filter((b) => b.type !== 'section' || standing.includes(b)) }
      : {},
  );
  if (streamed.trim() !== answer.answer.trim() && final.ts) {
    await client.chat.update({ channel: q.channel, ts: final.ts, text: answerText(answer), blocks });
  }
}
