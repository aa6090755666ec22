/**
 * The shapes shared by the progress use cases, the Slack surfaces that call them, and the scheduled jobs that
 * read them. Use cases take an `Actor` and plain inputs and return plain objects; they never import `@slack/*`.
 */
import type { UnitKind } from '../plan/catalogue.js';
import type { PeriodId } from './periods.js';

/** Who is acting, with the roles the workspace file gives them. */
export interface Actor {
  userId: string;
  isAdmin: boolean;
  /** The active units the person belongs to, with their role there. */
  units: Array<{ unitId: string; role: 'lead' | 'member' }>;
}

export interface UnitInfo {
  id: string;
  name: string;
  short: string;
  kind: UnitKind;
  channel: string | null;
  leads: string[];
  members: string[];
}

export interface ProgressUpdate {
  id: number;
  unitId: string;
  indicatorKey: string;
  period: PeriodId;
  value: number;
  note: string | null;
  evidenceUrl: string | null;
  status: 'current' | 'withdrawn';
  submittedBy: string;
  submittedAt: Date;
  updatedBy: string;
  updatedAt: Date;
  version: number;
}

/** What a person submits, from the modal or inline; validated in the use case against the catalogue. */
export interface UpdateInput {
  unitId: string;
  indicatorKey: string;
  period: PeriodId;
  value: number;
  note?: string | null;
  evidenceUrl?: string | null;
  /** From the Slack payload (e.g. view id + hash, or command trigger id): the same key never makes a second row. */
  idempotencyKey?: string;
}

/** Field-level problems, keyed by the input they concern, in Chinese (and English), for `response_action: errors`. */
/** A message in both languages; whoever shows it picks the reader's (a person sees one language only). */
export interface Bilingual {
  zh: string;
  en: string;
}

export type FieldErrors = Partial<
  Record<'unit' | 'indicator' | 'period' | 'value' | 'note' | 'evidence' | string, Bilingual>
>;

/** Where an indicator stands against its target, for the region or one unit. */
export interface Standing {
  indicatorKey: string;
  target: number;
  targetMax?: number;
  measure: string | null;
  due: string;
  actual: number | null;
  /** actual / target, 0..n (null when nothing is reported). */
  ratio: number | null;
  latest?: { value: number; unitId: string; by: string; at: Date; period: PeriodId };
}

export type ReportTopics = Record<string, string>;

export interface HalfYearReport {
  id: number;
  unitId: string;
  /** The plan reported on (its slug). */
  plan: string;
  period: PeriodId;
  status: 'draft' | 'submitted';
  version: number;
  topics: ReportTopics;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  submittedBy: string | null;
  updatedBy: string;
  updatedAt: Date;
}
