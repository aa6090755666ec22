import type { Deps } from '../../../deps.js';
import type { PlanEntry } from '../../../plan/registry.js';
import { planCited } from '../../../plan/rules.js';
import { endedText, hasEnded } from '../../../plan/span.js';
import type { ProgressDeps } from '../../../progress/deps.js';
import { comparePeriods, type PeriodId, prevPeriod, reportDue } from '../../../progress/periods.js';
import type { UnitInfo } from '../../../progress/types.js';
import { getReport, listUnits, reportTopicsFor, resolveActor, unitStanding } from '../../../progress/use-cases.js';
import { pendingDrafts } from '../../../schedule/review-repository.js';
import { isAdmin } from '../../../workspace/repository.js';
import { reviewHomeBlocks } from '../../blocks/circular-review.js';
import { type HomePlan, type HomeUnit, homeView } from '../../blocks/home.js';
import { type AdminOverview, adminOverviewBlocks } from '../../blocks/home-admin.js';
import { plansHomeBlocks } from '../../blocks/home-plans.js';
import { AppHomeOpened } from '../../payloads.js';
import { plansOfUnit } from '../../plan-choice.js';
import { planSummaries } from '../../plan-review-surfaces.js';
import { progressDeps, reportablePeriod, reportingUnits } from '../../progress-surfaces.js';
import type { Listeners } from '../../router.js';

/** The App Home tab: per plan the person's units run, what is due this period, the report's status, the indicators. */
export function registerHomeEvents(app: Listeners, deps: Deps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    const parsed = AppHomeOpened.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    const userId = parsed.data.user;
    const base = progressDeps(deps);
    try {
      const actor = await resolveActor(deps.db, userId);
      const own = new Set(actor.units.map((u) => u.unitId));
      const units = (await reportingUnits(base, actor)).filter((u) => own.has(u.id));
      const plans: HomePlan[] = [];
      for (const entry of homePlans(deps, units, actor.isAdmin)) {
        const mine = units.filter((u) => plansOfUnit(deps, u.id).includes(entry));
        plans.push(await homePlan(deps, entry, mine, actor));
      }
      const view = homeView({ plans, timezone: base.timezone, lang: 'zh' });
      // Admins also find the circular drafts awaiting review (the same buttons as in the DM) and every plan with its
      // review state (import and review from Slack).
      const admin = await isAdmin(deps.db, userId);
      const drafts = admin ? await pendingDrafts(deps.db) : [];
      const planList = admin ? plansHomeBlocks(planSummaries(deps), 'zh') : [];
      const blocks = [...view.blocks, ...reviewHomeBlocks(drafts, base.timezone), ...planList].slice(0, 100);
      await client.views.publish({ user_id: userId, view: { ...view, blocks } });
    } catch (error) {
      deps.logger.error('App Home not published', { error, user: userId });
    }
  });
}

/** The plans shown: those the person's units report on; for admins every running plan; else the first. */
function homePlans(deps: Deps, units: UnitInfo[], admin: boolean): PlanEntry[] {
  const running = deps.running();
  if (admin) return running.length ? running : [deps.plans.shipped];
  const mine = running.filter((e) => units.some((u) => plansOfUnit(deps, u.id).includes(e)));
  return mine.length ? mine : [running[0] ?? deps.plans.shipped];
}

/** One plan's part of the home: its period and deadline, and for each of the person's units its report and standing. */
async function homePlan(
  deps: Deps,
  entry: PlanEntry,
  units: UnitInfo[],
  actor: { isAdmin: boolean; units: Array<{ unitId: string; role: 'lead' | 'member' }> },
): Promise<HomePlan> {
  const { catalogue } = entry;
  const pd = progressDeps(deps, catalogue);
  const period = reportablePeriod(pd);
  const span = { ...catalogue.periods, timezone: pd.timezone };
  const homeUnits: HomeUnit[] = [];
  for (const unit of units) {
    const needsReport = reportTopicsFor(catalogue, unit.kind).length > 0;
    const [report, standings] = await Promise.all([
      needsReport ? getReport(pd, unit.id, period) : Promise.resolve('none_required' as const),
      unitStanding(pd, unit.id, period),
    ]);
    const role = actor.units.find((u) => u.unitId === unit.id)?.role ?? 'member';
    homeUnits.push({ unit, role, report, standings });
  }
  const overview = actor.isAdmin ? await adminOverview(deps, entry, pd, period) : undefined;
  return {
    catalogue,
    period,
    reportDue: reportDue(period, catalogue.periods),
    units: homeUnits,
    ...(overview ? { overview: adminOverviewBlocks(overview, 'zh') } : {}),
    ...(hasEnded(span, deps.clock.now()) ? { ended: endedText(span, planCited(catalogue)) } : {}),
  };
}

/** Every unit of the plan that writes its reports, with this period's report; and who still owes the one before. */
async function adminOverview(
  deps: Deps,
  entry: PlanEntry,
  pd: ProgressDeps,
  period: PeriodId,
): Promise<AdminOverview | undefined> {
  const reporting = (await listUnits(pd.db)).filter(
    (u) => reportTopicsFor(pd.catalogue, u.kind).length > 0 && plansOfUnit(deps, u.id).includes(entry),
  );
  if (!reporting.length) return undefined;
  const units = await Promise.all(
    reporting.map(async (unit) => ({ unit, report: await getReport(pd, unit.id, period) })),
  );
  const now = pd.clock.now();
  const overview: AdminOverview = {
    period,
    due: reportDue(period, pd.catalogue.periods),
    now,
    timezone: pd.timezone,
    units,
  };
  const before = prevPeriod(period);
  if (comparePeriods(before, pd.catalogue.periods.first) < 0) return overview;
  if (reportDue(before, pd.catalogue.periods).getTime() > now.getTime()) return overview;
  const reports = await Promise.all(reporting.map((u) => getReport(pd, u.id, before)));
  const missing = reporting.filter((_, i) => reports[i]?.status !== 'submitted');
  return missing.length ? { ...overview, previous: { period: before, missing } } : overview;
}
