import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { ManualClock } from '../clock.js';
import { zonedTime } from '../progress/periods.js';
import { click, submit } from './interactions.js';
import { ActionError, eventRequest, form } from './requests.js';
import { GENERAL_CHANNEL, SANDBOX_BOT, type SandboxEvent, type SandboxSession } from './session.js';
import { unknownCommand } from './slash-commands.js';

export { ActionError };

const CLOCK_EXAMPLE = '2016-07-01T09:00:00+08:00 (or 2016-07-01, 2016-07-01T09:00)';

const CLOCK_FORMAT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The instant a `clock` action names, or why it names none. Without an offset the time is the workspace's wall
 * clock (`timezone`); a date alone is that day at 00:00.
 */
export function parseClockTime(text: string, timezone = 'Asia/Shanghai'): Date | string {
  const trimmed = text.trim();
  const m = CLOCK_FORMAT.exec(trimmed);
  if (!m) return `"${trimmed}" is not a date-time the clock understands; write it as ${CLOCK_EXAMPLE}`;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0));
  const wall = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour, minute, second));
  if (wall.getUTCMonth() + 1 !== month || wall.getUTCDate() !== day || (hour ?? 0) > 23 || (minute ?? 0) > 59) {
    return `"${trimmed}" is not a real date-time; write it as ${CLOCK_EXAMPLE}`;
  }
  if (m[7]) return new Date(trimmed.replace(' ', 'T'));
  const at = zonedTime({ year: year ?? 0, month: month ?? 1, day: day ?? 1, hour, minute }, timezone);
  return new Date(at.getTime() + (second ?? 0) * 1000);
}

/** The actions of a sandbox script, one JSON object a line. */
const user = z.string().regex(/^[UW][A-Z0-9_]+$/, 'must be a user id such as U_JLY_1');
const channel = z.string().regex(/^[CGD][A-Z0-9_]+$/, 'must be a channel id such as C_JLY');

export const ScriptAction = z.union([
  z.object({ as: user, dm: z.string().min(1) }).strict(),
  /** The person shares a file (a path on this machine) with the bot in their DM, with an optional comment. */
  z.object({ as: user, dm_file: z.string().min(1), text: z.string().optional() }).strict(),
  z.object({ as: user, channel, mention: z.string() }).strict(),
  z.object({ as: user, channel, thread: z.literal('last'), text: z.string().min(1) }).strict(),
  z
    .object({
      as: user,
      channel: channel.optional(),
      command: z.string().regex(/^\/[a-z_-]+$/),
      text: z.string().default(''),
    })
    .strict(),
  z.object({ as: user, submit: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }).strict(),
  z.object({ as: user, click: z.string().min(1) }).strict(),
  z
    .object({
      clock: z
        .string()
        .refine((s) => typeof parseClockTime(s) !== 'string', `must be a date-time such as ${CLOCK_EXAMPLE}`),
    })
    .strict(),
  z.object({ redeliver: z.literal(true) }).strict(),
  /** The person opens planbot's App Home tab. */
  z.object({ as: user, home: z.literal(true) }).strict(),
]);
export type ScriptAction = z.infer<typeof ScriptAction>;

/** Runs jobs that fall due when the clock moves; the scheduler registers itself here. */
export type ClockHook = (now: Date) => Promise<void>;

