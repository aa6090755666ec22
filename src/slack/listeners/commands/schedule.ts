import type { KnownBlock } from '@slack/types';
import { detectLang } from '../../../answer/lang.js';
import type { Lang } from '../../../answer/types.js';
import type { Deps } from '../../../deps.js';
import { type MessageKey, t } from '../../../messages/index.js';
import type { Catalogue } from '../../../plan/catalogue.js';
import type { PlanEntry } from '../../../plan/registry.js';
import { type Scoring, scoringOf } from '../../../plan/rules.js';
import { channelPlan } from '../../../plan/running.js';
import { hasEnded, periodInSpan, spanText } from '../../../plan/span.js';
import {
  formatPeriod,
  isWithinPlan,
  localParts,
  type PeriodId,
  parsePeriod,
  prevPeriod,
  reportDue,
} from '../../../progress/periods.js';
import { buildPeriodReportPoints, withReportPoints } from '../../../schedule/circular-points.js';
import { JOBS, type JobName, type ScheduleConfig, SETTABLE, setField } from '../../../schedule/config.js';
import { nextSlot, planSlots } from '../../../schedule/due.js';
import { buildPeriodCircular } from '../../../schedule/jobs.js';
import { failedMessages, outboxCounts } from '../../../schedule/outbox.js';
import { planJobDeps } from '../../../schedule/plans.js';
import { loadSchedules, saveSchedule } from '../../../schedule/repository.js';
import { isAdmin } from '../../../workspace/repository.js';
import { circularMessage } from '../../blocks/circular.js';
import { dateZh } from '../../blocks/reminder.js';
import { safeText } from '../../blocks/text.js';
import { planBySlug } from '../../plan-choice.js';

/** `/plan schedule [show | set [job] <field> <value> | pause [job] | resume [job]]` and `/plan summary preview [period]`, for admins. */

export interface CommandReply {
  text: string;
  blocks?: KnownBlock[];
}

interface CommandInfo {
  user_id: string;
}

const isJob = (word: string | undefined): word is JobName => JOBS.includes(word as JobName);

/** Sub-command words, job names and field keys say nothing of the asker's language; any other word does. */
const KEYWORDS = new Set(
  ['show', 'set', 'pause', 'resume', 'help', 'yes', 'no', 'true', 'false', ...JOBS, ...Object.keys(SETTABLE)].map((w) =>
    w.toLowerCase(),
  ),
);

/** The language to answer `/plan schedule …` in: the asker's own words decide; keywords alone get Chinese. */
export function scheduleLang(args: readonly string[]): Lang {
  const own = args.filter((w) => !KEYWORDS.has(w.toLowerCase()) && !/^[\d\s:.,,+\-/]*$/.test(w));
  return own.length ? detectLang(own.join(' ')) : 'zh';
}

const fieldWords = (lang: Lang, field: string) => t(lang, `field.${field}` as MessageKey);

/** A field as typed: its key (`time`), or its name in either language (`发送时间`). */
function fieldKey(word: string): string | undefined {
  if (Object.hasOwn(SETTABLE, word)) return word;
  const folded = word.toLowerCase();
  return Object.keys(SETTABLE).find((key) =>
    (['zh', 'en'] as const).some((lang) => fieldWords(lang, key).toLowerCase() === folded),
  );
}

const fieldList = (lang: Lang) =>
  Object.keys(SETTABLE)
    .map((key) => `• ${key}:${fieldWords(lang, key)}`)
    .join('\n');

const jobNames = (jobs: readonly JobName[], lang: Lang) =>
  jobs.map((j) => t(lang, `job.${j}`)).join(lang === 'zh' ? '、' : ' and ');

