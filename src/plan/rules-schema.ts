import { z } from 'zod';

/**
 * A plan's rules beyond its indicators (the `rules:` field of `catalogue.yaml`): how units are scored and carded,
 * how each indicator adds up across units and who reports it, and the words status, reminders and the circular use.
 * Each rule may cite the plan (section and verbatim quote). A plan without rules gets the generic defaults here:
 * no scoring, no card, and words such as 各单位 and 本计划, so nothing in `src/` spells one plan's words.
 */

const text = z.string().trim().min(1, 'must not be empty');
const key = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case ascii');
const cited = { section: text.optional(), quote: text.optional() };

const ScoringSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** Points for the unit's duties and for reporting on time; out of their sum. */
  duties: z.number().min(0).max(100).default(80),
  timeliness: z.number().min(0).max(100).default(20),
  /** Share of the timeliness points a late report still earns. */
  late_credit: z.number().min(0).max(1).default(0.5),
  /** Unit kinds ranked; empty: the kinds that owe the periodic report. */
  rank_kinds: z.array(text).default([]),
  /** The word a score is counted in (分). */
  points: text.default('分'),
  ...cited,
});

const CardSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** How many of the lowest-ranked get the card at year-end. */
  lowest: z.number().int().min(0).max(20).default(3),
  /** Whether the mid-year circular names those at risk. */
  warn_mid_period: z.boolean().default(true),
  card: text.default('警示'),
  warning: text.default('预警'),
  /** What follows the card, in the plan's words (a talk with the unit's head, say). */
  consequence: text.optional(),
  ...cited,
});

const WordsSchema = z.strictObject({
  /** The whole the plan's region-wide targets speak of (a region, a system); heads `/plan status`. */
  region: text.default('总体'),
  /** The body that issued the plan and receives the reports. */
  issuer: text.default('主管部门'),
  /** The plan's short name, cited in 《》; default: its title. */
  plan_short: text.optional(),
  /** Who owes the periodic report, as the plan names them. */
  reporters: text.default('各单位'),
  /** Who administers the bot's data for the issuer. */
  admins: text.default('管理员'),
  /** What the periodic report and the circular are about: `<period><subject>报告`, `<period><subject>情况通报`. */
  subject: text.default('工作'),
  citations: z.record(z.string(), z.strictObject({ section: text, quote: text })).default({}),
});

const CircularSchema = z.strictObject({
  /** Who signs the circular (落款); default: the issuer. */
  issuer: text.optional(),
  ...cited,
});

export const AGGREGATES = ['sum', 'latest', 'one'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

/** `admins`; `any_unit` (and admins); one named unit `{ unit: id }`; units of some kinds `{ kinds: [...] }`. */
const ReportedBySchema = z.union([
  z.literal('admins'),
  z.literal('any_unit').transform(() => ({ kinds: [] as string[], admins: true })),
  z.strictObject({ unit: text }),
  z.strictObject({ kinds: z.array(text).min(1), admins: z.boolean().default(true) }),
]);
export type ReportedBy = z.infer<typeof ReportedBySchema>;

const AggregationSchema = z.strictObject({
  /** sum: units' increments added up; latest: each unit's latest level, added up; one: one figure, latest stands. */
  aggregate: z.enum(AGGREGATES).optional(),
  reported_by: ReportedBySchema.optional(),
  /** A duty only for units it concerns (对引进的博士…): not scored against a unit that reports nothing on it. */
  only_if_reported: z.boolean().default(false),
  ...cited,
});

export const RulesSchema = z
  .strictObject({
    scoring: ScoringSchema.prefault({}),
    yellow_card: CardSchema.prefault({}),
    words: WordsSchema.prefault({}),
    circular: CircularSchema.prefault({}),
    /** Per indicator key: how its figures add up across units and who reports it. */
    indicators: z.record(key, AggregationSchema).default({}),
    /** Where the local workspace's clock starts when today lies outside the plan (ISO instant). */
    demo_clock: z.iso.datetime({ offset: true }).optional(),
  })
  .prefault({});

export type Rules = z.infer<typeof RulesSchema>;
export type Words = Rules['words'];

/** The generic rules of a plan that states none. */
export function defaultRules(): Rules {
  return RulesSchema.parse(undefined);
}

/** Every quote the rules hold, with where it stands, for checking against the plan text. */
export function rulesQuotes(rules: Rules): Array<[PropertyKey[], string]> {
  const out: Array<[PropertyKey[], string]> = [];
  const add = (path: PropertyKey[], quote: string | undefined) => {
    if (quote !== undefined) out.push([['rules', ...path], quote]);
  };
  add(['scoring', 'quote'], rules.scoring.quote);
  add(['yellow_card', 'quote'], rules.yellow_card.quote);
  add(['circular', 'quote'], rules.circular.quote);
  for (const [k, c] of Object.entries(rules.words.citations)) add(['words', 'citations', k, 'quote'], c.quote);
  for (const [k, a] of Object.entries(rules.indicators)) add(['indicators', k, 'quote'], a.quote);
  return out;
}

/** The first quote of the rules not in the plan text (whitespace aside), or undefined. */
export function findRulesMisquote(
  rules: Rules | undefined,
  planText: string | undefined,
): { path: PropertyKey[]; message: string } | undefined {
  if (!rules || planText === undefined) return undefined;
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const plan = squeeze(planText);
  for (const [path, quote] of rulesQuotes(rules)) {
    if (!plan.includes(squeeze(quote))) return { path, message: `"${quote}" is not in the plan text` };
  }
  return undefined;
}
