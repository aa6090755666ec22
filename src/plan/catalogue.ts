import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PlanbotError } from '../errors.js';
import {
  comparePeriods,
  isWithinPlan,
  type PeriodCalendar,
  type PeriodId,
  type PlanSpan,
  parseMonthDay,
} from '../progress/periods.js';

/**
 * The plan's indicator catalogue (`plans/<slug>/catalogue.yaml`): every quantified target, the reporting periods and
 * the half-year report's topics. Everything specific to a plan lives in that file; this module only checks its shape.
 */

export const UNIT_KINDS = ['institution', 'national_center', 'regional_center', 'league_bureau'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const MEASURES = ['家', '人', '项', '万元', '%', '月'] as const;
export type Measure = (typeof MEASURES)[number];
export const SCOPES = ['region', 'unit', 'bureau'] as const;
export type Scope = (typeof SCOPES)[number];

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
  name_en: string;
  aliases: string[];
  measure: Measure;
  /** The figure to reach; with `target_max` the plan gives a range ("1-2项") and `target` is its low end. */
  target: number;
  target_max?: number;
  comparison: 'at_least' | 'exactly';
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
  applies_to: UnitKind[];
  section: string;
  quote: string;
}

export type PlanPeriods = PlanSpan & PeriodCalendar & Partial<Citation>;

export interface Catalogue {
  plan: { slug: string; title: string };
  periods: PlanPeriods;
  indicators: Indicator[];
  report_topics: ReportTopic[];
}

/** True when units of this kind report on the indicator: region totals take every unit, bureau figures none. */
export function appliesTo(indicator: Indicator, kind: UnitKind): boolean {
  if (indicator.scope === 'unit') return indicator.applies_to.includes(kind);
  return indicator.scope === 'region';
}

export function indicatorByKey(catalogue: Catalogue, key: string): Indicator | undefined {
  return catalogue.indicators.find((i) => i.key === key);
}

/** The form names and aliases are compared in: full-width folded, case-folded, spaces and separators dropped. */
export function normalizeTerm(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-·・.,、'"“”‘’()[\]]/g, '');
}

/** Every term an indicator answers to: key, names and aliases. */
export function indicatorTerms(indicator: Indicator): string[] {
  return [indicator.key, indicator.name, indicator.name_en, ...indicator.aliases];
}

const text = z.string().trim().min(1, 'must not be empty');
const periodText = z.string().refine((s) => /^\d{4}H[12]$/.test(s), 'must be a period such as 2017H2');
const unitKinds = z.array(z.enum(UNIT_KINDS)).min(1, 'must name at least one unit kind');
const figure = z.number().nonnegative('must not be negative');

const CitationSchema = z.strictObject({ section: text, quote: text });

const MilestoneSchema = z.strictObject({
  due: periodText,
  target: figure,
  target_max: figure.optional(),
  quote: text,
});

const IndicatorSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case ascii'),
  name: text,
  name_en: text,
  aliases: z.array(text).default([]),
  measure: z.enum(MEASURES),
  target: figure,
  target_max: figure.optional(),
  comparison: z.enum(['at_least', 'exactly']),
  due: z.string().refine((s) => s === 'yearly' || /^\d{4}H[12]$/.test(s), 'must be a period such as 2017H2, or yearly'),
  scope: z.enum(SCOPES),
  applies_to: unitKinds.optional(),
  combine: z.enum(['sum', 'latest']),
  baseline: figure.optional(),
  milestones: z.array(MilestoneSchema).default([]),
  note: text.optional(),
  note_en: text.optional(),
  section: text,
  quote: text,
  see_also: z.array(CitationSchema).default([]),
});

const ReportTopicSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case ascii'),
  label: text,
  label_en: text,
  max_length: z.number().int().positive(),
  applies_to: unitKinds.default([...UNIT_KINDS]),
  section: text,
  quote: text,
});

const CatalogueSchema = z.strictObject({
  plan: z.strictObject({ slug: text, title: text }),
  periods: z.strictObject({
    first: periodText,
    last: periodText,
    timezone: text.refine(isTimeZone, 'is not a known IANA time zone'),
    due: z
      .strictObject({ H1: z.string(), H2: z.string() })
      .default({ H1: '06-30', H2: '12-31' })
      .superRefine((due, ctx) => {
        for (const half of ['H1', 'H2'] as const) {
          if (!isMonthDay(due[half])) ctx.addIssue({ code: 'custom', path: [half], message: 'must be MM-DD' });
        }
      }),
    section: text.optional(),
    quote: text.optional(),
  }),
  indicators: z.array(IndicatorSchema).min(1, 'must list at least one indicator'),
  report_topics: z.array(ReportTopicSchema).default([]),
});

type RawCatalogue = z.infer<typeof CatalogueSchema>;

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
    data = parseYaml(yamlText);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new PlanbotError('plan_invalid', `${source}: not valid YAML: ${reason}`, undefined, { cause });
  }
  const parsed = CatalogueSchema.safeParse(data, { error: issueMessage });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? describePath(data, issue.path) : '';
    throw new PlanbotError('plan_invalid', `${source}: ${where}${where ? ': ' : ''}${issue?.message ?? 'invalid'}`);
  }
  const problem = findProblem(parsed.data, options.planText);
  if (problem)
    throw new PlanbotError('plan_invalid', `${source}: ${describePath(data, problem.path)}: ${problem.message}`);
  return parsed.data as Catalogue;
}

