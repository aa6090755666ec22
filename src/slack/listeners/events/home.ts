import type { App } from '@slack/bolt';
import type { Deps } from '../../../deps.js';
import { planCited } from '../../../plan/rules.js';
import { endedText, hasEnded } from '../../../plan/span.js';
import type { ProgressDeps } from '../../../progress/deps.js';
import { comparePeriods, type PeriodId, prevPeriod, reportDue } from '../../../progress/periods.js';
import { getReport, listUnits, reportTopicsFor, resolveActor, unitStanding } from '../../../progress/use-cases.js';
import { pendingDrafts } from '../../../schedule/review-repository.js';
import { isAdmin } from '../../../workspace/repository.js';
import { reviewHomeBlocks } from '../../blocks/circular-review.js';
import { type HomeUnit, homeView } from '../../blocks/home.js';
import { type AdminOverview, adminOverviewBlocks } from '../../blocks/home-admin.js';
import { plansHomeBlocks } from '../../blocks/home-plans.js';
import { AppHomeOpened } from '../../payloads.js';
import { planSummaries } from '../../plan-review-surfaces.js';
import { progressDeps, reportablePeriod, reportingUnits } from '../../progress-surfaces.js';

/** The App Home tab: the person's units, what is due this period, the report's status, the unit's indicators. */
export function registerHomeEvents(app: App, deps: Deps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    const parsed = AppHomeOpened.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    const userId = parsed.data.user;
    const pd = progressDeps(deps);
    try {
      const actor = await resolveActor(deps.db, userId);
      const period = reportablePeriod(pd);
      const span = { ...deps.catalogue.periods, timezone: pd.timezone };
      const own = new Set(actor.units.map((u) => u.unitId));
      const units = (await reportingUnits(pd, actor)).filter((u) => own.has(u.id));
      const homeUnits: HomeUnit[] = [];
      for (const unit of units) {
        const needsReport = reportTopicsFor(deps.catalogue, unit.kind).length > 0;
        const [report, standings] = await Promise.all([
          needsReport ? getReport(pd, unit.id, period) : Promise.resolve('none_required' as const),
          unitStanding(pd, unit.id, period),
        ]);
        const role = actor.units.find((u) => u.unitId === unit.id)?.role ?? 'member';
        homeUnits.push({ unit, role, report, standings });
      }
      const overview = actor.isAdmin ? await adminOverview(pd, period) : undefined;
      const view = homeView({
        catalogue: deps.catalogue,
        period,
        reportDue: reportDue(period, deps.catalogue.periods),
        timezone: pd.timezone,
        units: homeUnits,
        lang: 'zh',
        ...(overview ? { overview: adminOverviewBlocks(overview, 'zh') } : {}),
        ...(hasEnded(span, deps.clock.now()) ? { ended: endedText(span, planCited(deps.catalogue)) } : {}),
      });
      // Admins also find the circular drafts awaiting their review here, with the same buttons as in the DM.
      const admin = await isAdmin(deps.db, userId);
      const drafts = admin ? await pendingDrafts(deps.db) : [];
      const plans = admin ? plansHomeBlocks(planSummaries(deps), 'zh') : [];
      const blocks = [...view.blocks, ...reviewHomeBlocks(drafts, pd.timezone), ...plans].slice(0, 100);
      await client.views.publish({ user_id: userId, view: { ...view, blocks } });
    } catch (error) {
      deps.logger.error('App Home not published', { error, user: userId });
    }
  });
}

/** Every unit that writes half-year reports, with this period's report; and who still owes the one before. */
async function adminOverview(pd: ProgressDeps, period: PeriodId): Promise<AdminOverview> {
  const reporting = (await listUnits(pd.db)).filter((u) => reportTopicsFor(pd.catalogue, u.kind).length > 0);
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
