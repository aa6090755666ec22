import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { preparedFor } from '../../db/prepared.js';
import { answerVotes, questions } from '../../db/schema.js';
import type { Answer, Turn } from './types.js';

export interface QuestionRecord {
  userId: string;
  surface: 'command' | 'mention' | 'thread' | 'dm' | 'cli';
  channel?: string | null;
  threadTs?: string | null;
  question: string;
  answer: Answer;
  latencyMs: number;
  askedAt: Date;
}

/** PostgreSQL text and jsonb cannot hold U+0000; a question (or a model's answer) that contains it is still kept. */
const storable = (text: string) => text.replaceAll('\u0000', '');

const insertQuestion = preparedFor((db) =>
  db
    .insert(questions)
    .values({
      askedAt: sql.placeholder('askedAt'),
      userId: sql.placeholder('userId'),
      surface: sql.placeholder('surface'),
      channel: sql.placeholder('channel'),
      threadTs: sql.placeholder('threadTs'),
      question: sql.placeholder('question'),
      answer: sql.placeholder('answer'),
      lang: sql.placeholder('lang'),
      mode: sql.placeholder('mode'),
      grounded: sql.placeholder('grounded'),
      citations: sql.placeholder('citations'),
      latencyMs: sql.placeholder('latencyMs'),
      fallback: sql.placeholder('fallback'),
    })
    .returning({ id: questions.id })
    .prepare('insert_question'),
);