/** Performs one action against the session and returns what the bot sent back for it. */
export async function performAction(
  session: SandboxSession,
  action: ScriptAction,
  onClock?: ClockHook,
): Promise<SandboxEvent[]> {
  if ('redeliver' in action) return session.redeliver();
  if ('clock' in action) {
    const clock = session.deps.clock;
    if (!(clock instanceof ManualClock))
      throw new ActionError('the clock can only be moved in a sandbox started with a manual clock');
    // A clock set to an invalid date would break every later request: refuse it and keep the time as it was.
    const at = parseClockTime(action.clock, session.deps.workspace.timezone);
    if (typeof at === 'string') throw new ActionError(at);
    clock.set(at);
    if (onClock) await session.deps.tasks.track(() => onClock(clock.now()));
    return session.settle();
  }
  if ('dm' in action) {
    const dm = session.fake.dmChannel(action.as);
    const msg = session.fake.addMessage({ channel: dm, user: action.as, text: action.dm });
    return session.deliver(
      eventRequest(session, {
        type: 'message',
        channel: dm,
        channel_type: 'im',
        user: action.as,
        text: action.dm,
        ts: msg.ts,
      }),
      action.as,
    );
  }
  if ('dm_file' in action) return shareFile(session, action.as, action.dm_file, action.text);
  if ('mention' in action) {
    const text = `<@${SANDBOX_BOT.userId}> ${action.mention}`;
    const msg = session.fake.addMessage({ channel: action.channel, user: action.as, text });
    const event = { channel: action.channel, user: action.as, text, ts: msg.ts };
    // Slack sends a channel message event and an app_mention for the same message.
    const first = await session.deliver(
      eventRequest(session, { type: 'message', channel_type: 'channel', ...event }),
      action.as,
    );
    const second = await session.deliver(eventRequest(session, { type: 'app_mention', ...event }), action.as);
    return [...first, ...second];
  }
  if ('thread' in action) {
    const last = session.lastBotMessage.get(action.channel);
    if (!last)
      throw new ActionError(`planbot has not posted in ${action.channel} yet, so there is no thread to reply in`);
    const threadTs = last.threadTs ?? last.ts;
    const msg = session.fake.addMessage({
      channel: action.channel,
      user: action.as,
      text: action.text,
      thread_ts: threadTs,
    });
    return session.deliver(
      eventRequest(session, {
        type: 'message',
        channel_type: 'channel',
        channel: action.channel,
        user: action.as,
        text: action.text,
        ts: msg.ts,
        thread_ts: threadTs,
      }),
      action.as,
    );
  }
  if ('home' in action) {
    return session.deliver(
      eventRequest(session, {
        type: 'app_home_opened',
        user: action.as,
        channel: session.fake.dmChannel(action.as),
        tab: 'home',
        ts: session.nextTs(),
      }),
      action.as,
    );
  }
  if ('command' in action) {
    // Slack answers a command no app registered itself, at once, without asking the app.
    const refusal = unknownCommand(action.command);
    if (refusal) throw new ActionError(refusal);
    const channelId = action.channel ?? GENERAL_CHANNEL;
    return session.deliver(
      form({
        token: 'sandbox-verification-token',
        team_id: SANDBOX_BOT.teamId,
        team_domain: 'sandbox',
        channel_id: channelId,
        channel_name: channelId.toLowerCase(),
        user_id: action.as,
        user_name: action.as.toLowerCase(),
        command: action.command,
        text: action.text,
        api_app_id: SANDBOX_BOT.appId,
        is_enterprise_install: 'false',
        response_url: session.responseUrl(action.as, channelId),
        trigger_id: session.triggerId(action.as),
      }),
      action.as,
    );
  }
  if ('submit' in action) return submit(session, action.as, action.submit);
  return click(session, action.as, action.click);
}

/** A file shared in the person's DM with the bot: stored by the fake Slack, then the `file_share` message event. */
async function shareFile(
  session: SandboxSession,
  userId: string,
  path: string,
  text: string | undefined,
): Promise<SandboxEvent[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new ActionError(`cannot read the file "${path}" to share`);
  }
  const channel = session.fake.dmChannel(userId);
  const msg = session.fake.shareFile({ channel, user: userId, name: basename(path), bytes, text });
  return session.deliver(
    eventRequest(session, {
      type: 'message',
      subtype: 'file_share',
      channel,
      channel_type: 'im',
      user: userId,
      text: msg.text,
      files: msg.files,
      upload: false,
      display_as_bot: false,
      ts: msg.ts,
    }),
    userId,
  );
}
