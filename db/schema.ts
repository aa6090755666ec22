import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** The one schema file. Columns are camelCase here and snake_case in the database (`casing: 'snake_case'`). */

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** Units of the deployment, synced from the workspace file; a unit removed from the file is deactivated, never deleted. */
export const units = pgTable('units', {
  id: text().primaryKey(),
  name: text().notNull(),
  short: text().notNull(),
  kind: text({ enum: ['institution', 'national_center', 'regional_center', 'league_bureau'] }).notNull(),
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