export async function recordQuestion(db: Db, r: QuestionRecord): Promise<number> {
  const [row] = await insertQuestion(db).execute({
    askedAt: r.askedAt,
    userId: r.userId,
    surface: r.surface,
    channel: r.channel ?? null,
    threadTs: r.threadTs ?? null,
    question: storable(r.question),
    answer: storable(r.answer.answer),
    lang: r.answer.lang,
    mode: r.answer.mode,
    grounded: r.answer.grounded,
    citations: r.answer.citations,
    latencyMs: Math.round(r.latencyMs),
    fallback: r.answer.fallback ?? null,
  });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** The thread so far, oldest first: what was asked and answered in it. */
export async function threadHistory(db: Db, channel: string, threadTs: string, limit = 6): Promise<Turn[]> {
  const rows = await db
    .select({ q: questions.question, a: questions.answer })
    .from(questions)
    .where(and(eq(questions.channel, channel), eq(questions.threadTs, threadTs)))
    .orderBy(desc(questions.id))
    .limit(limit);
  return rows.reverse().flatMap((r) => [
    { role: 'user' as const, text: r.q },
    { role: 'assistant' as const, text: r.a },
  ]);
}

export async function isAnsweredThread(db: Db, channel: string, threadTs: string): Promise<boolean> {
  const rows = await db
    .select({ id: questions.id })
    .from(questions)
    .where(and(eq(questions.channel, channel), eq(questions.threadTs, threadTs)))
    .limit(1);
  return rows.length > 0;
}

const selectQuestionLang = preparedFor((db) =>
  db
    .select({ lang: questions.lang })
    .from(questions)
    .where(eq(questions.id, sql.placeholder('id')))
    .limit(1)
    .prepare('select_question_lang'),
);

/** The language a stored answer was given in, or null when there is no such answer. */
export async function questionLang(db: Db, id: number): Promise<'zh' | 'en' | null> {
  const [row] = await selectQuestionLang(db).execute({ id });
  return row?.lang ?? null;
}

const upsertVote = preparedFor((db) =>
  db
    .insert(answerVotes)
    .values({
      questionId: sql.placeholder('questionId'),
      userId: sql.placeholder('userId'),
      vote: sql.placeholder('vote'),
      updatedAt: sql.placeholder('at'),
    })
    .onConflictDoUpdate({
      target: [answerVotes.questionId, answerVotes.userId],
      set: { vote: sql`excluded.vote`, updatedAt: sql`excluded.updated_at` },
    })
    .prepare('upsert_vote'),
);

/** Keeps only the latest vote of each user on each answer. */
export async function recordVote(db: Db, questionId: number, userId: string, vote: 1 | -1, at: Date): Promise<void> {
  await upsertVote(db).execute({ questionId, userId, vote, at });
}

export interface QuestionStats {
  total: number;
  grounded: number;
  mostAsked: Array<{ question: string; count: number }>;
  ungrounded: Array<{ question: string; count: number }>;
  downVoted: Array<{ id: number; question: string; down: number; up: number }>;
  p50LatencyMs: number;
  /** Model answers replaced by extractive ones, by reason: a model that invents figures shows here. */
  fallbacks: { unavailable: number; quotes: number; figures: number; leak: number };
}

export async function questionStats(db: Db, limit = 5): Promise<QuestionStats> {
  const norm = sql<string>`lower(trim(${questions.question}))`;
  const [totals] = await db
    .select({
      total: sql<number>`count(*)::int`,
      grounded: sql<number>`count(*) filter (where ${questions.grounded})::int`,
      p50: sql<number>`coalesce(percentile_cont(0.5) within group (order by ${questions.latencyMs}), 0)::float`,
      unavailable: sql<number>`count(*) filter (where ${questions.fallback} = 'unavailable')::int`,
      quotes: sql<number>`count(*) filter (where ${questions.fallback} = 'quotes')::int`,
      figures: sql<number>`count(*) filter (where ${questions.fallback} = 'figures')::int`,
      leak: sql<number>`count(*) filter (where ${questions.fallback} = 'leak')::int`,
    })
    .from(questions);
  const mostAsked = await db
    .select({ question: sql<string>`min(${questions.question})`, count: sql<number>`count(*)::int` })
    .from(questions)
    .groupBy(norm)
    .orderBy(desc(sql`count(*)`), asc(sql`min(${questions.id})`))
    .limit(limit);
  const ungrounded = await db
    .select({ question: sql<string>`min(${questions.question})`, count: sql<number>`count(*)::int` })
    .from(questions)
    .where(eq(questions.grounded, false))
    .groupBy(norm)
    .orderBy(desc(sql`count(*)`), asc(sql`min(${questions.id})`))
    .limit(limit);
  const downVoted = await db
    .select({
      id: questions.id,
      question: questions.question,
      down: sql<number>`count(*) filter (where ${answerVotes.vote} < 0)::int`,
      up: sql<number>`count(*) filter (where ${answerVotes.vote} > 0)::int`,
    })
    .from(answerVotes)
    .innerJoin(questions, eq(questions.id, answerVotes.questionId))
    .groupBy(questions.id, questions.question)
    .having(sql`count(*) filter (where ${answerVotes.vote} < 0) > 0`)
    .orderBy(desc(sql`count(*) filter (where ${answerVotes.vote} < 0)`), asc(questions.id))
    .limit(limit);
  return {
    total: totals?.total ?? 0,
    grounded: totals?.grounded ?? 0,
    p50LatencyMs: Math.round(totals?.p50 ?? 0),
    fallbacks: {
      unavailable: totals?.unavailable ?? 0,
      quotes: totals?.quotes ?? 0,
      figures: totals?.figures ?? 0,
      leak: totals?.leak ?? 0,
    },
    mostAsked,
    ungrounded,
    downVoted,
  };
}

export interface StoredQuestion {
  id: number;
  userId: string;
  channel: string | null;
  question: string;
  answer: Answer;
}

export async function loadQuestion(db: Db, id: number): Promise<StoredQuestion | null> {
  const [row] = await db.select().from(questions).where(eq(questions.id, id)).limit(1);
  if (!row) return null;
  return {
    id: row.id,
    userId: row.userId,
    channel: row.channel,
    question: row.question,
    answer: {
      answer: row.answer,
      grounded: row.grounded,
      mode: row.mode,
      lang: row.lang,
      citations: row.citations as Answer['citations'],
    },
  };
}
