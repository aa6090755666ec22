import { PlanbotError } from '../errors.js';
import { type Citation, type Indicator, indicatorByKey } from '../plan/catalogue.js';
import { aggregationOf } from '../plan/rules.js';
import { type ProgressDeps, periodNow } from './deps.js';
import { matchIndicator } from './match-indicator.js';
import type { PeriodId } from './periods.js';
import { standingTallies } from './repository.js';
import {
  indicatorStandings,
  regionStandings,
  standingFromTallies,
  type UnitStanding,
  unitStandings,
} from './standing.js';
import type { Standing } from './types.js';
import { getUnit, listUnits, personNames, unitNames } from './units.js';

/** Targets against what units reported: the use-case side of `/plan status`, the App Home and standing questions. */

export async function regionStanding(deps: ProgressDeps, asOf?: PeriodId): Promise<Standing[]> {
  const when = asOf ?? periodNow(deps);
  const indicators = deps.catalogue.indicators.filter((i) => i.scope !== 'unit');
  const tallies = await standingTallies(deps.db, { plan: deps.catalogue.plan.slug, asOf: when, indicators });
  return regionStandings(deps.catalogue, tallies, when);
}

/** The unit's own duties; an unknown or inactive unit is not found. */
export async function unitStanding(deps: ProgressDeps, unitId: string, asOf?: PeriodId): Promise<UnitStanding[]> {
  const unit = await getUnit(deps.db, unitId);
  if (!unit) throw unitNotFound(unitId);
  const when = asOf ?? periodNow(deps);
  const indicators = deps.catalogue.indicators.filter((i) => i.scope === 'unit');
  const tallies = await standingTallies(deps.db, {
    plan: deps.catalogue.plan.slug,
    asOf: when,
    indicators,
    unitIds: [unitId],
  });
  return unitStandings(deps.catalogue, unit, tallies, when);
}

/** One standing for a regional or bureau figure, one per unit for a unit duty. */
export async function indicatorStanding(
  deps: ProgressDeps,
  key: string,
  asOf?: PeriodId,
): Promise<Array<Standing | UnitStanding>> {
  const indicator = indicatorByKey(deps.catalogue, key);
  if (!indicator) {
    throw new PlanbotError('not_found', `no indicator ${key}`, {
      zh: `计划中没有“${key}”这项指标。`,
      en: `The plan has no indicator "${key}".`,
    });
  }
  const when = asOf ?? periodNow(deps);
  const [units, tallies] = await Promise.all([
    listUnits(deps.db),
    standingTallies(deps.db, { plan: deps.catalogue.plan.slug, asOf: when, indicators: [indicator] }),
  ]);
  return indicatorStandings(indicator, units, tallies, when, aggregationOf(deps.catalogue, indicator).aggregate);
}

/** Where an update's indicator stands after it was saved: the unit's duty, or the regional or bureau figure. */
export async function standingAfterUpdate(
  deps: ProgressDeps,
  indicator: Indicator,
  unitId: string,
): Promise<Standing | UnitStanding> {
  const unitOnly = indicator.scope === 'unit';
  const asOf = periodNow(deps);
  const tallies = await standingTallies(deps.db, {
    plan: deps.catalogue.plan.slug,
    asOf,
    indicators: [indicator],
    ...(unitOnly ? { unitIds: [unitId] } : {}),
  });
  const standing = standingFromTallies(indicator, tallies, asOf, aggregationOf(deps.catalogue, indicator).aggregate);
  return unitOnly ? { ...standing, unitId } : standing;
}

/** The answer to "where does X stand": the plan's target and where it says so, and what units last reported. */
export interface StandingAnswer {
  indicator: Pick<Indicator, 'key' | 'name' | 'name_en' | 'measure' | 'scope' | 'combine' | 'due' | 'target'> & {
    target_max?: number;
  };
  citation: Citation;
  /** As of the current period; one per unit for a unit duty. */
  standings: Array<Standing | UnitStanding>;
  /** The latest contributing report, with names to show. */
  latest: {
    value: number;
    unitId: string;
    unitName: string;
    by: string;
    byName: string;
    at: Date;
    period: PeriodId;
  } | null;
}

/** A question asking how far along a target is, rather than what the plan says about it. */
const STANDING_CUES = [
  /现在|目前|当前|眼下|已经|已有|有几|几家|几个|几项|几人|多少|进展|进度|完成了|完成情况|达到了|达标|情况如何|怎么样/,
  /\b(how many|how much|so far|stand|standing|progress|currently|now|reached|status)\b/i,
];

export function asksForStanding(question: string): boolean {
  return STANDING_CUES.some((re) => re.test(question));
}

/**
 * For "国家质检中心现在有几家了?": the matching indicator(s) with target, citation and latest figure; null when the
 * question does not ask about standing or names no indicator.
 */
export async function standingForQuestion(deps: ProgressDeps, question: string): Promise<StandingAnswer[] | null> {
  if (!asksForStanding(question)) return null;
  const match = matchIndicator(deps.catalogue, stripCues(question), undefined, { suggest: false });
  const indicators = match.kind === 'match' ? [match.indicator] : match.kind === 'ambiguous' ? match.candidates : [];
  if (!indicators.length) return null;
  const asOf = periodNow(deps);
  const [units, names] = await Promise.all([listUnits(deps.db), unitNames(deps.db)]);
  const answers: StandingAnswer[] = [];
  for (const indicator of indicators) {
    const tallies = await standingTallies(deps.db, { plan: deps.catalogue.plan.slug, asOf, indicators: [indicator] });
    const standings = indicatorStandings(
      indicator,
      units,
      tallies,
      asOf,
      aggregationOf(deps.catalogue, indicator).aggregate,
    );
    const last = standings
      .map((s) => s.latest)
      .filter((l) => l !== undefined)
      .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    const people = last ? await personNames(deps.db, [last.by]) : new Map<string, string>();
    answers.push({
      indicator: {
        key: indicator.key,
        name: indicator.name,
        name_en: indicator.name_en,
        measure: indicator.measure,
        scope: indicator.scope,
        combine: indicator.combine,
        due: indicator.due,
        target: indicator.target,
        ...(indicator.target_max !== undefined ? { target_max: indicator.target_max } : {}),
      },
      citation: { section: indicator.section, quote: indicator.quote },
      standings,
      latest: last
        ? {
            ...last,
            unitName: names.get(last.unitId)?.short ?? last.unitId,
            byName: people.get(last.by) ?? last.by,
          }
        : null,
    });
  }
  return answers;
}

/** Drops question words so the indicator's own words decide the match. */
function stripCues(question: string): string {
  return question
    .replace(/[??!!。.,,]/g, ' ')
    .replace(/现在|目前|当前|已经|有几家了?|有几个了?|有多少了?|几家|多少|进展|进度|情况如何|怎么样|了|吗|呢/g, ' ')
    .replace(
      /\b(how many|how much|so far|where does|stand|standing|progress|currently|now|are there|is|are|the|we|have|what|of)\b/gi,
      ' ',
    )
    .trim();
}

export function unitNotFound(unitId: string): PlanbotError {
  // The id is what someone typed: it is shown back without any character that could form Slack markup.
  const shown = unitId.replace(/[<>&]/g, '');
  return new PlanbotError('not_found', `no active unit ${unitId}`, {
    zh: `找不到单位“${shown}”。`,
    en: `There is no unit "${shown}".`,
  });
}
