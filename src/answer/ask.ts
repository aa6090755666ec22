import type { Deps } from '../deps.js';
import { isAnsweredThread, recordQuestion, threadHistory } from './repository.js';
import type { Answer, Turn } from './types.js';

export interface AskRequest {
  userId: string;
  surface: 'command' | 'mention' | 'thread' | 'dm' | 'cli';
  question: string;
  channel?: string;
  /** The thread the question belongs to; its earlier turns are given to the model. */
  threadTs?: string;
  /** The thread's earlier turns, when the caller has read them already (`threadSoFar`); read here otherwise. */
  history?: Turn[];
  offline?: boolean;
  onDelta?: (chunk: string) => void | Promise<void>;
}

export interface AskResult {
  answer: Answer;
  questionId: number;
}

/** Answers a question about the plan, logs it for the admins' statistics and counts it in the metrics. */
export async function askQuestion(
  deps: Pick<Deps, 'db' | 'answerer' | 'clock' | 'logger' | 'metrics'>,
  req: AskRequest,
): Promise<AskResult> {
  const started = performance.now();
  const history =
    req.history ?? (req.channel && req.threadTs ? await threadHistory(deps.db, req.channel, req.threadTs) : []);
  const answer = await deps.answerer.ask(req.question, { offline: req.offline, history, onDelta: req.onDelta });
  const latencyMs = performance.now() - started;
  deps.metrics.answered(answer.mode, answer.grounded);
  const questionId = await recordQuestion(deps.db, {
    userId: req.userId,
    surface: req.surface,
    channel: req.channel,
    threadTs: req.threadTs,
    question: req.question,
    answer,
    latencyMs,
    askedAt: deps.clock.now(),
  });
  deps.logger.info('question answered', {
    questionId,
    surface: req.surface,
    mode: answer.mode,
    grounded: answer.grounded,
    latencyMs: Math.round(latencyMs),
  });
  return { answer, questionId };
}

/** A reply in a thread is a follow-up question when the bot has already answered in that thread. */
export function isFollowUpThread(deps: Pick<Deps, 'db'>, channel: string, threadTs: string): Promise<boolean> {
  return isAnsweredThread(deps.db, channel, threadTs);
}

/** A thread's questions and answers so far, oldest first. */
export function threadSoFar(deps: Pick<Deps, 'db'>, channel: string, threadTs: string): Promise<Turn[]> {
  return threadHistory(deps.db, channel, threadTs);
}
