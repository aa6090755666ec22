import { z } from 'zod';
import {
  CADENCES,
  type Cadence,
  cadenceOf,
  comparePeriods,
  isPeriodId,
  isTimeZone,
  isWithinPlan,
  type PeriodId,
  type PlanSpan,
  parseMonthDay,
} from '../progress/periods.js';
import { RulesSchema } from './rules-schema.js';

/** The shape of `catalogue.yaml` and the checks across its items; `catalogue.ts` turns a failure into one line. */

/** A kind of unit, as the workspace file declares it (`kinds:`); the catalogue only names them. */
export type UnitKind = string;
/** The unit word as the plan writes it (`个`, `亿元`, `%`, `万人次`); null for a milestone (done or not done). */
export type Measure = string;
export const SCOPES = ['region', 'unit', 'bureau'] as const;
export type Scope = (typeof SCOPES)[number];
/** How the plan states its target: `>=` 以上/不低于, `<=` 以内/不超过, `=` exactly, `~` 左右/约. */
export const COMPARATORS = ['>=', '<=', '=', '~'] as const;
export type Comparator = (typeof COMPARATORS)[number];
/** The catalogue's first form said `comparison`; it is still read. */
const LEGACY_COMPARISON: Record<string, Comparator> = { at_least: '>=', exactly: '=' };

export const KIND_ID = /^[a-z][a-z0-9_]*$/;

/** The form names and aliases are compared in: full-width folded, case-folded, spaces and separators dropped. */
export function normalizeTerm(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-·・.,、'"“”‘’()[\]]/g, '');
}

const text = z.string().trim().min(1, 'must not be empty');
const periodText = z.string().refine((s) => isPeriodId(s), 'must be a period such as 2017H2, 2020Q1, 2020-03 or 2020');
const unitKinds = z
  .array(z.string().regex(KIND_ID, 'must be a unit kind id (snake_case ascii)'))
  .min(1, 'must name at least one unit kind');
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
  name_en: text.optional(),
  aliases: z.array(text).default([]),
  measure: text.max(20, 'must be a unit word such as 个 or 亿元').nullable(),
  target: figure.nullable(),
  target_max: figure.optional(),
  comparator: z.enum(COMPARATORS).optional(),
  comparison: z.enum(['at_least', 'exactly']).optional(),
  due: z.string().refine((s) => s === 'yearly' || isPeriodId(s), 'must be a period such as 2017H2, or yearly'),
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

export const ReportTopicSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case ascii'),
  label: text,
  label_en: text,
  max_length: z.number().int().positive(),
  /** Unit kinds that write this topic; absent: every unit. */
  applies_to: unitKinds.optional(),
  section: text,
  quote: text,
});

export const CatalogueSchema = z.strictObject({
  plan: z.strictObject({ slug: text, title: text }),
  periods: z.strictObject({
    cadence: z.enum(CADENCES).default('half-yearly'),
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
  rules: RulesSchema,
});

export type RawCatalogue = z.infer<typeof CatalogueSchema>;

export type PathKey = PropertyKey;

export function issueMessage(issue: {
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
export function describePath(data: unknown, path: readonly PathKey[]): string {
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

export interface Problem {
  path: PathKey[];
  message: string;
}

/** Checks across fields and items that the schema cannot express; the first problem found, or undefined. */
export function findProblem(cat: RawCatalogue, planText: string | undefined): Problem | undefined {
  const { periods } = cat;
  if (comparePeriods(periods.first as PeriodId, periods.last as PeriodId) > 0) {
    return { path: ['periods', 'last'], message: `${periods.last} comes before first period ${periods.first}` };
  }
  for (const end of ['first', 'last'] as const) {
    if (cadenceOf(periods[end] as PeriodId) !== periods.cadence) {
      return { path: ['periods', end], message: `${periods[end]} is not a ${periods.cadence} period` };
    }
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
    const problem = measureProblem(ind);
    if (problem) return { path: at(problem.field), message: problem.message };
    if (ind.target_max !== undefined && ind.target !== null && ind.target_max < ind.target) {
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
      ...(ind.name_en ? [[at('name_en'), ind.name_en] as [PathKey[], string]] : []),
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

type RawIndicator = RawCatalogue['indicators'][number];

/** A figure has a measure and a comparator; a milestone (done or not done) has neither figure nor measure. */
function measureProblem(ind: RawIndicator): { field: string; message: string } | undefined {
  if (ind.comparator && ind.comparison)
    return { field: 'comparison', message: 'give comparator or comparison, not both' };
  if ((ind.target === null) !== (ind.measure === null)) {
    return {
      field: ind.target === null ? 'target' : 'measure',
      message: 'a milestone has both target and measure null',
    };
  }
  if (ind.target === null && (ind.target_max !== undefined || ind.milestones.length > 0)) {
    return { field: 'target_max', message: 'a milestone (target null) has no range or milestones' };
  }
  return undefined;
}

/** The comparator an indicator states, reading the first form's `comparison`; a milestone has none. */
export function comparatorOf(ind: RawIndicator): Comparator | null {
  if (ind.target === null) return null;
  return ind.comparator ?? (ind.comparison ? LEGACY_COMPARISON[ind.comparison] : undefined) ?? '>=';
}

export type { Cadence };

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

function isMonthDay(text: string): boolean {
  try {
    parseMonthDay(text);
    return true;
  } catch {
    return false;
  }
}
