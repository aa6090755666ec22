import { parseArgs } from 'node:util';
import { boot } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { currentPeriod, localParts, type PeriodId, parsePeriod, prevPeriod, reportDue } from '../progress/periods.js';
import { claimSlot, finishRun } from './claim.js';
import { JOBS, type JobName } from './config.js';
import type { Slot, SlotKind } from './due.js';
import { planSlotMessages } from './jobs.js';
import { enqueue, type OutboxMessage } from './outbox.js';
import { planJobDeps } from './plans.js';
import { loadSchedules } from './repository.js';
import { draftForReview } from './review.js';
import { createScheduler } from './scheduler.js';
import { createJobClient } from './send.js';

export const JOB_HELP = `Usage: planbot job run reminders|summary [--plan SLUG] [--period P] [--kind reminder|overdue|escalation] [--dry-run] [--json]

  reminders   remind the units that still owe the period's report (channel post and DM to leads)
  summary     the half-year circular (通报) in the summary channel, with its chart and per-unit thread replies
  --plan SLUG the plan to run it for (default: the first the workspace runs); each plan has its own units and words
  --period P  2016H1, 2016H2…; default: reminders for the current period, the circular for the last one due
  --kind K    for reminders: reminder (before the deadline), overdue, or escalation (admins); default from the date
  --dry-run   print what would be sent, send nothing (works without Slack credentials)
  --json      print one JSON object a line: {recipient, kind, method, text}

A real run posts through the outbox once per period, kind and day, like the scheduler (needs SLACK_BOT_TOKEN).`;

/** `planbot job run reminders|summary [--period P] [--dry-run]`: a manual run, or a preview of one. */
export async function runJobCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      period: { type: 'string' },
      plan: { type: 'string' },
      kind: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const [verb, jobWord] = positionals;
  if (values.help || verb !== 'run' || !JOBS.includes(jobWord as JobName)) {
    process[values.help ? 'stdout' : 'stderr'].write(`${JOB_HELP}\n`);
    return values.help ? 0 : 2;
  }
  const job = jobWord as JobName;
  const config = loadConfig();
  const dryRun = values['dry-run'] === true;
  if (!dryRun && config.slack.kind === 'local') {
    process.stderr.write(
      'planbot job run: no Slack credentials (SLACK_BOT_TOKEN); use --dry-run to see what would be sent\n',
    );
    return 2;
  }
  const logger = createLogger({
    level: config.logLevel === 'info' ? 'warn' : config.logLevel,
    secrets: config.secrets,
  });
  const booted = await boot(config, { logger, offline: true });
  try {
    const running = booted.deps.running();
    const entry = values.plan ? running.find((e) => e.slug === values.plan) : (running[0] ?? booted.deps.plans.shipped);
    if (!entry) {
      process.stderr.write(`planbot job run: the workspace runs no plan ${values.plan}\n`);
      return 2;
    }
    const deps = planJobDeps(booted.deps, entry);
    const now = deps.clock.now();
    const calendar = deps.catalogue.periods;
    let period: PeriodId | null;
    if (values.period) {
      period = parsePeriod(values.period);
      if (!period) {
        process.stderr.write(`planbot job run: not a period: ${values.period} (write 2016H1)\n`);
        return 2;
      }
    } else {
      const current = currentPeriod(now, calendar.timezone);
      period =
        job === 'summary' && reportDue(current, calendar).getTime() >= now.getTime() ? prevPeriod(current) : current;
    }
    const due = reportDue(period, calendar);
    const kind: SlotKind =
      job === 'summary' ? 'circular' : ((values.kind as SlotKind | undefined) ?? (now <= due ? 'reminder' : 'overdue'));
    if (!['reminder', 'overdue', 'escalation', 'circular'].includes(kind)) {
      process.stderr.write(`planbot job run: --kind must be reminder, overdue or escalation\n`);
      return 2;
    }
    const day = localParts(now, calendar.timezone);
    const slot: Slot = {
      job,
      slot: `${entry.slug}/${period}/manual-${kind}-${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`,
      period,
      kind,
      offsetDays: 0,
      at: now,
    };
    const { config: scheduleConfig } = (await loadSchedules(deps.db))[job];
    const messages = await planSlotMessages(deps, slot, scheduleConfig, now);
    for (const m of messages) process.stdout.write(`${describe(m, values.json === true)}\n`);
    process.stderr.write(
      `${messages.length} message(s) for ${job} ${slot.slot}${dryRun ? ' (dry run: nothing sent)' : ''}\n`,
    );
    if (dryRun || config.slack.kind === 'local') return 0;
    const worker = `cli:${process.pid}`;
    if ((await claimSlot(deps.db, job, slot.slot, worker, now, 120_000)) === 'taken') {
      process.stderr.write(`already run today (${slot.slot}); sending whatever of it is still unsent\n`);
    } else {
      // Under review the circular goes to the admins as a draft, as at its scheduled time; an admin posts it.
      const review = kind === 'circular' && scheduleConfig.circularReview;
      const queued = review ? await draftForReview(deps, slot, scheduleConfig, now, worker) : messages;
      if (review)
        process.stderr.write(`circular review is on: the draft goes to the admins (${queued.length} DM(s))\n`);
      await enqueue(deps.db, job, slot.slot, queued, now);
      await finishRun(deps.db, job, slot.slot, worker, now, 'done', `${queued.length} messages (manual)`);
    }
    const drained = await createScheduler(deps, createJobClient(config.slack.botToken, config.slack.slackApiUrl), {
      workerId: worker,
    }).drainOutbox();
    process.stderr.write(`sent ${drained.sent}, failed ${drained.failed}, deferred ${drained.deferred}\n`);
    return drained.failed ? 1 : 0;
  } finally {
    await booted.close();
  }
}

function describe(m: OutboxMessage, json: boolean): string {
  const p = m.payload;
  const text =
    p.method === 'chat.postMessage'
      ? p.text
      : `[${p.filename}, ${Math.round((p.data.length * 3) / 4 / 1024)} KiB] ${p.title}`;
  if (json)
    return JSON.stringify({ recipient: m.recipient, kind: m.kind, method: p.method, thread: p.threadOf ?? null, text });
  return `→ ${m.recipient} (${m.kind}${p.threadOf ? `, in the thread of ${p.threadOf}` : ''})\n${text}\n`;
}
