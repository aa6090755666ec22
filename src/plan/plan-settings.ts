import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { oneLine, PlanbotError } from '../errors.js';
import type { ReportTopic } from './catalogue.js';
import { describePath, issueMessage, ReportTopicSchema } from './catalogue-schema.js';
import { defaultRules, findRulesMisquote, type Rules, RulesSchema } from './rules-schema.js';

/**
 * What an imported plan asks beyond its figures, written by an admin as YAML (`planbot plan rules SLUG FILE`): the
 * periodic report's topics and the rules (scoring, the card, aggregation, the plan's words) — the same fields, with
 * the same checks, as the `report_topics:` and `rules:` of a shipped plan's `catalogue.yaml`. Pure: parsing and checking.
 */

export const PlanSettingsSchema = z.strictObject({
  report_topics: z.array(ReportTopicSchema).default([]),
  rules: RulesSchema,
});

export interface PlanSettings {
  report_topics: ReportTopic[];
  rules: Rules;
}

export interface SettingsContext {
  /** The plan's text: every quote must stand in it (whitespace aside). */
  planText: string;
  /** The plan's indicator keys: rules may only speak of those. */
  indicatorKeys: readonly string[];
  /** Names the file in error messages. */
  source: string;
}

/** Reads and checks an admin's settings file; any problem is one line naming the field, and nothing is kept. */
export function parsePlanSettings(yamlText: string, context: SettingsContext): PlanSettings {
  const fail = (detail: string) =>
    new PlanbotError('plan_invalid', oneLine(`${context.source}: ${detail}`), {
      zh: `未保存:${oneLine(detail)}`,
      en: `Nothing saved: ${oneLine(detail)}`,
    });
  let data: unknown;
  try {
    data = parseYaml(yamlText, { logLevel: 'error' }) ?? {};
  } catch (cause) {
    throw fail(`not valid YAML: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`);
  }
  const parsed = PlanSettingsSchema.safeParse(data, { error: issueMessage });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? describePath(data, issue.path) : '';
    throw fail(`${where}${where ? ': ' : ''}${issue?.message ?? 'invalid'}`);
  }
  const settings = parsed.data as PlanSettings;
  const problem = findSettingsProblem(settings, context);
  if (problem) throw fail(`${describePath(data, problem.path)}: ${problem.message}`);
  return settings;
}

function findSettingsProblem(
  settings: PlanSettings,
  context: SettingsContext,
): { path: PropertyKey[]; message: string } | undefined {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const plan = squeeze(context.planText);
  const seen = new Set<string>();
  for (const [i, topic] of settings.report_topics.entries()) {
    if (seen.has(topic.key)) return { path: ['report_topics', i, 'key'], message: `duplicate key "${topic.key}"` };
    seen.add(topic.key);
    if (!plan.includes(squeeze(topic.quote))) {
      return { path: ['report_topics', i, 'quote'], message: `"${topic.quote}" is not in the plan text` };
    }
  }
  for (const key of Object.keys(settings.rules.indicators)) {
    if (!context.indicatorKeys.includes(key)) {
      return { path: ['rules', 'indicators', key], message: `the plan has no indicator "${key}"` };
    }
  }
  return findRulesMisquote(settings.rules, context.planText);
}

/**
 * The settings as stored (checked when saved); the generic defaults when there are none, or when what is stored no
 * longer passes the schema (a newer or older planbot wrote it): `problem` then says where, for the log.
 */
export function storedSettings(value: unknown): { settings: PlanSettings; problem?: string } {
  const defaults = { report_topics: [], rules: defaultRules() };
  if (value == null) return { settings: defaults };
  const parsed = PlanSettingsSchema.safeParse(value);
  if (parsed.success) return { settings: parsed.data as PlanSettings };
  const issue = parsed.error.issues[0];
  return { settings: defaults, problem: `${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}` };
}
