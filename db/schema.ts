import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** The one schema file. Columns are camelCase here and snake_case in the database (`casing: 'snake_case'`). */

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** Units of the deployment, synced from the workspace file; a unit removed from the file is deactivated, never deleted. */
export const units = pgTable('units', {
  id: text().primaryKey(),
  name: text().notNull(),
  short: text().notNull(),
  /** One of the workspace file's `kinds`. */
  kind: text().notNull(),
  channel: text(),
  active: boolean().notNull().default(true),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    unitId: text()
      .notNull()
      .references(() => units.id),
    userId: text().notNull(),
    role: text({ enum: ['lead', 'member'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.userId] }), index().on(t.userId)],
);

export const admins = pgTable('admins', {
  userId: text().primaryKey(),
});

/** Display names from the workspace file, for rendering and the local workspace's users.info. */
export const people = pgTable('people', {
  userId: text().primaryKey(),
  name: text().notNull(),
});

/** Key/value settings of the deployment (channels, time zone), synced from the workspace file. */
export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
});

/** Every change to units, roles and (later) records: who, when, what it was, what it became. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial().primaryKey(),
    at: createdAt(),
    actor: text().notNull(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [index().on(t.entity, t.entityId)],
);

/** Every question asked, with how it was answered: the admins' view of what staff want to know. */
export const questions = pgTable(
  'questions',
  {
    id: serial().primaryKey(),
    askedAt: createdAt(),
    userId: text().notNull(),
    surface: text({ enum: ['command', 'mention', 'thread', 'dm', 'cli'] }).notNull(),
    channel: text(),
    threadTs: text(),
    question: text().notNull(),
    answer: text().notNull(),
    lang: text({ enum: ['zh', 'en'] }).notNull(),
    mode: text({ enum: ['llm', 'extractive'] }).notNull(),
    grounded: boolean().notNull(),
    citations: jsonb().notNull().default(sql`'[]'::jsonb`),
    latencyMs: integer().notNull(),
    /** Why a model answer was replaced by the extractive one (src/answer/types.ts `ModelFallback`), if it was. */
    fallback: text({ enum: ['unavailable', 'quotes', 'figures', 'leak'] }),
  },
  (t) => [index().on(t.channel, t.threadTs)],
);

/** The latest vote of each user on each answer. */
export const answerVotes = pgTable(
  'answer_votes',
  {
    questionId: integer()
      .notNull()
      .references(() => questions.id),
    userId: text().notNull(),
    vote: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.userId] })],
);

/** Slack requests already handled, by a key derived from the payload: a retry or a double click finds its key here. */
export const processedRequests = pgTable('processed_requests', {
  key: text().primaryKey(),
  at: createdAt(),
});

/**
 * Plans imported from their documents (`planbot plan add`, or a file shared with the bot): the text verbatim as
 * extracted, so every process answers from it. The shipped plan is built in and has no row here.
 */
export const plans = pgTable('plans', {
  slug: text().primaryKey(),
  title: text().notNull(),
  text: text().notNull(),
  format: text({ enum: ['txt', 'docx', 'pdf', 'html'] }).notNull(),
  sections: integer().notNull(),
  /** Reporting cadence and span (period ids of that cadence, CONTRACT §5). */
  cadence: text({ enum: ['monthly', 'quarterly', 'half-yearly', 'yearly'] })
    .notNull()
    .default('half-yearly'),
  spanFrom: text().notNull(),
  spanTo: text().notNull(),
  /** What the plan asks beyond its figures (`planbot plan rules`): report topics and rules, as `plan-settings.ts` reads them. */
  settings: jsonb(),
  createdBy: text().notNull(),
  createdAt: createdAt(),
});

/** An imported plan's quantified targets, drafted from its text; only approved ones take updates (CONTRACT §8). */
export const planIndicators = pgTable(
  'plan_indicators',
  {
    planSlug: text()
      .notNull()
      .references(() => plans.slug, { onDelete: 'cascade' }),
    key: text().notNull(),
    /** The draft's order in the plan, for listing. */
    position: integer().notNull(),
    name: text().notNull(),
    target: doublePrecision(),
    targetMax: doublePrecision(),
    comparator: text({ enum: ['>=', '<=', '=', '~'] }),
    measure: text(),
    /** ISO date (`2025-12-31`) or null; `deadlineText` as the plan writes it (`到2025年底`). */
    deadline: text(),
    deadlineText: text(),
    lead: text(),
    section: text().notNull(),
    quote: text().notNull(),
    status: text({ enum: ['draft', 'approved', 'rejected'] })
      .notNull()
      .default('draft'),
    updatedBy: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.planSlug, t.key] })],
);

