import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, planIndicators } from '../../db/schema.js';
import { PlanbotError } from '../errors.js';
import type { DraftIndicator } from './draft/index.js';
import type { IndicatorStatus } from './imported.js';
import { INDICATOR_ENTITY, indicatorFieldsOf } from './store.js';

/** Editing and adding an imported plan's indicators in review, each change audited with what it was before. */

export type IndicatorFields = Omit<DraftIndicator, 'key'>;

function gone(slug: string, key: string): PlanbotError {
  return new PlanbotError('not_found', `plan ${slug} has no indicator ${key}`, {
    zh: `计划“${slug}”中没有指标 ${key}。`,
    en: `The plan "${slug}" has no indicator ${key}.`,
  });
}

/** Replaces an indicator's fields; its key, place and review status stay. */
export async function updateIndicator(
  db: Db,
  slug: string,
  key: string,
  fields: IndicatorFields,
  by: string,
  at: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const where = and(eq(planIndicators.planSlug, slug), eq(planIndicators.key, key));
    const [row] = await tx.select().from(planIndicators).where(where).limit(1);
    if (!row) throw gone(slug, key);
    await tx
      .update(planIndicators)
      .set({ ...fields, updatedBy: by, updatedAt: at })
      .where(where);
    await tx.insert(auditLog).values({
      at,
      actor: by,
      action: 'plan_indicator.edited',
      entity: INDICATOR_ENTITY,
      entityId: `${slug}/${key}`,
      before: indicatorFieldsOf(row),
      after: fields,
    });
  });
}

/** Adds an indicator after the plan's others, under the next free `tNN` key; returns the key. */
export async function appendIndicator(
  db: Db,
  slug: string,
  fields: IndicatorFields,
  status: IndicatorStatus,
  by: string,
  at: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ key: planIndicators.key, position: planIndicators.position })
      .from(planIndicators)
      .where(eq(planIndicators.planSlug, slug));
    const numbers = rows
      .map((r) => /^t(\d+)$/.exec(r.key)?.[1])
      .map(Number)
      .filter(Number.isFinite);
    const key = `t${String(Math.max(0, ...numbers) + 1).padStart(2, '0')}`;
    const position = Math.max(-1, ...rows.map((r) => r.position)) + 1;
    await tx
      .insert(planIndicators)
      .values({ planSlug: slug, key, position, ...fields, status, updatedBy: by, updatedAt: at });
    await tx.insert(auditLog).values({
      at,
      actor: by,
      action: 'plan_indicator.added',
      entity: INDICATOR_ENTITY,
      entityId: `${slug}/${key}`,
      before: null,
      after: { ...fields, status },
    });
    return key;
  });
}
