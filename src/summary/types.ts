import type { UnitKind } from '../plan/catalogue.js';
import type { PeriodId } from '../progress/periods.js';

/** The rows a circular is computed from; the repository reads them in a fixed number of queries. */
export interface CircularRows {
  period: PeriodId;
  units: UnitRef[];
  /** Submitted half-year reports of the period. */
  reports: Array<{ unitId: string; submittedAt: Date | null; firstSubmittedAt: Date | null }>;
  /** Per unit and indicator, the current updates up to the period, folded (see `IndicatorTotals`). */
  totals: IndicatorTotals[];
}

export interface UnitRef {
  id: string;
  name: string;
  short: string;
  kind: UnitKind;
}

/** One unit's current updates of one indicator, from the plan's start up to and including the period. */
export interface IndicatorTotals {
  unitId: string;
  indicatorKey: string;
  /** Sum of the values up to the period / within the period's calendar year. */
  sumToDate: number;
  sumInYear: number;
  /** The latest value (by period, then time of submission) up to the period / within its year; null when none. */
  latestToDate: number | null;
  latestInYear: number | null;
  /** What orders the latest values across units (period, time of submission, id), compared as strings. */
  latestKeyToDate?: string | null;
  latestKeyInYear?: string | null;
  /** True when the unit recorded an update for this very period. */
  inPeriod: boolean;
}

export type Submission = 'on_time' | 'late' | 'missing';

export interface RegionalStanding {
  key: string;
  name: string;
  measure: string | null;
  target: number;
  targetMax?: number;
  actual: number;
  /** actual / target × 100. */
  percent: number;
  /** Where a straight line from the plan's start to the due date stands at the period's end, in percent of target. */
  expectedPercent: number;
  onTrack: boolean;
  due: string;
}

export interface DutyStanding {
  key: string;
  name: string;
  measure: string | null;
  target: number;
  actual: number | null;
  /** What the unit should have reached by the period's end. */
  expected: number;
  /** min(1, actual / expected); 1 when nothing is expected yet or the duty does not apply. */
  ratio: number;
  /** False for a duty only for units it concerns when the unit reported nothing on it: not scored. */
  applies: boolean;
}

export interface RankedUnit {
  rank: number;
  /** Another unit shares the rank (并列). */
  tied: boolean;
  unit: UnitRef;
  /** 0–100 with the default weights. */
  score: number;
  dutyScore: number;
  timelinessScore: number;
  submission: Submission;
  submittedAt: Date | null;
  daysLate: number;
  duties: DutyStanding[];
  yellowCard: boolean;
}

export interface Circular {
  period: PeriodId;
  half: 1 | 2;
  title: string;
  due: Date;
  /** When the figures were taken. */
  asOf: Date;
  submissions: {
    owing: number;
    onTime: UnitRef[];
    late: Array<UnitRef & { daysLate: number }>;
    missing: UnitRef[];
  };
  regional: RegionalStanding[];
  ranking: RankedUnit[];
  /** Whether the plan scores and ranks units at all. */
  scored: boolean;
  /** The word a score is counted in (分). */
  points: string;
  /** The plan's card: this circular's word (the card at year-end, the warning at mid-year) and what follows it. */
  card: { word: string; yearEnd: string; consequence?: string; section?: string };
  /** How many of the lowest-ranked are carded (0: none this period); units tied at the cut are all carded. */
  cardCount: number;
  /** How the score is computed, as stated in the circular; empty when units are not scored. */
  formula: string;
  /** What the circular rests on: the plan cited with its sections (《…》三、(四)、(六)). */
  basis: string;
  /** Who signs it (落款). */
  issuer: string;
}
