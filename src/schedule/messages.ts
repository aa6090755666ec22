import { type Catalogue, topicAppliesTo } from '../plan/catalogue.js';
import { mayReport, planCited } from '../plan/rules.js';
import { localParts, reportDue } from '../progress/periods.js';
import { circularMessage, unitDetailMessage } from '../slack/blocks/circular.js';
import { escalationMessage, reminderMessage } from '../slack/blocks/reminder.js';
import { reportingKinds } from '../summary/figures.js';
import type { Circular } from '../summary/types.js';
import type { Slot } from './due.js';
import type { OutboxMessage } from './outbox.js';
import type { ReminderRows } from './repository.js';

/** Decide what a slot sends, as outbox messages: pure over the rows, so a dry run and a real run agree. */

export interface Channels {
  summary: string;
  admins: string;
}

const DAY_MS = 86_400_000;

/** Calendar days in `tz` from the day of `due` to the day of `now`: negative before the deadline, positive after. */
export function calendarDays(now: Date, due: Date, tz: string): number {
  const day = (d: Date) => {
    const p = localParts(d, tz);
    return Date.UTC(p.year, p.month - 1, p.day) / DAY_MS;
  };
  return day(now) - day(due);
}

export interface OwingUnit {
  id: string;
  name: string;
  short: string;
  channel: string | null;
  leads: string[];
  missingIndicators: string[];
  /** The report's topics for units of its kind, by label. */
  topics: string[];
}

/** Where the plan asks for the report, cited: `依据《…》三、(六):<quote>。`; empty when the catalogue cites nothing. */
export function reportBasis(catalogue: Catalogue): string {
  const { section, quote } = catalogue.periods;
  if (!quote) return '';
  const where = section ? (section.split(/\s/)[0] ?? section) : '';
  return `依据${planCited(catalogue)}${where}:${quote}。`;
}

/**
 * The units that owe the period's report and have not submitted it, with the duties they have not updated. A plan
 * that asks for no report owes its figures instead: each unit that may report an indicator and has not this period.
 */
export function owingUnits(rows: ReminderRows, catalogue: Catalogue): OwingUnit[] {
  const kinds = reportingKinds(catalogue);
  const asksReport = catalogue.report_topics.length > 0;
  return rows.units
    .filter((u) => !asksReport || (kinds.has(u.kind) && !rows.submitted.has(u.id)))
    .map((u) => {
      const done = rows.updated.get(u.id) ?? new Set<string>();
      const missingIndicators = catalogue.indicators
        .filter((i) =>
          asksReport
            ? i.scope === 'unit' && i.applies_to.includes(u.kind)
            : mayReport(catalogue, i, { unitId: u.id, kind: u.kind }),
        )
        .filter((i) => !done.has(i.key))
        .map((i) => i.name);
      const topics = catalogue.report_topics.filter((t) => topicAppliesTo(t, u.kind)).map((t) => t.label);
      return { id: u.id, name: u.name, short: u.short, channel: u.channel, leads: u.leads, missingIndicators, topics };
    })
    .filter((u) => asksReport || u.missingIndicators.length > 0);
}

export function reminderMessages(
  slot: Slot,
  rows: ReminderRows,
  catalogue: Catalogue,
  ctx: { timezone: string; channels: Channels; now: Date },
): OutboxMessage[] {
  const due = reportDue(slot.period, catalogue.periods);
  const owing = owingUnits(rows, catalogue);
  if (slot.kind === 'escalation') {
    if (!owing.length) return [];
    const m = escalationMessage({
      period: slot.period,
      due,
      daysOverdue: calendarDays(ctx.now, due, ctx.timezone),
      timezone: ctx.timezone,
      subject: catalogue.rules.words.subject,
      reportOwed: catalogue.report_topics.length > 0,
      units: owing.map((u) => ({ name: u.name, missingIndicators: u.missingIndicators.length })),
    });
    return [
      {
        recipient: ctx.channels.admins,
        kind: 'escalation',
        payload: { method: 'chat.postMessage', channel: ctx.channels.admins, ...m },
      },
    ];
  }
  if (slot.kind !== 'reminder' && slot.kind !== 'overdue') return [];
  const diff = calendarDays(ctx.now, due, ctx.timezone);
  const days = slot.kind === 'reminder' ? Math.max(0, -diff) : Math.max(1, diff);
  const out: OutboxMessage[] = [];
  for (const u of owing) {
    const base = {
      unitId: u.id,
      unitName: u.name,
      period: slot.period,
      kind: slot.kind,
      due,
      days,
      timezone: ctx.timezone,
      plan: catalogue.plan.slug,
      subject: catalogue.rules.words.subject,
      missingReport: catalogue.report_topics.length > 0,
      missingIndicators: u.missingIndicators,
      topics: u.topics,
      basis: reportBasis(catalogue),
      admins: catalogue.rules.words.admins,
    } as const;
    if (u.channel) {
      const m = reminderMessage({ ...base, audience: 'channel' });
      out.push({
        recipient: u.channel,
        kind: `reminder:${u.id}`,
        payload: { method: 'chat.postMessage', channel: u.channel, ...m },
      });
    }
    for (const lead of u.leads) {
      const m = reminderMessage({ ...base, audience: 'dm' });
      out.push({
        recipient: lead,
        kind: `reminder:${u.id}`,
        payload: { method: 'chat.postMessage', channel: lead, ...m },
      });
    }
  }
  return out;
}

/** The circular in the summary channel, its chart and one thread reply per ranked unit. */
export function circularMessages(
  c: Circular,
  png: Buffer | null,
  ctx: { timezone: string; channels: Channels },
): OutboxMessage[] {
  const channel = ctx.channels.summary;
  const main = circularMessage(c, ctx.timezone);
  const out: OutboxMessage[] = [
    { recipient: channel, kind: 'circular', payload: { method: 'chat.postMessage', channel, ...main } },
  ];
  if (png) {
    out.push({
      recipient: channel,
      kind: 'circular_chart',
      payload: {
        method: 'files.uploadV2',
        channel,
        filename: `circular-${c.period}.png`,
        title: `${c.title.replace(/通报$/, '')} 指标完成情况`,
        altText: '区域指标实际完成占目标百分比的条形图,竖线为按直线进度应达到的百分比',
        data: png.toString('base64'),
        threadOf: 'circular',
      },
    });
  }
  for (const r of c.ranking) {
    const m = unitDetailMessage(c, r, ctx.timezone);
    out.push({
      recipient: channel,
      kind: `circular_detail:${r.unit.id}`,
      payload: { method: 'chat.postMessage', channel, ...m, threadOf: 'circular' },
    });
  }
  return out;
}
