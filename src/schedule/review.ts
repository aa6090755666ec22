import { localParts, type PeriodId } from '../progress/periods.js';
import { writeAudit } from '../progress/repository.js';
import { type PointsEdits, pointsSections } from '../slack/blocks/circular-points.js';
import { draftNoticeMessage } from '../slack/blocks/circular-review.js';
import { chartPng } from '../summary/chart.js';
import { buildPeriodReportPoints, withReportPoints } from './circular-points.js';
import type { ScheduleConfig } from './config.js';
import { isoDay, nextWorkingDay, type Slot } from './due.js';
import { buildPeriodCircular, type JobDeps, timezoneOf } from './jobs.js';
import { circularMessages } from './messages.js';
import { enqueue, type OutboxMessage } from './outbox.js';
import { jobDepsForSlot } from './plans.js';
import {
  adminIds,
  type CircularDraft,
  claimPosting,
  claimReminders,
  findDraft,
  insertDraft,
  updatePending,
} from './review-repository.js';

/**
 * The circular's review (`schedule: { circularReview: true }`): at its time the circular is drafted and sent to the
 * admins instead of the summary channel; they edit it, postpone it or post it. Posting is one claim on the draft's
 * row and the circular's messages go through the outbox in the same transaction, so it posts once whoever clicks,
 * however often, in however many processes. Nobody acting: a reminder a day. Every step is audited.
 */

export const CIRCULAR_ENTITY = 'circular';
const DAY_MS = 86_400_000;

/** `at` moved on by `days`, then on to the first working day of the schedule (same time of day). */
export function workingDaysLater(at: Date, days: number, config: ScheduleConfig, tz: string): Date {
  const t = new Date(at.getTime() + days * DAY_MS);
  const p = localParts(t, tz);
  const day = { year: p.year, month: p.month, day: p.day };
  const w = nextWorkingDay(day, config);
  const shift = (Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(day.year, day.month - 1, day.day)) / DAY_MS;
  return new Date(t.getTime() + shift * DAY_MS);
}

/** The circular's messages as they would post now, without the report points, and the points apart. */
async function draftContent(deps: JobDeps, period: PeriodId, config: ScheduleConfig, now: Date) {
  const circular = await buildPeriodCircular(deps, period, config, now);
  const channels = { summary: deps.workspace.channels.summary, admins: deps.workspace.channels.admins };
  const messages = circularMessages(circular, chartPng(circular), { timezone: timezoneOf(deps, config), channels });
  return { messages, points: await buildPeriodReportPoints(deps, period) };
}

/** What the admins are sent: the draft with its buttons, one DM each. */
async function noticeMessages(
  deps: JobDeps,
  draft: CircularDraft,
  config: ScheduleConfig,
  extra: { waitingDays?: number; note?: string } = {},
): Promise<OutboxMessage[]> {
  const m = draftNoticeMessage(draft, {
    timezone: timezoneOf(deps, config),
    summaryChannel: deps.workspace.channels.summary,
    ...extra,
  });
  return (await adminIds(deps.db)).map((admin) => ({
    recipient: admin,
    kind: 'circular_review',
    payload: { method: 'chat.postMessage', channel: admin, ...m },
  }));
}

/** At the circular's time: store the draft and return the admins' DMs (the scheduler queues them). */
export async function draftForReview(
  deps: JobDeps,
  slot: Slot,
  config: ScheduleConfig,
  now: Date,
  by: string,
): Promise<OutboxMessage[]> {
  const { messages, points } = await draftContent(deps, slot.period, config, now);
  const { draft, created } = await insertDraft(deps.db, {
    slot: slot.slot,
    period: slot.period,
    messages,
    points,
    dueAt: slot.at,
    remindAt: workingDaysLater(slot.at, 1, config, timezoneOf(deps, config)),
    updatedBy: by,
    updatedAt: now,
  });
  if (created) {
    await writeAudit(deps.db, {
      at: now,
      actor: by,
      action: 'circular.draft',
      entity: CIRCULAR_ENTITY,
      entityId: draft.slot,
      before: null,
      after: { period: draft.period, version: draft.version, mode: points.mode },
    });
  }
  return draft.status === 'pending' ? noticeMessages(deps, draft, config) : [];
}

