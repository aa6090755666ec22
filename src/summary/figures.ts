import { type Catalogue, type Indicator, targetOf, topicAppliesTo, type UnitKind } from '../plan/catalogue.js';
import { aggregationOf, planCited, type Scoring } from '../plan/rules.js';
import type { Aggregate } from '../plan/rules-schema.js';
import { formatPeriod, type PeriodId, periodBounds, reportDue, splitPeriod } from '../progress/periods.js';
import { regionalLevel } from '../progress/standing.js';
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
 * unit's score and the ranking with its cards. Whether units are scored and carded, how many, and the words, come
 * from the plan's rules (`rules.scoring`, `rules.yellow_card`): a year-end circular cards the lowest, a mid-year one
 * may warn them.
 */

const DAY_MS = 86_400_000;

/** The kinds of unit that owe the half-year report: those the report's topics apply to (a topic naming none: all). */
export function reportingKinds(catalogue: Catalogue): { has(kind: UnitKind): boolean } {
  return { has: (kind) => catalogue.report_topics.some((t) => topicAppliesTo(t, kind)) };
}

/** `2016年上半年科技工作情况通报`: the circular's title, in the plan's words. */
export function circularTitle(catalogue: Pick<Catalogue, 'rules'>, period: PeriodId): string {
  return `${formatPeriod(period)}${catalogue.rules.words.subject}情况通报`;
}

export function buildCircular(rows: CircularRows, catalogue: Catalogue, scoring: Scoring, asOf: Date): Circular {
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
    .map((i) => regionalStanding(i, aggregationOf(catalogue, i).aggregate, rows.units, totals, fraction(i)));

  const optional = new Set(
    Object.entries(catalogue.rules.indicators)
      .filter(([, a]) => a.only_if_reported)
      .map(([key]) => key),
  );
  const scored = rows.units
    .filter((u) => scoring.enabled && rankKinds.has(u.kind))
    .map((unit) => {
      const duties = catalogue.indicators
        .filter((i): i is Indicator & { scope: 'unit' } => i.scope === 'unit' && i.applies_to.includes(unit.kind))
        .map((i) => dutyStanding(i, totals.get(`${unit.id}\u0000${i.key}`), fraction(i), optional.has(i.key)));
      const counted = duties.filter((d) => d.applies && d.expected > 0);
      const dutyScore = counted.length ? counted.reduce((s, d) => s + d.ratio, 0) / counted.length : 1;
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

  const carding = scoring.card.enabled && (half === 2 || scoring.card.warnMidPeriod);
  const cards = carding && scored.length > scoring.card.lowest ? scoring.card.lowest : 0;
  // The lowest `cards` places are carded; a unit tied with the last of them shares its place and its card.
  const cutScore = cards ? scored[scored.length - cards]?.score : undefined;
  const ranking: RankedUnit[] = [];
  scored.forEach((s, i) => {
    const previous = ranking[i - 1];
    const rank = previous && previous.score === s.score ? previous.rank : i + 1;
    ranking.push({ ...s, rank, tied: false, yellowCard: cutScore !== undefined && s.score <= cutScore });
  });
  for (const r of ranking) r.tied = ranking.filter((o) => o.rank === r.rank).length > 1;
  const rules = catalogue.rules;
  const sections = [scoring.section, scoring.card.section, rules.circular.section]
    .filter((x): x is string => Boolean(x))
    .map((x) => x.split(/\s/)[0] ?? x);

  return {
    period,
    half,
    title: circularTitle(catalogue, period),
    due,
    asOf,
    submissions,
    regional,
    ranking,
    scored: scoring.enabled,
    points: scoring.points,
    card: {
      word: half === 2 ? scoring.card.word : scoring.card.warning,
      yearEnd: scoring.card.word,
      ...(scoring.card.consequence ? { consequence: scoring.card.consequence } : {}),
      ...(scoring.card.section ? { section: scoring.card.section.split(/\s/)[0] ?? scoring.card.section } : {}),
    },
    cardCount: cards,
    formula: scoring.enabled ? scoringFormula(scoring) : '',
    basis: `${planCited(catalogue)}${joinSections([...new Set(sections)])}`,
    issuer: rules.circular.issuer ?? rules.words.issuer,
  };
}

/** `三、(四)` and `三、(六)` → `三、(四)、(六)`: a chapter is named once for the sections under it. */
export function joinSections(sections: string[]): string {
  let chapter = '';
  return sections
    .map((s) => {
      const m = /^([一二三四五六七八九十]+、)(.*)$/.exec(s);
      if (!m?.[1] || !m[2]) return s;
      const same = m[1] === chapter;
      chapter = m[1];
      return same ? m[2] : s;
    })
    .join('、');
}

/** The scoring rule in words, printed in every circular. */
export function scoringFormula(s: Scoring): string {
  const late = Math.round(s.lateCredit * 100);
  return (
    `得分(满分 ${s.duties + s.timeliness} ${s.points})= 职责完成度 × ${s.duties} + 报送及时性 × ${s.timeliness}。` +
    '职责完成度:本单位适用的各项职责指标,按截至本期末应达到的进度计算完成比例,单项最高 100%,取平均;' +
    '应达进度:年度累计指标年中按全年目标的一半、跨年目标按计划起止直线推算,以家、人、项、个月等计数的向下取整(不足 1 的本期不考核);' +
    '只对有相应情况的单位适用的职责(如未填报)不计入;' +
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
  aggregate: Aggregate,
  units: UnitRef[],
  totals: Map<string, IndicatorTotals>,
  fraction: number,
): RegionalStanding {
  let actual = 0;
  let any = false;
  let latestKey = '';
  for (const u of units) {
    const t = totals.get(`${u.id}\u0000${i.key}`);
    const v = reportedValue(i, t);
    if (v === null) continue;
    if (aggregate === 'one') {
      // One figure for the whole: the latest report stands, whichever unit made it.
      const key = (i.due === 'yearly' ? t?.latestKeyInYear : t?.latestKeyToDate) ?? '';
      if (!any || key > latestKey) [actual, latestKey] = [v, key];
    } else actual += v;
    any = true;
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

/** Measures that count whole things: an expectation in them is rounded down, never `0.5项`. */
const WHOLE_MEASURES = new Set(['家', '人', '项', '个', '月', '次', '座', '件', '篇', '名']);

/** What a duty should have reached by the period's end: pro rata, in whole units for counts. */
export function expectedBy(i: Indicator, fraction: number): number {
  // A yearly increment is expected half by mid-year; a yearly level (a share, a headcount) holds all year.
  const share = i.due === 'yearly' && i.combine !== 'sum' ? 1 : fraction;
  const raw = targetOf(i) * share;
  return i.measure !== null && WHOLE_MEASURES.has(i.measure) ? Math.floor(raw + 1e-9) : round2(raw);
}

function dutyStanding(
  i: Indicator,
  t: IndicatorTotals | undefined,
  fraction: number,
  onlyIfReported: boolean,
): DutyStanding {
  const actual = reportedValue(i, t);
  const expected = expectedBy(i, fraction);
  const applies = !(onlyIfReported && actual === null);
  const ratio = !applies || expected <= 0 ? 1 : Math.min(1, Math.max(0, (actual ?? 0) / expected));
  return { key: i.key, name: i.name, measure: i.measure, target: targetOf(i), actual, expected, ratio, applies };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
