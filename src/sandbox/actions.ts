import { z } from 'zod';
import { ManualClock } from '../clock.js';
import { click, submit } from './interactions.js';
import { ActionError, eventRequest, form } from './requests.js';
import { GENERAL_CHANNEL, SANDBOX_BOT, type SandboxEvent, type SandboxSession } from './session.js';

export { ActionError };

/** The actions of a sandbox script (CONTRACT §4), one JSON object a line. */
const user = z.string().regex(/^[UW][A-Z0-9_]+$/, 'must be a user id such as U_JLY_1');
const channel = z.string().regex(/^[CGD][A-Z0-9_]+$/, 'must be a channel id such as C_JLY');

export const ScriptAction = z.union([
  z.object({ as: user, dm: z.string().min(1) }).strict(),
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
        .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time such as 2016-06-20T09:00:00+08:00'),
    })
    .strict(),
  z.object({ redeliver: z.literal(true) }).strict(),
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
    clock.set(new Date(action.clock));
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
  if ('command' in action) {
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