/** Reminds the admins of drafts nobody acted on (daily); a postponed draft is drawn up again from the data now. */
export async function remindReviews(deps: JobDeps, config: ScheduleConfig, now: Date, by: string): Promise<string[]> {
  const tz = timezoneOf(deps, config);
  const claimed = await claimReminders(deps.db, now, (at) => workingDaysLater(at, 1, config, tz));
  const sent: string[] = [];
  for (const d of claimed) {
    // The draft's own plan redraws it; a draft of a plan no longer run is only reminded of.
    const own = jobDepsForSlot(deps, d.slot);
    let draft = d;
    let extra: { waitingDays?: number; note?: string } = {
      waitingDays: Math.max(1, Math.floor((now.getTime() - d.dueAt.getTime()) / DAY_MS)),
    };
    if (own && d.refreshAt && d.refreshAt.getTime() <= now.getTime()) {
      const { messages, points } = await draftContent(own, d.period, config, now);
      const refreshed = await updatePending(deps.db, d.slot, {
        messages,
        points,
        version: d.version + 1,
        refreshAt: null,
        updatedBy: by,
        updatedAt: now,
      });
      if (!refreshed) continue;
      draft = refreshed;
      extra = { note: '推迟期满,已按最新数据重新生成草稿(此前的修改保留)。' };
      await writeAudit(deps.db, {
        at: now,
        actor: by,
        action: 'circular.draft',
        entity: CIRCULAR_ENTITY,
        entityId: d.slot,
        before: { version: d.version },
        after: { version: refreshed.version, mode: points.mode },
      });
    }
    const day = localParts(now, tz);
    const slot = `${d.slot}/review-${isoDay(day)}`;
    await enqueue(deps.db, 'summary', slot, await noticeMessages(deps, draft, config, extra), now);
    sent.push(`summary ${slot}`);
  }
  return sent;
}

export type PostResult =
  | { ok: true; draft: CircularDraft }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'posted'; draft: CircularDraft };

/** Posts the draft: claims it and queues the circular (edits applied) in one transaction. Once, whoever asks. */
export async function postDraft(
  deps: Pick<JobDeps, 'db'>,
  slot: string,
  actor: string,
  now: Date,
): Promise<PostResult> {
  return deps.db.transaction(async (tx) => {
    const db = tx as unknown as typeof deps.db;
    const claimed = await claimPosting(db, slot, actor, now);
    if (!claimed) {
      const draft = await findDraft(db, slot);
      return draft ? { ok: false, reason: 'posted', draft } : { ok: false, reason: 'missing' };
    }
    const messages = withReportPoints(claimed.messages, claimed.points, claimed.edits);
    await enqueue(db, 'summary', slot, messages, now);
    await writeAudit(db, {
      at: now,
      actor,
      action: 'circular.post',
      entity: CIRCULAR_ENTITY,
      entityId: slot,
      before: { status: 'pending' },
      after: { status: 'posted', version: claimed.version, edits: claimed.edits, messages: messages.length },
    });
    return { ok: true, draft: claimed };
  });
}

/**
 * Stores an admin's text for the sections: a section left as generated, or emptied, has no edit. Null when the
 * draft is no longer pending.
 */
export async function editDraft(
  deps: Pick<JobDeps, 'db'>,
  slot: string,
  actor: string,
  values: Record<string, string>,
  now: Date,
): Promise<CircularDraft | null> {
  const draft = await findDraft(deps.db, slot);
  if (draft?.status !== 'pending') return null;
  const generated = new Map(pointsSections(draft.points).map((s) => [s.key, s.body]));
  const edits: PointsEdits = { ...draft.edits };
  for (const [key, raw] of Object.entries(values)) {
    if (!generated.has(key)) continue;
    const text = raw.trim();
    if (!text || text === generated.get(key)?.trim()) delete edits[key];
    else edits[key] = text;
  }
  const updated = await updatePending(deps.db, slot, { edits, updatedBy: actor, updatedAt: now });
  if (updated) {
    await writeAudit(deps.db, {
      at: now,
      actor,
      action: 'circular.edit',
      entity: CIRCULAR_ENTITY,
      entityId: slot,
      before: { edits: draft.edits },
      after: { edits },
    });
  }
  return updated;
}

/** Moves the draft's time on by `days` (to a working day); at the new time it is drawn up again and sent to the admins. */
export async function postponeDraft(
  deps: Pick<JobDeps, 'db'>,
  slot: string,
  actor: string,
  days: number,
  now: Date,
  calendar: { config: ScheduleConfig; timezone: string },
): Promise<CircularDraft | null> {
  const draft = await findDraft(deps.db, slot);
  if (draft?.status !== 'pending') return null;
  const from = new Date(Math.max(draft.dueAt.getTime(), now.getTime()));
  const dueAt = workingDaysLater(from, days, calendar.config, calendar.timezone);
  const updated = await updatePending(deps.db, slot, {
    dueAt,
    remindAt: dueAt,
    refreshAt: dueAt,
    updatedBy: actor,
    updatedAt: now,
  });
  if (updated) {
    await writeAudit(deps.db, {
      at: now,
      actor,
      action: 'circular.postpone',
      entity: CIRCULAR_ENTITY,
      entityId: slot,
      before: { dueAt: draft.dueAt.toISOString() },
      after: { dueAt: dueAt.toISOString(), days },
    });
  }
  return updated;
}

/** The circular as it would post now: the draft's messages with its points and edits. */
export function composeDraft(draft: CircularDraft): OutboxMessage[] {
  return withReportPoints(draft.messages, draft.points, draft.edits);
}
