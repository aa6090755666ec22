import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { auditLog, planIndicators, plans } from '../../db/schema.js';
import { PlanbotError } from '../errors.js';
import type { PeriodId } from '../progress/periods.js';
import type { Comparator } from './catalogue.js';
import type { DraftIndicator } from './draft/index.js';
import type { IndicatorStatus, StoredIndicator, StoredPlan } from './imported.js';
import { type PlanSettings, storedSettings } from './plan-settings.js';

/** Imported plans and their indicators in the database, as plain objects; every change to an indicator is audited. */

export const INDICATOR_ENTITY = 'plan_indicator';

/** A plan to store: the stored shape less its creation time, with who imports it and when. */
export interface NewPlan extends Omit<StoredPlan, 'createdAt' | 'settings'> {
  by: string;
  at: Date;
}

/** Stores a plan and its drafted indicators in one transaction: both or nothing. A slug already taken is refused. */
export async function insertPlan(db: Db, plan: NewPlan, drafts: readonly DraftIndicator[]): Promise<void> {
  await db.transaction(async (tx) => {
    const [taken] = await tx.select({ slug: plans.slug }).from(plans).where(eq(plans.slug, plan.slug)).limit(1);
    if (taken) throw slugTaken(plan.slug);
    const { by, at, ...row } = plan;
    await tx.insert(plans).values({ ...row, createdBy: by, createdAt: at });
    if (!drafts.length) return;
    await tx.insert(planIndicators).values(
      drafts.map((d, position) => ({
        planSlug: plan.slug,
        key: d.key,
        position,
        name: d.name,
        target: d.target,
        targetMax: d.targetMax,
        comparator: d.comparator,
        measure: d.measure,
        deadline: d.deadline,
        deadlineText: d.deadlineText,
        lead: d.lead,
        section: d.section,
        quote: d.quote,
        status: 'draft' as const,
        updatedBy: by,
        updatedAt: at,
      })),
    );
    await tx.insert(auditLog).values({
      at,
      actor: by,
      action: 'plan.imported',
      entity: 'plan',
      entityId: plan.slug,
      before: null,
      after: { title: plan.title, format: plan.format, sections: plan.sections, indicators: drafts.length },
    });
  });
}

export function slugTaken(slug: string): PlanbotError {
  return new PlanbotError('conflict', `a plan "${slug}" already exists; choose another --slug`, {
    zh: `已有名为“${slug}”的计划,请换一个标识(--slug)。`,
    en: `A plan "${slug}" already exists; choose another slug (--slug).`,
  });
}

type PlanRow = typeof plans.$inferSelect;
type IndicatorRow = typeof planIndicators.$inferSelect;

function storedSettingsOf(value: unknown): Pick<StoredPlan, 'settings' | 'settingsProblem'> {
  const { settings, problem } = storedSettings(value);
  return problem ? { settings, settingsProblem: problem } : { settings };
}

function toPlan(row: PlanRow): StoredPlan {
  return {
    slug: row.slug,
    title: row.title,
    text: row.text,
    format: row.format,
    sections: row.sections,
    cadence: row.cadence,
    spanFrom: row.spanFrom as PeriodId,
    spanTo: row.spanTo as PeriodId,
    ...storedSettingsOf(row.settings),
    createdAt: row.createdAt,
  };
}

/** An indicator row's drafted fields: what an edit replaces and the audit log keeps. */
export function indicatorFieldsOf(row: IndicatorRow): Omit<DraftIndicator, 'key'> {
  return {
    name: row.name,
    target: row.target,
    targetMax: row.targetMax,
    comparator: row.comparator as Comparator | null,
    measure: row.measure,
    deadline: row.deadline,
    deadlineText: row.deadlineText,
    lead: row.lead,
    section: row.section,
    quote: row.quote,
  };
}

function toIndicator(row: IndicatorRow): StoredIndicator {
  return { key: row.key, position: row.position, ...indicatorFieldsOf(row), status: row.status };
}

export async function listStoredPlans(db: Db): Promise<StoredPlan[]> {
  return (await db.select().from(plans).orderBy(asc(plans.createdAt), asc(plans.slug))).map(toPlan);
}

