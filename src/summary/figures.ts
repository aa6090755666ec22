import { type Catalogue, type Indicator, targetOf, topicAppliesTo, type UnitKind } from '../plan/catalogue.js';
import { formatPeriod, periodBounds, reportDue, splitPeriod } from '../progress/periods.js';
import { regionalLevel } from '../progress/standing.js';
import type { ScoringConfig } from '../schedule/config.js';
import type {
  Circular,
  CircularRows,
  DutyStanding,
  IndicatorTotals,
  RankedUnit,
  RegionalStanding,
  Submission,
  UnitRef,
} from './types.js';

/**
 * The half-year circular's figures, pure over the rows: submissions, regional targets against actuals, each ranked
 * unit's score and the ranking with its yellow cards. The plan (三、(四)) ranks the institutions once a year and gives
 * the three lowest a yellow card; the mid-year circular shows the ranking so far as a warning.
 */

const DAY_MS = 86_400_000;

/** The kinds of unit that owe the half-year report: those the report's topics apply to (a topic naming none: all). */
export function reportingKinds(catalogue: Catalogue): { has(kind: UnitKind): boolean } {
  return { has: (kind) => catalogue.report_topics.some((t) => topicAppliesTo(t, kind)) };
}

export function buildCircular(rows: CircularRows, catalogue: Catalogue, scoring: ScoringConfig, asOf: Date): Circular {
  const { period } = rows;
  const half = splitPeriod(period).half;
  const due = reportDue(period, catalogue.periods);
  const owingKinds = reportingKinds(catalogue);
  const rankKinds: { has(kind: UnitKind): boolean } = scoring.rankKinds.length
    ? new Set<UnitKind>(scoring.rankKinds)
    : owingKinds;
  const reportBy = new Map(rows.reports.map((r) => [r.unitId, r]));
  const totals = indexTotals(rows.totals);
  const fraction = elapsedFraction(catalogue, period);

  const submissionOf = (unitId: string): { submission: Submission; at: Date | null; daysLate: number } => {
    const r = reportBy.get(unitId);
    const at = r ? (r.firstSubmittedAt ?? r.submittedAt) : null;
    if (!at) return { submission: 'missing', at: null, daysLate: 0 };
    if (at.getTime() <= due.getTime()) return { submission: 'on_time', at, daysLate: 0 };
    return { submission: 'late', at, daysLate: Math.ceil((at.getTime() - due.getTime()) / DAY_MS) };
  };

  const owing = rows.units.filter((u) => owingKinds.has(u.kind));
  const submissions: Circular['submissions'] = { owing: owing.length, onTime: [], late: [], missing: [] };
  for (const unit of owing) {
    const s = submissionOf(unit.id);
    if (s.submission === 'on_time') submissions.onTime.push(unit);
    else if (s.submission === 'late') submissions.late.push({ ...unit, daysLate: s.daysLate });
    else submissions.missing.push(unit);
  }

  const regional: RegionalStanding[] = catalogue.indicators
    .filter((i) => i.scope === 'region')
    .map((i) => regionalStanding(i, rows.units, totals, fraction(i)));

  const scored = rows.units
    .filter((u) => rankKinds.has(u.kind))
    .map((unit) => {
      const duties = catalogue.indicators
        .filter((i): i is Indicator & { scope: 'unit' } => i.scope === 'unit' && i.applies_to.includes(unit.kind))
        .map((i) => dutyStanding(i, totals.get(`${unit.id}\u0000${i.key}`), half, fraction(i)));
      const dutyScore = duties.length ? duties.reduce((s, d) => s + d.ratio, 0) / duties.length : 1;
      const sub = submissionOf(unit.id);
      const timelinessScore = sub.submission === 'on_time' ? 1 : sub.submission === 'late' ? scoring.lateCredit : 0;
      const score = round1(scoring.duties * dutyScore + scoring.timeliness * timelinessScore);
      return {
        unit,
        duties,
        dutyScore,
        timelinessScore,
        score,
        submission: sub.submission,
        submittedAt: sub.at,
        daysLate: sub.daysLate,
      };
    })
    .sort((a, b) => b.score - a.score || b.timelinessScore - a.timelinessScore || a.unit.id.localeCompare(b.unit.id));

  const cards = scored.length > scoring.yellowCards ? scoring.yellowCards : 0;
  // The lowest `cards` places are carded; a unit tied with the last of them shares its place and its card.
  const cutScore = cards ? scored[scored.length - cards]?.score : undefined;
  const ranking: RankedUnit[] = [];
  scored.forEach((s, i) => {
    const previous = ranking[i - 1];
    const rank = previous && previous.score === s.score ? previous.rank : i + 1;
    ranking.push({ ...s, rank, yellowCard: cutScore !== undefined && s.score <= cutScore });
  });

  return {
    period,
    half,
    title: `${formatPeriod(period)}科技工作情况通报`,
    due,
    asOf,
    submissions,
    regional,
    ranking,
    card: half === 2 ? '黄牌' : '黄牌预警',
    cardCount: cards,
    formula: scoringFormula(scoring),
  };
}

