import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { oneLine, PlanbotError } from '../errors.js';
import type { PeriodCalendar, PeriodId, PlanSpan } from '../progress/periods.js';
import {
  type Cadence,
  CatalogueSchema,
  type Comparator,
  comparatorOf,
  describePath,
  findProblem,
  issueMessage,
  type Measure,
  type UnitKind,
} from './catalogue-schema.js';
import { findRulesMisquote, type Rules } from './rules-schema.js';

export {
  type Cadence,
  COMPARATORS,
  type Comparator,
  type Measure,
  normalizeTerm,
  SCOPES,
  type Scope,
  type UnitKind,
} from './catalogue-schema.js';

/**
 * The plan's indicator catalogue (`plans/<slug>/catalogue.yaml`): every quantified target, the reporting periods and
 * the half-year report's topics. Everything specific to a plan lives in that file; this module only checks its shape.
 */

/** A place in the plan text: `section` as in CONTRACT §2 (`一、(三) 代表性指标`), `quote` verbatim (whitespace aside). */
export interface Citation {
  section: string;
  quote: string;
}

/** An earlier checkpoint on the way to an indicator's target, counted the same way (e.g. "2015年…1-2项"). */
export interface Milestone {
  due: PeriodId;
  target: number;
  target_max?: number;
  quote: string;
}

interface IndicatorBase {
  key: string;
  name: string;
  /** The English name; the name itself when the catalogue gives none. */
  name_en: string;
  aliases: string[];
  /** The unit word as written; null for a milestone, which is reported done (1) or not done (0). */
  measure: Measure | null;
  /** The figure to reach; with `target_max` the plan gives a range ("1-2项") and `target` is its low end. */
  target: number | null;
  target_max?: number;
  /** How the target reads: `>=` 以上, `<=` 以内, `=` exactly, `~` 左右; null for a milestone. */
  comparator: Comparator | null;
  /** The period by which the target is due, or `yearly` for a duty that falls due again each year. */
  due: PeriodId | 'yearly';
  /** `sum`: reported values are increments, added up; `latest`: each report states the current level. */
  combine: 'sum' | 'latest';
  /** Where the plan starts from, for display only: `latest` reports are levels that already include it. */
  baseline?: number;
  milestones: Milestone[];
  note?: string;
  note_en?: string;
  section: string;
  quote: string;
  /** Other places the plan restates or details the same target. */
  see_also: Citation[];
}

/** `region`: a total over all units; `unit`: a duty of each unit of the kinds in `applies_to`; `bureau`: an admin figure. */
export type Indicator =
  | (IndicatorBase & { scope: 'unit'; applies_to: UnitKind[] })
  | (IndicatorBase & { scope: 'region' | 'bureau'; applies_to?: undefined });

export interface ReportTopic {
  key: string;
  label: string;
  label_en: string;
  max_length: number;
  /** The unit kinds that write this topic; absent: every unit. */
  applies_to?: UnitKind[];
  section: string;
  quote: string;
}

export type PlanPeriods = PlanSpan & PeriodCalendar & Partial<Citation> & { cadence: Cadence };

export interface Catalogue {
  plan: { slug: string; title: string };
  periods: PlanPeriods;
  indicators: Indicator[];
  report_topics: ReportTopic[];
  /** Scoring, the card, aggregation and the plan's words (`rules-schema.ts`); generic defaults when unstated. */
  rules: Rules;
}

/** True when units of this kind write the report topic: a topic that names no kinds is every unit's. */
export function topicAppliesTo(topic: ReportTopic, kind: UnitKind): boolean {
  return topic.applies_to === undefined || topic.applies_to.includes(kind);
}

/** True when units of this kind report on the indicator: region totals take every unit, bureau figures none. */
export function appliesTo(indicator: Indicator, kind: UnitKind): boolean {
  if (indicator.scope === 'unit') return indicator.applies_to.includes(kind);
  return indicator.scope === 'region';
}

/** The figure an indicator's progress is measured against: a milestone counts 1 when done. */
export function targetOf(indicator: Pick<Indicator, 'target'>): number {
  return indicator.target ?? 1;
}

/** A milestone: a task with a deadline and no figure, reported done or not done. */
export function isMilestone(indicator: Indicator): boolean {
  return indicator.target === null;
}

export function indicatorByKey(catalogue: Catalogue, key: string): Indicator | undefined {
  return catalogue.indicators.find((i) => i.key === key);
}

/** Every term an indicator answers to: key, names and aliases. */
export function indicatorTerms(indicator: Indicator): string[] {
  return [indicator.key, indicator.name, indicator.name_en, ...indicator.aliases];
}

export interface ParseOptions {
  /** The plan text; when given, every quote must stand in it verbatim (whitespace aside). */
  planText?: string;
  /** Names the file in error messages. */
  source?: string;
}

/** Reads `<dir>/catalogue.yaml`, checking quotes against `<dir>/plan.txt` when that file is there. */
export function loadCatalogue(dir: string): Catalogue {
  const file = join(dir, 'catalogue.yaml');
  let yamlText: string;
  try {
    yamlText = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new PlanbotError('plan_invalid', `cannot read ${file}`, undefined, { cause });
  }
  const planFile = join(dir, 'plan.txt');
  const planText = existsSync(planFile) ? readFileSync(planFile, 'utf8') : undefined;
  return parseCatalogue(yamlText, { planText });
}

export function parseCatalogue(yamlText: string, options: ParseOptions = {}): Catalogue {
  const source = options.source ?? 'catalogue.yaml';
  let data: unknown;
  try {
    data = parseYaml(yamlText, { logLevel: 'error' });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new PlanbotError('plan_invalid', `${source}: not valid YAML: ${reason}`, undefined, { cause });
  }
  const parsed = CatalogueSchema.safeParse(data, { error: issueMessage });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? describePath(data, issue.path) : '';
    throw new PlanbotError(
      'plan_invalid',
      oneLine(`${source}: ${where}${where ? ': ' : ''}${issue?.message ?? 'invalid'}`),
    );
  }
  const problem = findProblem(parsed.data, options.planText) ?? findRulesMisquote(parsed.data.rules, options.planText);
  if (problem)
    throw new PlanbotError(
      'plan_invalid',
      oneLine(`${source}: ${describePath(data, problem.path)}: ${problem.message}`),
    );
  return {
    ...parsed.data,
    indicators: parsed.data.indicators.map(({ comparison: _c, ...ind }) => ({
      ...ind,
      name_en: ind.name_en ?? ind.name,
      comparator: comparatorOf(ind),
    })),
  } as Catalogue;
}