type PathKey = PropertyKey;

function issueMessage(issue: {
  code?: string;
  input?: unknown;
  expected?: string;
  values?: unknown[];
  keys?: string[];
}) {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `expected ${issue.expected}, got ${JSON.stringify(issue.input)}`;
  }
  if (issue.code === 'invalid_value' && issue.values) return `expected one of ${issue.values.join(', ')}`;
  if (issue.code === 'unrecognized_keys' && issue.keys) return `unknown field ${issue.keys.join(', ')}`;
  return undefined;
}

/** `indicators[3] (doctorate_hires).measure`: array items that carry a key are named by it. */
function describePath(data: unknown, path: readonly PathKey[]): string {
  let out = '';
  let node: unknown = data;
  for (const step of path) {
    if (typeof step === 'number') {
      out += `[${step}]`;
      node = Array.isArray(node) ? node[step] : undefined;
      const key = node && typeof node === 'object' ? (node as { key?: unknown }).key : undefined;
      if (typeof key === 'string') out += ` (${key})`;
    } else {
      out += `${out ? '.' : ''}${String(step)}`;
      node = node && typeof node === 'object' ? (node as Record<PathKey, unknown>)[step] : undefined;
    }
  }
  return out;
}

interface Problem {
  path: PathKey[];
  message: string;
}

/** Checks across fields and items that the schema cannot express; the first problem found, or undefined. */
function findProblem(cat: RawCatalogue, planText: string | undefined): Problem | undefined {
  const { periods } = cat;
  if (comparePeriods(periods.first as PeriodId, periods.last as PeriodId) > 0) {
    return { path: ['periods', 'last'], message: `${periods.last} comes before first period ${periods.first}` };
  }
  const span = periods as PlanSpan;
  const owners = new Map<string, string>();
  const keys = new Set<string>();
  for (const [i, ind] of cat.indicators.entries()) {
    const at = (...rest: PathKey[]): PathKey[] => ['indicators', i, ...rest];
    if (keys.has(ind.key)) return { path: at('key'), message: `duplicate key "${ind.key}"` };
    keys.add(ind.key);
    if (ind.scope === 'unit' && !ind.applies_to)
      return { path: at('applies_to'), message: 'is required when scope is unit' };
    if (ind.scope !== 'unit' && ind.applies_to) {
      return { path: at('applies_to'), message: `is only for scope unit, not ${ind.scope}` };
    }
    if (ind.target_max !== undefined && ind.target_max < ind.target) {
      return { path: at('target_max'), message: `${ind.target_max} is below target ${ind.target}` };
    }
    if (ind.due !== 'yearly' && !isWithinPlan(ind.due as PeriodId, span)) {
      return { path: at('due'), message: `${ind.due} is outside the plan's periods ${span.first}–${span.last}` };
    }
    for (const [m, milestone] of ind.milestones.entries()) {
      const late = ind.due !== 'yearly' && comparePeriods(milestone.due as PeriodId, ind.due as PeriodId) >= 0;
      if (!isWithinPlan(milestone.due as PeriodId, span) || late) {
        return {
          path: at('milestones', m, 'due'),
          message: `${milestone.due} must fall within the plan before ${ind.due}`,
        };
      }
    }
    const terms: [PathKey[], string][] = [
      [at('key'), ind.key],
      [at('name'), ind.name],
      [at('name_en'), ind.name_en],
      ...ind.aliases.map((a, j): [PathKey[], string] => [at('aliases', j), a]),
    ];
    for (const [path, term] of terms) {
      const norm = normalizeTerm(term);
      if (!norm) return { path, message: `"${term}" has no letters to match on` };
      const owner = owners.get(norm);
      if (owner && owner !== ind.key) return { path, message: `"${term}" is already a name or alias of ${owner}` };
      owners.set(norm, ind.key);
    }
  }
  const topicKeys = new Set<string>();
  for (const [i, topic] of cat.report_topics.entries()) {
    if (topicKeys.has(topic.key)) return { path: ['report_topics', i, 'key'], message: `duplicate key "${topic.key}"` };
    topicKeys.add(topic.key);
  }
  if (planText !== undefined) return findMisquote(cat, planText);
  return undefined;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

function findMisquote(cat: RawCatalogue, planText: string): Problem | undefined {
  const plan = squeeze(planText);
  const quotes: [PathKey[], string | undefined][] = [[['periods', 'quote'], cat.periods.quote]];
  for (const [i, ind] of cat.indicators.entries()) {
    quotes.push([['indicators', i, 'quote'], ind.quote]);
    for (const [j, m] of ind.milestones.entries()) quotes.push([['indicators', i, 'milestones', j, 'quote'], m.quote]);
    for (const [j, c] of ind.see_also.entries()) quotes.push([['indicators', i, 'see_also', j, 'quote'], c.quote]);
  }
  for (const [i, t] of cat.report_topics.entries()) quotes.push([['report_topics', i, 'quote'], t.quote]);
  for (const [path, quote] of quotes) {
    if (quote !== undefined && !plan.includes(squeeze(quote))) {
      return { path, message: `"${quote}" is not in the plan text` };
    }
  }
  return undefined;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isMonthDay(text: string): boolean {
  try {
    parseMonthDay(text);
    return true;
  } catch {
    return false;
  }
}