/** A unit's reported figure for one indicator and period. Edited in place (every change audited), never deleted. */
export const progressUpdates = pgTable(
  'progress_updates',
  {
    id: serial().primaryKey(),
    unitId: text()
      .notNull()
      .references(() => units.id),
    /** The plan the indicator belongs to; '' for rows written before plans were told apart (the shipped plan's). */
    plan: text().notNull().default(''),
    indicatorKey: text().notNull(),
    period: text().notNull(),
    value: doublePrecision().notNull(),
    note: text(),
    evidenceUrl: text(),
    status: text({ enum: ['current', 'withdrawn'] })
      .notNull()
      .default('current'),
    submittedBy: text().notNull(),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
    updatedBy: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    version: integer().notNull().default(1),
    /** From the Slack payload, so a redelivered request or a double click cannot add a second row. */
    idempotencyKey: text(),
  },
  (t) => [
    uniqueIndex().on(t.idempotencyKey),
    index().on(t.unitId, t.period),
    index().on(t.period, t.indicatorKey),
    // A unit's latest current row for an indicator, read backwards from the end of its window: one index probe.
    index('progress_updates_latest_current_index')
      .on(t.plan, t.indicatorKey, t.unitId, t.period, t.submittedAt, t.id)
      .where(sql`${t.status} = 'current'`),
  ],
);

/**
 * Per indicator, unit and period, the sum and count of the current rows of `progress_updates`, kept by a trigger
 * on that table (migration `0004_progress_tallies_trigger`) in the same transaction as every insert, edit and
 * withdrawal. A standing sums a few of these rows instead of every update ever reported. `numeric`, so adding and
 * taking back a value leaves no rounding residue.
 */
export const progressTallies = pgTable(
  'progress_tallies',
  {
    plan: text().notNull().default(''),
    indicatorKey: text().notNull(),
    unitId: text().notNull(),
    period: text().notNull(),
    total: numeric().notNull(),
    rows: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.plan, t.indicatorKey, t.unitId, t.period] })],
);

/** A unit's periodic report on one plan (that plan's topics); each save is a new version. */
export const reports = pgTable(
  'reports',
  {
    id: serial().primaryKey(),
    unitId: text()
      .notNull()
      .references(() => units.id),
    /** The plan reported on; '' for rows written before plans were told apart (the shipped plan's, claimed on boot). */
    plan: text().notNull().default(''),
    period: text().notNull(),
    status: text({ enum: ['draft', 'submitted'] }).notNull(),
    version: integer().notNull(),
    topics: jsonb().notNull(),
    firstSubmittedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: text(),
    updatedBy: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex().on(t.unitId, t.plan, t.period)],
);

export const reportVersions = pgTable(
  'report_versions',
  {
    id: serial().primaryKey(),
    reportId: integer()
      .notNull()
      .references(() => reports.id),
    version: integer().notNull(),
    status: text({ enum: ['draft', 'submitted'] }).notNull(),
    topics: jsonb().notNull(),
    savedBy: text().notNull(),
    savedAt: timestamp({ withTimezone: true }).notNull(),
    idempotencyKey: text(),
  },
  (t) => [uniqueIndex().on(t.reportId, t.version), uniqueIndex().on(t.idempotencyKey)],
);

/** Schedules from the workspace file, changed by admins with `/plan schedule`. */
export const schedules = pgTable('schedules', {
  job: text().primaryKey(),
  config: jsonb().notNull(),
  paused: boolean().notNull().default(false),
  updatedBy: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});

/** One row per (job, slot): the process that inserts it runs the slot; the others see it taken. */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text().notNull(),
    slot: text().notNull(),
    claimedBy: text().notNull(),
    claimedAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
    status: text({ enum: ['claimed', 'done', 'skipped', 'failed'] }).notNull(),
    detail: text(),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);

/** Every message a job sends, written before sending and marked with Slack's ts after: each posted once. */
export const outbox = pgTable(
  'outbox',
  {
    id: serial().primaryKey(),
    job: text().notNull(),
    slot: text().notNull(),
    recipient: text().notNull(),
    kind: text().notNull(),
    payload: jsonb().notNull(),
    status: text({ enum: ['pending', 'sending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull(),
    lockedBy: text(),
    lockedUntil: timestamp({ withTimezone: true }),
    ts: text(),
    error: text(),
    createdAt: createdAt(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex().on(t.job, t.slot, t.recipient, t.kind), index().on(t.status, t.nextAttemptAt)],
);

/**
 * A half-year circular held for the admins' review (`schedule: { circularReview: true }`): its messages as drafted,
 * its report points and the admins' edits. The update that turns `pending` into `posted` is the one claim on
 * posting it, so a double click, a redelivery or two admins at once post it once.
 */
export const circularDrafts = pgTable('circular_drafts', {
  /** The scheduler's slot it was drafted for: `2016H1/circular`. */
  slot: text().primaryKey(),
  period: text().notNull(),
  status: text({ enum: ['pending', 'posted'] })
    .notNull()
    .default('pending'),
  /** The circular's outbox messages, without the report points. */
  messages: jsonb().notNull(),
  points: jsonb().notNull(),
  /** Admins' replacements of the points' sections, by topic key (or `problems`). */
  edits: jsonb().notNull().default(sql`'{}'::jsonb`),
  version: integer().notNull().default(1),
  /** When it is due for posting: the slot's time, moved on by each postponement. */
  dueAt: timestamp({ withTimezone: true }).notNull(),
  /** The next reminder to the admins while nobody acts. */
  remindAt: timestamp({ withTimezone: true }).notNull(),
  /** Set by a postponement: at this time the draft is drawn up again from the data then. */
  refreshAt: timestamp({ withTimezone: true }),
  createdAt: createdAt(),
  updatedBy: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
  postedBy: text(),
  postedAt: timestamp({ withTimezone: true }),
});
