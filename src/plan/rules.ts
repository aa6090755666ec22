import type { ScoringOverrides } from '../schedule/config.js';
import type { Catalogue, Indicator } from './catalogue.js';
import type { Aggregate, ReportedBy, Rules } from './rules-schema.js';

/**
 * Reading a plan's rules: its words, its scoring with the workspace's overrides, and how each indicator adds up and
 * who reports it. Everything falls back to the generic defaults of `rules-schema.ts` when the plan says nothing.
 */

/** The plan's short name as the plan itself uses it, or its title. */
export function planShort(catalogue: Pick<Catalogue, 'plan' | 'rules'>): string {
  return catalogue.rules.words.plan_short ?? catalogue.plan.title;
}

/** The plan named in a sentence: 《short name》. */
export function planCited(catalogue: Pick<Catalogue, 'plan' | 'rules'>): string {
  return `《${planShort(catalogue)}》`;
}

export interface Scoring {
  enabled: boolean;
  duties: number;
  timeliness: number;
  lateCredit: number;
  /** Unit kinds ranked; empty: the kinds that owe the periodic report. */
  rankKinds: string[];
  /** The word a score is counted in. */
  points: string;
  section?: string;
  card: {
    enabled: boolean;
    /** How many of the lowest-ranked; 0 when the card is off. */
    lowest: number;
    warnMidPeriod: boolean;
    word: string;
    warning: string;
    consequence?: string;
    section?: string;
  };
}

/** The plan's scoring and card rules, with the fields the workspace overrides (`/plan schedule set scoring.*`). */
export function scoringOf(rules: Rules, overrides: ScoringOverrides = {}): Scoring {
  const s = rules.scoring;
  const c = rules.yellow_card;
  return {
    enabled: s.enabled,
    duties: overrides.duties ?? s.duties,
    timeliness: overrides.timeliness ?? s.timeliness,
    lateCredit: overrides.lateCredit ?? s.late_credit,
    rankKinds: overrides.rankKinds ?? s.rank_kinds,
    points: s.points,
    ...(s.section ? { section: s.section } : {}),
    card: {
      enabled: c.enabled,
      lowest: c.enabled ? (overrides.yellowCards ?? c.lowest) : 0,
      warnMidPeriod: c.warn_mid_period,
      word: c.card,
      warning: c.warning,
      ...(c.consequence ? { consequence: c.consequence } : {}),
      ...(c.section ? { section: c.section } : {}),
    },
  };
}

export interface Aggregation {
  aggregate: Aggregate;
  reportedBy: ReportedBy;
  section?: string;
  quote?: string;
}

/**
 * How an indicator's figures add up across units, and who reports it. Unless the rules say otherwise: a unit's
 * increments are summed and its levels taken latest (then added across units); region totals are reported by any
 * unit, a unit duty by the units of its kinds, the issuer's own figures by admins.
 */
export function aggregationOf(catalogue: Pick<Catalogue, 'rules'>, indicator: Indicator): Aggregation {
  const stated = catalogue.rules.indicators[indicator.key];
  const reportedBy: ReportedBy =
    stated?.reported_by ??
    (indicator.scope === 'bureau'
      ? 'admins'
      : indicator.scope === 'unit'
        ? { kinds: [...indicator.applies_to], admins: true }
        : { kinds: [], admins: true });
  const aggregate: Aggregate =
    stated?.aggregate ?? (indicator.combine === 'sum' ? 'sum' : indicator.scope === 'bureau' ? 'one' : 'latest');
  return {
    aggregate,
    reportedBy,
    ...(stated?.section ? { section: stated.section } : {}),
    ...(stated?.quote ? { quote: stated.quote } : {}),
  };
}

/** Whether a unit of that kind (or an admin) may report the indicator; an empty kinds list means any unit. */
export function mayReport(
  catalogue: Pick<Catalogue, 'rules'>,
  indicator: Indicator,
  who: { unitId: string; kind: string } | 'admin',
): boolean {
  const by = aggregationOf(catalogue, indicator).reportedBy;
  if (who === 'admin') return by === 'admins' || ('kinds' in by ? by.admins : false);
  if (by === 'admins') return false;
  if ('unit' in by) return by.unit === who.unitId;
  return by.kinds.length === 0 || by.kinds.includes(who.kind);
}