export async function handlePlanSchedule(deps: Deps, cmd: CommandInfo, args: string[]): Promise<CommandReply> {
  const lang = scheduleLang(args);
  if (!(await isAdmin(deps.db, cmd.user_id))) return { text: t(lang, 'schedule.notAdmin') };
  const [verb = 'show', ...rest] = args;
  if (verb === 'help') return { text: t(lang, 'schedule.help', { fields: fieldList(lang) }) };
  const now = deps.clock.now();
  const schedules = await loadSchedules(deps.db);
  if (verb === 'pause' || verb === 'resume') {
    const jobs = isJob(rest[0]) ? [rest[0]] : [...JOBS];
    for (const job of jobs)
      await saveSchedule(deps.db, job, { config: schedules[job].config, paused: verb === 'pause' }, cmd.user_id, now);
    return { text: t(lang, verb === 'pause' ? 'schedule.paused' : 'schedule.resumed', { jobs: jobNames(jobs, lang) }) };
  }
  if (verb === 'set') {
    const jobs = isJob(rest[0]) ? [rest.shift() as JobName] : [...JOBS];
    const [typed, ...words] = rest;
    if (!typed || !words.length) return { text: t(lang, 'schedule.setUsage', { fields: fieldList(lang) }) };
    const field = fieldKey(typed);
    if (!field) return { text: t(lang, 'schedule.unknownField', { field: typed, fields: fieldList(lang) }) };
    const value = words.join(' ');
    const changed: Array<[JobName, ScheduleConfig]> = [];
    for (const job of jobs) {
      const result = setField(schedules[job].config, field, value);
      // The check's own sentence names the field by its key; the person reads its name and how to write it.
      if ('error' in result) {
        const how = t(lang, `field.${field}.how` as MessageKey);
        return { text: t(lang, 'schedule.badValue', { field: fieldWords(lang, field), value, how }) };
      }
      changed.push([job, result.config]);
    }
    for (const [job, config] of changed)
      await saveSchedule(deps.db, job, { config, paused: schedules[job].paused }, cmd.user_id, now);
    return { text: t(lang, 'schedule.set', { jobs: jobNames(jobs, lang), field: fieldWords(lang, field), value }) };
  }
  if (verb !== 'show') return { text: t(lang, 'schedule.usage') };

  const lines: string[] = [];
  // Each running plan on its own calendar: its next slots, or that it has ended.
  for (const entry of deps.running()) {
    const { catalogue } = entry;
    const span = { ...catalogue.periods, timezone: deps.workspace.timezone };
    if (deps.running().length > 1) lines.push(`*${t(lang, 'schedule.plan', { title: safeText(entry.title) })}*`);
    if (hasEnded(span, now)) {
      lines.push(t(lang, 'schedule.ended', { title: safeText(entry.title) }));
      continue;
    }
    for (const job of JOBS) lines.push(jobLine(lang, job, schedules[job], entry, now, deps.workspace.timezone));
  }
  const counts = await outboxCounts(deps.db);
  const failed = await failedMessages(deps.db);
  const list = failed.length
    ? failed
        .map((f) => `• ${f.job} ${f.slot} → ${f.recipient}(${safeText(f.kind)}):${safeText(f.error ?? '')}`)
        .join('\n')
    : t(lang, 'schedule.noneFailed');
  const queue = t(lang, 'schedule.queue', {
    sent: counts.sent ?? 0,
    pending: (counts.pending ?? 0) + (counts.sending ?? 0),
    failed: counts.failed ?? 0,
    list,
  });
  const text = `${lines.join('\n')}\n\n${queue}`;
  return {
    text: text.replace(/\*/g, ''),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }],
  };
}

/** One job of one plan: what it does, when, and its next slot. */
function jobLine(
  lang: Lang,
  job: JobName,
  stored: { config: ScheduleConfig; paused: boolean },
  entry: PlanEntry,
  now: Date,
  workspaceTz: string,
): string {
  const { config, paused } = stored;
  const { catalogue } = entry;
  const tz = config.timezone ?? workspaceTz;
  const next = nextSlot(planSlots(config, catalogue.periods, catalogue.periods, entry.slug), now, job);
  const when = next
    ? t(lang, 'schedule.next', {
        date: lang === 'en' ? isoDate(next.at, tz) : dateZh(next.at, tz),
        time: config.time,
        slot: next.slot,
        moved: next.movedFrom ? t(lang, 'schedule.moved', { from: next.movedFrom }) : '',
      })
    : t(lang, 'schedule.none');
  const what =
    job === 'reminders'
      ? t(lang, 'schedule.remindersWhat', {
          before: config.remindDaysBefore.join(lang === 'en' ? ', ' : '、'),
          overdue: config.overdueDaysAfter.join(lang === 'en' ? ', ' : '、'),
          escalate: config.escalateDaysAfter,
        })
      : t(lang, 'schedule.summaryWhat', {
          days: config.circularDaysAfter,
          scoring: scoringSummary(scoringOf(catalogue.rules, config.scoring), lang),
        });
  const line = t(lang, 'schedule.line', {
    job: t(lang, `job.${job}`),
    paused: paused ? t(lang, 'schedule.pausedMark') : '',
    what,
    time: config.time,
    tz,
    holidays: t(lang, config.publicHolidays ? 'schedule.holidaysOn' : 'schedule.holidaysOff'),
    skips: config.skipDates.length ? t(lang, 'schedule.skips', { n: config.skipDates.length }) : '',
    weekends: config.skipWeekends ? t(lang, 'schedule.weekends') : '',
  });
  return `${line}${t(lang, 'schedule.nextLine', { next: when })}`;
}

