import type { KnownBlock } from '@slack/types';
import { detectLang } from '../../../answer/lang.js';
import type { Lang } from '../../../answer/types.js';
import type { Deps } from '../../../deps.js';
import { type MessageKey, t } from '../../../messages/index.js';
import { type Scoring, scoringOf } from '../../../plan/rules.js';
import { periodInSpan, spanText } from '../../../plan/span.js';
import {
  formatPeriod,
  isWithinPlan,
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
import { loadSchedules, saveSchedule } from '../../../schedule/repository.js';
import { isAdmin } from '../../../workspace/repository.js';
import { circularMessage } from '../../blocks/circular.js';
import { dateZh } from '../../blocks/reminder.js';
import { safeText } from '../../blocks/text.js';

/** `/plan schedule [show | set [job] <field> <value> | pause [job] | resume [job]]` and `/plan summary preview [period]`, for admins. */

export interface CommandReply {
  text: string;
  blocks?: KnownBlock[];
}

interface CommandInfo {
  user_id: string;
}

const isJob = (word: string | undefined): word is JobName => JOBS.includes(word as JobName);
const JOB_ZH: Record<JobName, string> = { reminders: '报告提醒', summary: '半年通报' };

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
  for (const job of JOBS) {
    const { config, paused } = schedules[job];
    const tz = config.timezone ?? deps.workspace.timezone;
    const next = nextSlot(planSlots(config, deps.catalogue.periods, deps.catalogue.periods), now, job);
    const when = next
      ? `${dateZh(next.at, tz)} ${config.time}(${next.slot}${next.movedFrom ? `,由 ${next.movedFrom} 顺延` : ''})`
      : '计划期内已无';
    const what =
      job === 'reminders'
        ? `截止前 ${config.remindDaysBefore.join('、')} 天提醒,逾期 ${config.overdueDaysAfter.join('、')} 天催报,逾期 ${config.escalateDaysAfter} 天告知管理员`
        : `截止后 ${config.circularDaysAfter} 天发布通报;${scoringSummary(scoringOf(deps.catalogue.rules, config.scoring))}`;
    lines.push(
      `*${JOB_ZH[job]}*${paused ? '(已暂停)' : ''}:${what};每天 ${config.time}(${tz});${config.publicHolidays ? '法定节假日顺延、调休上班日照常' : '不按法定节假日顺延'}${config.skipDates.length ? `,另有 ${config.skipDates.length} 天顺延` : ''}${config.skipWeekends ? ',周末顺延' : ''}。下一次:${when}`,
    );
  }
  const counts = await outboxCounts(deps.db);
  const failed = await failedMessages(deps.db);
  const failedText = failed.length
    ? failed
        .map((f) => `• ${f.job} ${f.slot} → ${f.recipient}(${safeText(f.kind)}):${safeText(f.error ?? '')}`)
        .join('\n')
    : '无';
  const text = `${lines.join('\n')}\n\n发送队列:已发送 ${counts.sent ?? 0},待发送 ${(counts.pending ?? 0) + (counts.sending ?? 0)},失败 ${counts.failed ?? 0}。\n*未能送达的消息*\n${failedText}`;
  return {
    text: text.replace(/\*/g, ''),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }],
  };
}

function scoringSummary(s: Scoring): string {
  if (!s.enabled) return '不计分排名';
  const card = s.card.enabled ? `,后 ${s.card.lowest} 名亮${s.card.word}` : '';
  return `计分:职责 ${s.duties} + 及时性 ${s.timeliness}${card}`;
}

/** The period a preview is for: the one named, else the latest whose report deadline has passed. */
function previewPeriod(deps: Deps, args: string[]): PeriodId | null {
  const named = args.join('').trim();
  if (named) return parsePeriod(named);
  const now = deps.clock.now();
  const current = periodInSpan(deps.catalogue.periods, now);
  const done = reportDue(current, deps.catalogue.periods).getTime() < now.getTime();
  return done ? current : prevPeriod(current);
}

export async function handleSummaryPreview(deps: Deps, cmd: CommandInfo, args: string[] = []): Promise<CommandReply> {
  if (!(await isAdmin(deps.db, cmd.user_id))) return { text: t('zh', 'schedule.notAdmin') };
  const period = previewPeriod(deps, args);
  if (!period) return { text: '无法识别期次,请写作 2016H1 或 2016年上半年。' };
  if (!isWithinPlan(period, deps.catalogue.periods)) {
    return { text: `${formatPeriod(period)}不在计划期内(${spanText(deps.catalogue.periods)}),没有通报。` };
  }
  const { config } = (await loadSchedules(deps.db)).summary;
  const circular = await buildPeriodCircular(deps, period, config, deps.clock.now());
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
    await buildPeriodReportPoints(deps, period),
  );
  const message = withPoints?.payload.method === 'chat.postMessage' ? withPoints.payload : { text: '', blocks: [] };
  const note: KnownBlock = {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `预览:${formatPeriod(period)}通报尚未发布,仅您可见;按当前数据生成,发布时以届时数据为准。`,
      },
    ],
  };
  const blocks = (message.blocks ?? []) as KnownBlock[];
  return { text: `【预览】${message.text}`.slice(0, 3000), blocks: [note, ...blocks].slice(0, 50) };
}