export async function findStoredPlan(db: Db, slug: string): Promise<StoredPlan | null> {
  const [row] = await db.select().from(plans).where(eq(plans.slug, slug)).limit(1);
  return row ? toPlan(row) : null;
}

/** Every imported plan's indicators, by plan slug, in the plan's order. */
export async function storedIndicators(db: Db, slug?: string): Promise<Map<string, StoredIndicator[]>> {
  const rows = await db
    .select()
    .from(planIndicators)
    .where(slug ? eq(planIndicators.planSlug, slug) : undefined)
    .orderBy(asc(planIndicators.planSlug), asc(planIndicators.position));
  const out = new Map<string, StoredIndicator[]>();
  for (const row of rows) {
    const list = out.get(row.planSlug) ?? [];
    list.push(toIndicator(row));
    out.set(row.planSlug, list);
  }
  return out;
}

/**
 * A stamp that changes whenever a plan is imported or an indicator changes: other processes compare it to reload.
 * Every such change is audited, so the last audit row counts too: two changes made at the same instant (a clock
 * that stands still) still give two stamps.
 */
export async function plansStamp(db: Db): Promise<string> {
  const [row] = rowsOf(
    await db.execute(sql`
      select (select count(*) from ${plans}) as plans, (select count(*) from ${planIndicators}) as indicators,
             (select max(updated_at) from ${planIndicators})::text as at,
             (select max(id) from ${auditLog} where entity in ('plan', ${INDICATOR_ENTITY})) as audited`),
  );
  return `${row?.plans}:${row?.indicators}:${row?.at}:${row?.audited}`;
}

/**
 * Sets the status of some indicators of a plan (all of them when `keys` is 'all'), auditing each change. Keys the
 * plan does not have are refused before anything changes. Returns how many changed.
 */
export async function setIndicatorStatus(
  db: Db,
  slug: string,
  keys: readonly string[] | 'all',
  status: IndicatorStatus,
  by: string,
  at: Date,
  options: { onlyFrom?: IndicatorStatus } = {},
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(planIndicators)
      .where(
        keys === 'all'
          ? eq(planIndicators.planSlug, slug)
          : and(eq(planIndicators.planSlug, slug), inArray(planIndicators.key, [...keys])),
      );
    if (keys !== 'all') {
      const missing = keys.filter((k) => !rows.some((r) => r.key === k));
      if (missing.length) {
        throw new PlanbotError('not_found', `plan ${slug} has no indicator ${missing.join(', ')}`, {
          zh: `计划“${slug}”中没有指标 ${missing.join('、')}。`,
          en: `The plan "${slug}" has no indicator ${missing.join(', ')}.`,
        });
      }
    }
    // `onlyFrom`: read inside the transaction, so a change another admin just made is not overridden.
    const changing = rows.filter((r) => r.status !== status && (!options.onlyFrom || r.status === options.onlyFrom));
    for (const row of changing) {
      await tx
        .update(planIndicators)
        .set({ status, updatedBy: by, updatedAt: at })
        .where(and(eq(planIndicators.planSlug, slug), eq(planIndicators.key, row.key)));
      await tx.insert(auditLog).values({
        at,
        actor: by,
        action: `plan_indicator.${status}`,
        entity: INDICATOR_ENTITY,
        entityId: `${slug}/${row.key}`,
        before: { status: row.status },
        after: { status },
      });
    }
    return changing.length;
  });
}

/** Replaces a plan's report topics and rules (already checked), audited with what they were. */
export async function setPlanSettings(
  db: Db,
  slug: string,
  settings: PlanSettings,
  by: string,
  at: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ settings: plans.settings }).from(plans).where(eq(plans.slug, slug)).limit(1);
    if (!row) throw new PlanbotError('not_found', `no imported plan "${slug}"; see planbot plan list`);
    await tx.update(plans).set({ settings }).where(eq(plans.slug, slug));
    await tx.insert(auditLog).values({
      at,
      actor: by,
      action: 'plan.settings',
      entity: 'plan',
      entityId: slug,
      before: row.settings ?? null,
      after: settings,
    });
  });
}