function isoDate(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function scoringSummary(s: Scoring, lang: Lang): string {
  if (!s.enabled) return t(lang, 'schedule.noScoring');
  const card = s.card.enabled ? t(lang, 'schedule.card', { lowest: s.card.lowest, card: s.card.word }) : '';
  return `${t(lang, 'schedule.scoring', { duties: s.duties, timeliness: s.timeliness })}${card}`;
}

/** The period a preview is for: the one named, else the latest whose report deadline has passed. */
function previewPeriod(deps: Deps, catalogue: Catalogue, named: string): PeriodId | null {
  if (named) return parsePeriod(named);
  const now = deps.clock.now();
  const current = periodInSpan(catalogue.periods, now);
  const done = reportDue(current, catalogue.periods).getTime() < now.getTime();
  return done ? current : prevPeriod(current);
}

/**
 * `/plan summary preview [period] [plan]`: the circular as it would post now, for the plan named (its slug), else
 * the plan bound to the channel, else the first running plan. The frame follows the asker's language; the circular
 * itself is the plan's document and reads as it will be published.
 */
export async function handleSummaryPreview(
  deps: Deps,
  cmd: CommandInfo & { channel_id?: string },
  args: string[] = [],
): Promise<CommandReply> {
  const named = args.map((w) => planBySlug(deps, w)).find((e) => e !== undefined);
  const rest = args.filter((w) => !planBySlug(deps, w));
  const lang = scheduleLang(rest.filter((w) => parsePeriod(w) === null));
  if (!(await isAdmin(deps.db, cmd.user_id))) return { text: t(lang, 'schedule.notAdmin') };
  const entry =
    named ?? channelPlan(deps.running(), deps.workspace, cmd.channel_id) ?? deps.running()[0] ?? deps.plans.shipped;
  const { catalogue } = entry;
  // A word with a figure in it is meant as a period: one that does not read as a period is said, not ignored.
  // (`2016年 上半年`, written in two words, is one period.)
  const whole = rest.length > 1 && parsePeriod(rest.join('')) !== null ? rest.join('') : undefined;
  const unread = !whole && rest.some((w) => /\d/.test(w) && parsePeriod(w) === null);
  const periodText = whole ?? rest.filter((w) => parsePeriod(w) !== null).join('');
  const period = unread ? null : previewPeriod(deps, catalogue, periodText);
  if (!period) return { text: t(lang, 'preview.badPeriod') };
  if (!isWithinPlan(period, catalogue.periods)) {
    return {
      text: t(lang, 'preview.outside', {
        period: formatPeriod(period, lang),
        span: spanText(catalogue.periods, lang),
      }),
    };
  }
  const { config } = (await loadSchedules(deps.db)).summary;
  const planDeps = planJobDeps(deps, entry);
  const circular = await buildPeriodCircular(planDeps, period, config, deps.clock.now());
  const [withPoints] = withReportPoints(
    [
      {
        recipient: '',
        kind: 'circular',
        payload: {
          method: 'chat.postMessage',
          channel: '',
          ...circularMessage(circular, config.timezone ?? deps.workspace.timezone),
        },
      },
    ],
    await buildPeriodReportPoints(planDeps, period),
  );
  const message = withPoints?.payload.method === 'chat.postMessage' ? withPoints.payload : { text: '', blocks: [] };
  const note: KnownBlock = {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: t(lang, 'preview.note', { period: formatPeriod(period, lang), title: safeText(entry.title) }),
      },
    ],
  };
  const blocks = (message.blocks ?? []) as KnownBlock[];
  return { text: `${t(lang, 'preview.prefix')}${message.text}`.slice(0, 3000), blocks: [note, ...blocks].slice(0, 50) };
}