/** The scoring rule in words, printed in every circular. */
export function scoringFormula(s: ScoringConfig): string {
  const late = Math.round(s.lateCredit * 100);
  return (
    `得分 = 职责完成度 × ${s.duties} + 报送及时性 × ${s.timeliness}。` +
    '职责完成度:本单位适用的各项职责指标,按截至本期末应达到的进度(年度指标按年,跨年目标按计划起止直线推算)计算完成比例,单项最高 100%,取平均;' +
    `报送及时性:按时报送 100%,逾期报送 ${late}%,未报送 0。`
  );
}

/** For each indicator, how far along a straight line from the plan's start to its due date the period's end is (0–1). */
function elapsedFraction(catalogue: Catalogue, period: Circular['period']): (i: Indicator) => number {
  const tz = catalogue.periods.timezone;
  const start = periodBounds(catalogue.periods.first, tz).start.getTime();
  const at = periodBounds(period, tz).end.getTime();
  return (i) => {
    if (i.due === 'yearly') return splitPeriod(period).half === 1 ? 0.5 : 1;
    const end = periodBounds(i.due, tz).end.getTime();
    if (end <= start) return 1;
    return Math.min(1, Math.max(0, (at - start) / (end - start)));
  };
}

function indexTotals(rows: IndicatorTotals[]): Map<string, IndicatorTotals> {
  return new Map(rows.map((t) => [`${t.unitId}\u0000${t.indicatorKey}`, t]));
}

function reportedValue(i: Indicator, t: IndicatorTotals | undefined): number | null {
  if (!t) return null;
  if (i.due === 'yearly') return i.combine === 'sum' ? t.sumInYear : t.latestInYear;
  return i.combine === 'sum' ? t.sumToDate : t.latestToDate;
}

function regionalStanding(
  i: Indicator,
  units: UnitRef[],
  totals: Map<string, IndicatorTotals>,
  fraction: number,
): RegionalStanding {
  let actual = 0;
  let any = false;
  for (const u of units) {
    const v = reportedValue(i, totals.get(`${u.id}\u0000${i.key}`));
    if (v !== null) {
      actual += v;
      any = true;
    }
  }
  actual = regionalLevel(i, any ? actual : null) ?? 0;
  const from = i.combine === 'latest' ? (i.baseline ?? 0) : 0;
  const target = targetOf(i);
  const expected = from + (target - from) * fraction;
  const percent = target > 0 ? round1((actual / target) * 100) : 100;
  const expectedPercent = target > 0 ? round1((expected / target) * 100) : 100;
  return {
    key: i.key,
    name: i.name,
    measure: i.measure,
    target,
    ...(i.target_max !== undefined ? { targetMax: i.target_max } : {}),
    actual: round2(actual),
    percent,
    expectedPercent,
    onTrack: actual + 1e-9 >= expected,
    due: i.due,
  };
}

function dutyStanding(i: Indicator, t: IndicatorTotals | undefined, half: 1 | 2, fraction: number): DutyStanding {
  const actual = reportedValue(i, t);
  // A yearly increment is expected half by mid-year; a yearly level (a share, a headcount) holds all year.
  const target = targetOf(i);
  const expected = i.due === 'yearly' ? (i.combine === 'sum' && half === 1 ? target / 2 : target) : target * fraction;
  const ratio = expected > 0 ? Math.min(1, Math.max(0, (actual ?? 0) / expected)) : 1;
  return { key: i.key, name: i.name, measure: i.measure, target, actual, expected: round2(expected), ratio };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
