import type { Db } from '../../db/client.js';
import type { Answerer } from '../answer/types.js';
import type { Logger } from '../logger.js';
import type { Catalogue } from './catalogue.js';
import {
  catalogueOf,
  catalogueView,
  type IndicatorView,
  indicatorView,
  type StoredIndicator,
  type StoredPlan,
} from './imported.js';
import { type Plan, parsePlan } from './parse.js';
import { listStoredPlans, plansStamp, storedIndicators } from './store.js';

/**
 * The deployment's plans, for every process: the shipped plan (built in) and the plans imported into the database.
 * Each entry has the parsed plan, its catalogue (approved indicators only) and an answerer over its text. An import
 * or an approval in any process is seen here within `ttlMs`: `refresh` compares a stamp of the plan tables.
 */

export interface PlanEntry {
  slug: string;
  title: string;
  builtIn: boolean;
  plan: Plan;
  catalogue: Catalogue;
  answerer: Answerer;
  /** Every indicator with its review status (the shipped plan's are all approved). */
  indicators: IndicatorView[];
  cadence: Catalogue['periods']['cadence'];
  /** The document's format and section count; for the shipped plan, its text file. */
  format: string;
  sections: number;
}

export interface RegistryOptions {
  db: Db;
  builtIn: { plan: Plan; catalogue: Catalogue; answerer: Answerer };
  makeAnswerer: (plan: Plan) => Answerer;
  /** The deployment's time zone: an imported plan's periods are counted in it. */
  timezone: string;
  /** How long a read stays fresh before the next `refresh` asks the database again. */
  ttlMs?: number;
  now?: () => number;
  /** Told once per plan when its stored rules no longer pass the schema and the defaults run instead. */
  logger?: Pick<Logger, 'warn'>;
}

/** Depth-1+ sections, as `plan list` counts them. */
export function sectionCount(plan: Plan): number {
  return plan.sections.filter((s) => s.depth > 0).length;
}

export class PlanRegistry {
  private readonly builtIn: PlanEntry;
  private imported: PlanEntry[] = [];
  private readonly answerers = new Map<string, { plan: Plan; answerer: Answerer }>();
  private stamp: string | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: RegistryOptions) {
    const { plan, catalogue, answerer } = options.builtIn;
    this.builtIn = {
      slug: catalogue.plan.slug,
      title: catalogue.plan.title,
      builtIn: true,
      plan,
      catalogue,
      answerer,
      indicators: catalogueView(catalogue),
      cadence: catalogue.periods.cadence,
      format: 'txt',
      sections: sectionCount(plan),
    };
  }

  /** The shipped plan: the default when the workspace names none. */
  get shipped(): PlanEntry {
    return this.builtIn;
  }

  /** Every plan known now, the shipped one first (as of the last refresh). */
  all(): PlanEntry[] {
    return [this.builtIn, ...this.imported];
  }

  get(slug: string): PlanEntry | undefined {
    return this.all().find((e) => e.slug === slug);
  }

  /** True once `ttlMs` has passed since the database was last asked: the next `refresh` will ask it. */
  get stale(): boolean {
    return (this.options.now?.() ?? Date.now()) - this.checkedAt >= (this.options.ttlMs ?? 2000);
  }

  /** Re-reads the imported plans when the tables changed; asks the database at most once per `ttlMs` unless forced. */
  async refresh(force = false): Promise<void> {
    const now = this.options.now?.() ?? Date.now();
    if (!force && now - this.checkedAt < (this.options.ttlMs ?? 2000)) return;
    this.checkedAt = now;
    const stamp = await plansStamp(this.options.db);
    if (!force && stamp === this.stamp) return;
    const [stored, indicators] = await Promise.all([
      listStoredPlans(this.options.db),
      storedIndicators(this.options.db),
    ]);
    this.imported = stored
      .filter((p) => p.slug !== this.builtIn.slug)
      .map((p) => this.entryOf(p, indicators.get(p.slug) ?? []));
    this.stamp = stamp;
  }

  private readonly warnedSettings = new Set<string>();

  private entryOf(stored: StoredPlan, indicators: StoredIndicator[]): PlanEntry {
    if (stored.settingsProblem && !this.warnedSettings.has(stored.slug)) {
      this.warnedSettings.add(stored.slug);
      this.options.logger?.warn(
        "a plan's stored rules no longer pass the schema: it runs with the default rules until `planbot plan rules` sets them again",
        { slug: stored.slug, problem: stored.settingsProblem },
      );
    }
    let cached = this.answerers.get(stored.slug);
    if (!cached) {
      const plan = { ...parsePlan(stored.text, stored.slug), title: stored.title };
      cached = { plan, answerer: lazyAnswerer(() => this.options.makeAnswerer(plan)) };
      this.answerers.set(stored.slug, cached);
    }
    return {
      slug: stored.slug,
      title: stored.title,
      builtIn: false,
      plan: cached.plan,
      catalogue: catalogueOf(stored, indicators, this.options.timezone),
      answerer: cached.answerer,
      indicators: indicators.map(indicatorView),
      cadence: stored.cadence,
      format: stored.format,
      sections: stored.sections,
    };
  }
}

/** An answerer built on its first question: listing plans does not index every plan's text. */
export function lazyAnswerer(make: () => Answerer): Answerer {
  let inner: Answerer | undefined;
  return {
    ask(question, options) {
      inner ??= make();
      return inner.ask(question, options);
    },
  };
}

/** A plan's review state for `plan list`: `draft` while any indicator awaits review, else `approved`. */
export function planStatus(entry: PlanEntry): 'draft' | 'approved' {
  return entry.indicators.some((i) => i.status === 'draft') ? 'draft' : 'approved';
}
