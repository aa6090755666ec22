import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { MessageKey } from '../messages/index.js';
import type { Comparator } from './catalogue.js';
import type { Plan } from './parse.js';
import { setIndicatorStatus, storedIndicators } from './store.js';
import { appendIndicator, type IndicatorFields, updateIndicator } from './store-review.js';

/**
 * Admins reviewing an imported plan's drafted indicators: approve, reject, edit, add. An edit or an addition is
 * checked field by field, and its quote must stand verbatim in the plan's text (whitespace aside), so every
 * indicator still points at the plan's own words. Problems come back per field, as message keys.
 */

export const FORM_FIELDS = ['name', 'target', 'comparator', 'measure', 'deadline', 'lead', 'quote'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
/** What the form's inputs hold, as typed (absent or empty when left blank). */
export type IndicatorForm = Partial<Record<FormField, string | null>>;
export type FormErrors = Partial<Record<FormField, MessageKey>>;
export type ReviewResult = { ok: true; key: string } | { ok: false; errors: FormErrors };

const blank = (v: unknown) => (typeof v === 'string' ? v.normalize('NFKC').trim() : '');
const optionalText = (max: number, error: MessageKey) =>
  z.preprocess(blank, z.string().max(max, error)).transform((s) => s || null);

const FormSchema = z.object({
  name: z.preprocess(blank, z.string().min(1, 'edit.err.name').max(100, 'edit.err.name')),
  target: z.preprocess(
    (v) => blank(v).replace(/[,，]/g, ''),
    z
      .string()
      .refine((s) => s === '' || Number.isFinite(Number(s)), 'edit.err.target')
      .transform((s) => (s === '' ? null : Number(s))),
  ),
  comparator: z.preprocess((v) => blank(v) || null, z.enum(['>=', '<=', '=', '~']).nullable()),
  measure: optionalText(20, 'edit.err.measure'),
  deadline: z.preprocess(
    blank,
    z
      .string()
      .refine((s) => s === '' || isIsoDate(s), 'edit.err.deadline')
      .transform((s) => s || null),
  ),
  lead: optionalText(100, 'edit.err.lead'),
  quote: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().min(2, 'edit.err.quote').max(1000, 'edit.err.quote'),
  ),
});

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The label of the section the quote stands in: the passage holding it, or the one it starts in. */
export function sectionOfQuote(plan: Pick<Plan, 'passages' | 'sections'>, quote: string): string | undefined {
  const q = squeeze(quote);
  const holding = plan.passages.find((p) => squeeze(p.text).includes(q));
  if (holding) return holding.section;
  const start = q.slice(0, 8);
  return plan.passages.find((p) => squeeze(p.text).includes(start))?.section;
}

/** Reads and checks the form against the plan; the fields to store, or what to fix. */
export function readIndicatorForm(
  plan: Pick<Plan, 'text' | 'passages' | 'sections'>,
  form: IndicatorForm,
): { ok: true; fields: IndicatorFields } | { ok: false; errors: FormErrors } {
  const parsed = FormSchema.safeParse(form);
  const errors: FormErrors = {};
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0] as FormField;
    errors[field] ??= (issue.message.startsWith('edit.err.') ? issue.message : `edit.err.${field}`) as MessageKey;
  }
  // Every problem at once: a quote that is not the plan's words is named beside the other fields' problems.
  const quote = typeof form.quote === 'string' ? form.quote.trim() : '';
  const section = quote && squeeze(plan.text).includes(squeeze(quote)) ? sectionOfQuote(plan, quote) : undefined;
  if (!errors.quote && section === undefined) errors.quote = 'edit.err.notVerbatim';
  if (!parsed.success || section === undefined) return { ok: false, errors };
  const f = parsed.data;
  // A milestone has no figure, so no comparator or measure; a figure without a comparator is the figure exactly.
  const milestone = f.target === null;
  return {
    ok: true,
    fields: {
      name: f.name,
      target: f.target,
      targetMax: null,
      comparator: milestone ? null : ((f.comparator ?? '=') as Comparator),
      measure: milestone ? null : f.measure,
      deadline: f.deadline,
      deadlineText: f.deadline,
      lead: f.lead,
      section: section || plan.sections[0]?.label || '',
      quote: f.quote,
    },
  };
}

export interface ReviewRequest {
  slug: string;
  plan: Pick<Plan, 'text' | 'passages' | 'sections'>;
  by: string;
  at: Date;
}

/** Saves an edit of one indicator; its status stays as it was. */
export async function editIndicator(
  db: Db,
  request: ReviewRequest & { key: string },
  form: IndicatorForm,
): Promise<ReviewResult> {
  const read = readIndicatorForm(request.plan, form);
  if (!read.ok) return read;
  // The form shows one figure and an ISO date: a range's upper end and the deadline as the plan words it are kept
  // unless the admin changed the figure or the date.
  const stored = (await storedIndicators(db, request.slug)).get(request.slug)?.find((i) => i.key === request.key);
  const fields = { ...read.fields };
  if (stored && stored.target === fields.target) fields.targetMax = stored.targetMax;
  if (stored && stored.deadline === fields.deadline) fields.deadlineText = stored.deadlineText;
  await updateIndicator(db, request.slug, request.key, fields, request.by, request.at);
  return { ok: true, key: request.key };
}

/** Adds an indicator an admin wrote: approved, since an admin both drafted and reviewed it. */
export async function addIndicator(db: Db, request: ReviewRequest, form: IndicatorForm): Promise<ReviewResult> {
  const read = readIndicatorForm(request.plan, form);
  if (!read.ok) return read;
  const key = await appendIndicator(db, request.slug, read.fields, 'approved', request.by, request.at);
  return { ok: true, key };
}

/** Approves or rejects the given indicators, or approves every one still awaiting review; returns how many changed. */
export async function reviewIndicators(
  db: Db,
  request: Omit<ReviewRequest, 'plan'>,
  decision: { keys: readonly string[]; status: 'approved' | 'rejected' } | { allDrafts: true },
): Promise<number> {
  if ('allDrafts' in decision) {
    // Every indicator still a draft when the change is made (not as the admin's view listed them).
    return setIndicatorStatus(db, request.slug, 'all', 'approved', request.by, request.at, { onlyFrom: 'draft' });
  }
  return setIndicatorStatus(db, request.slug, decision.keys, decision.status, request.by, request.at);
}

/** A plan at a glance, for admins: its indicators by review status and whether the workspace runs it. */
export interface PlanSummary {
  slug: string;
  title: string;
  builtIn: boolean;
  running: boolean;
  counts: Record<'draft' | 'approved' | 'rejected', number>;
}

export function planSummary(
  entry: { slug: string; title: string; builtIn: boolean; indicators: ReadonlyArray<{ status: string }> },
  runningSlugs: readonly string[],
): PlanSummary {
  const count = (status: string) => entry.indicators.filter((i) => i.status === status).length;
  return {
    slug: entry.slug,
    title: entry.title,
    builtIn: entry.builtIn,
    running: runningSlugs.includes(entry.slug),
    counts: { draft: count('draft'), approved: count('approved'), rejected: count('rejected') },
  };
}
