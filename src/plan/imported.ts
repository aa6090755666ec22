import { type Cadence, comparePeriods, currentPeriod, type PeriodId, periodOfMonth } from '../progress/periods.js';
import type { Catalogue, Comparator, Indicator } from './catalogue.js';
import type { DraftIndicator } from './draft/index.js';
import type { PlanSettings } from './plan-settings.js';
import type { DocumentFormat } from './read/index.js';

/**
 * An imported plan as stored (db tables `plans`, `plan_indicators`) and the catalogue it gives. Pure: the registry
 * and the CLI read and write the rows; this module only converts.
 */

export type IndicatorStatus = 'draft' | 'approved' | 'rejected';

export interface StoredPlan {
  slug: string;
  title: string;
  text: string;
  format: DocumentFormat;
  sections: number;
  cadence: Cadence;
  spanFrom: PeriodId;
  spanTo: PeriodId;
  /** Report topics and rules an admin gave (`planbot plan rules`); the generic defaults until then. */
  settings: PlanSettings;
  /** Set when the stored settings no longer pass the schema, so the defaults stand in: where and why. */
  settingsProblem?: string;
  createdAt: Date;
}

/** A drafted indicator as stored: its place in the plan and its review status beside the draft's fields. */
export interface StoredIndicator extends DraftIndicator {
  position: number;
  status: IndicatorStatus;
}

/** How a plan's indicators are shown by `planbot plan show --json` (CONTRACT §8). */
export interface IndicatorView {
  key: string;
  name: string;
  /** For a range (60%—70%), its low end. */
  target: number | null;
  /** A range's high end, only for a range: shown in Slack and the text listing; `--json` keeps CONTRACT §8's fields. */
  targetMax?: number;
  comparator: Comparator | null;
  measure: string | null;
  deadline: string | null;
  lead: string | null;
  section: string;
  quote: string;
  status: IndicatorStatus;
}

/**
 * An indicator's target as a reviewer reads it, `>=10家`, or `60–70%` for a range (both ends, whatever its
 * comparator: `=60%` would misstate it), with `gap` between its parts (` ` in Slack); null for a milestone.
 */
export function targetText(i: IndicatorView, gap = ''): string | null {
  if (i.target === null) return null;
  const measure = i.measure ? `${gap}${i.measure}` : '';
  if (i.targetMax !== undefined) return `${i.target}–${i.targetMax}${measure}`;
  return `${i.comparator ?? ''}${gap}${i.target}${measure}`.trim();
}

export function indicatorView(i: StoredIndicator): IndicatorView {
  const { key, name, target, targetMax, comparator, measure, deadline, lead, section, quote, status } = i;
  return {
    key,
    name,
    target,
    ...(targetMax !== null ? { targetMax } : {}),
    comparator,
    measure,
    deadline,
    lead,
    section,
    quote,
    status,
  };
}

/** The shipped catalogue's indicators as `plan show` lists them: all approved, deadlines as their period. */
export function catalogueView(catalogue: Catalogue): IndicatorView[] {
  return catalogue.indicators.map((i) => ({
    key: i.key,
    name: i.name,
    target: i.target,
    ...(i.target_max !== undefined ? { targetMax: i.target_max } : {}),
    comparator: i.comparator,
    measure: i.measure,
    deadline: null,
    lead: null,
    section: i.section,
    quote: i.quote,
    status: 'approved',
  }));
}

/** The period of `cadence` an ISO date falls in (`2025-06-30` → `2025Q2`). */
function periodOfDate(cadence: Cadence, iso: string): PeriodId | null {
  const match = /^(\d{4})-(\d{2})/.exec(iso);
  return match ? periodOfMonth(cadence, Number(match[1]), Number(match[2])) : null;
}

/**
 * The periods an imported plan runs over: from the start of the earliest year it sets a deadline in (or of the
 * import) to the period of its last deadline; a plan with no dated target runs three years from the import.
 */
export function spanOf(
  drafts: readonly Pick<DraftIndicator, 'deadline'>[],
  cadence: Cadence,
  now: Date,
  tz: string,
): { from: PeriodId; to: PeriodId } {
  const dates = drafts.map((d) => d.deadline).filter((d): d is string => d !== null && /^\d{4}-\d{2}/.test(d));
  const nowYear = Number(currentPeriod(now, tz, 'yearly'));
  if (!dates.length) {
    return { from: periodOfMonth(cadence, nowYear, 1), to: periodOfMonth(cadence, nowYear + 2, 12) };
  }
  const sorted = [...dates].sort();
  const firstYear = Math.min(Number(sorted[0]?.slice(0, 4)), nowYear);
  return {
    from: periodOfMonth(cadence, firstYear, 1),
    to: periodOfDate(cadence, sorted[sorted.length - 1] as string) as PeriodId,
  };
}

/**
 * The catalogue of an imported plan: its approved indicators. Each is a regional figure that every unit running the
 * plan reports as its current level (`latest`), summed over units; a milestone is reported done (1) or not (0).
 */
export function catalogueOf(plan: StoredPlan, indicators: readonly StoredIndicator[], timezone: string): Catalogue {
  const approved = indicators.filter((i) => i.status === 'approved').sort((a, b) => a.position - b.position);
  return {
    plan: { slug: plan.slug, title: plan.title },
    periods: {
      cadence: plan.cadence,
      first: plan.spanFrom,
      last: plan.spanTo,
      timezone,
      due: { H1: '06-30', H2: '12-31' },
    },
    indicators: approved.map((i): Indicator => {
      const due = i.deadline ? periodOfDate(plan.cadence, i.deadline) : null;
      const inSpan = due !== null && comparePeriods(due, plan.spanFrom) >= 0 && comparePeriods(due, plan.spanTo) <= 0;
      return {
        key: i.key,
        name: i.name,
        name_en: i.name,
        aliases: [],
        measure: i.measure,
        target: i.target,
        ...(i.targetMax !== null ? { target_max: i.targetMax } : {}),
        comparator: i.comparator,
        due: inSpan ? due : plan.spanTo,
        scope: 'region',
        combine: 'latest',
        milestones: [],
        section: i.section,
        quote: i.quote,
        see_also: [],
      };
    }),
    report_topics: plan.settings.report_topics,
    rules: plan.settings.rules,
  };
}
