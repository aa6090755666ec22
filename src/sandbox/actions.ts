import { z } from 'zod';
import { ManualClock } from '../clock.js';
import { type BlockButton, buttonsOf, findInputs } from './render-blocks.js';
import { GENERAL_CHANNEL, SANDBOX_BOT, type SandboxEvent, type SandboxSession, type Surface } from './session.js';
import type { SignedRequest } from './signing.js';

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

export class ActionError extends Error {}

const form = (fields: Record<string, string>): SignedRequest => ({
  body: new URLSearchParams(fields).toString(),
  contentType: 'application/x-www-form-urlencoded',
});

const interactive = (payload: unknown): SignedRequest => form({ payload: JSON.stringify(payload) });

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

function eventRequest(session: SandboxSession, event: Record<string, unknown>): SignedRequest {
  const now = Math.floor(session.deps.clock.now().getTime() / 1000);
  return {
    body: JSON.stringify({
      token: 'sandbox-verification-token',
      team_id: SANDBOX_BOT.teamId,
      api_app_id: SANDBOX_BOT.appId,
      event: { ...event, team: SANDBOX_BOT.teamId, event_ts: event.ts },
      type: 'event_callback',
      event_id: `Ev${session.nextTs().replace('.', '')}`,
      event_time: now,
      authorizations: [
        { team_id: SANDBOX_BOT.teamId, user_id: SANDBOX_BOT.userId, is_bot: true, is_enterprise_install: false },
      ],
    }),
    contentType: 'application/json',
  };
}

/** The fields every interaction payload carries: who, from which team and app, with a fresh trigger. */
function interactionOf(session: SandboxSession, type: 'view_submission' | 'block_actions', userId: string) {
  return {
    type,
    team: { id: SANDBOX_BOT.teamId, domain: 'sandbox' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: SANDBOX_BOT.teamId },
    api_app_id: SANDBOX_BOT.appId,
    token: 'sandbox-verification-token',
    trigger_id: session.triggerId(userId),
  };
}

const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase();

async function submit(
  session: SandboxSession,
  userId: string,
  values: Record<string, string | number | boolean>,
): Promise<SandboxEvent[]> {
  const viewId = session.modals.get(userId);
  const open = viewId ? session.fake.views.get(viewId) : undefined;
  if (!viewId || !open) throw new ActionError(`no modal is open for ${userId}`);
  const view = open.view as Record<string, unknown>;
  const inputs = findInputs(view);
  const state: Record<string, Record<string, unknown>> = {};
  const named = new Map<string, string>();
  for (const [key, raw] of Object.entries(values)) {
    const k = fold(key);
    const input =
      inputs.find((i) => fold(i.actionId) === k) ??
      inputs.find((i) => fold(i.label ?? '').includes(k)) ??
      inputs.find((i) => k.includes(fold(i.label ?? '\u0000')));
    if (!input)
      throw new ActionError(
        `the modal has no input named "${key}"; inputs: ${inputs.map((i) => i.label ?? i.actionId).join(', ')}`,
      );
    named.set(input.actionId, String(raw));
  }
  for (const input of inputs) {
    const given = named.get(input.actionId);
    const value = given !== undefined ? stateValue(input, given) : initialState(input);
    state[input.blockId] = { ...(state[input.blockId] ?? {}), [input.actionId]: value };
  }
  const payload = {
    ...interactionOf(session, 'view_submission', userId),
    view: {
      ...view,
      id: viewId,
      team_id: SANDBOX_BOT.teamId,
      app_id: SANDBOX_BOT.appId,
      bot_id: SANDBOX_BOT.botId,
      state: { values: state },
    },
    response_urls: [],
    is_enterprise_install: false,
  };
  const events = await session.deliver(interactive(payload), userId);
  const ack = events.find((e): e is { ack: unknown } => 'ack' in e)?.ack as
    | { response_action?: string }
    | null
    | undefined;
  // A modal stays open when the app asks for corrections or replaces it; otherwise Slack closes it.
  if (
    !ack ||
    (ack.response_action !== 'errors' && ack.response_action !== 'update' && ack.response_action !== 'push')
  ) {
    if (session.modals.get(userId) === viewId) session.modals.delete(userId);
  }
  return events;
}

type Input = ReturnType<typeof findInputs>[number];

function stateValue(input: Input, given: string): unknown {
  switch (input.type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      const option =
        input.options?.find((o) => fold(o.value) === fold(given)) ??
        input.options?.find((o) => fold(o.text) === fold(given)) ??
        input.options?.find((o) => fold(o.text).includes(fold(given)));
      if (!option)
        throw new ActionError(
          `"${given}" is not an option of ${input.label ?? input.actionId}; options: ${(input.options ?? []).map((o) => o.text).join(', ')}`,
        );
      return { type: input.type, selected_option: slackOption(option) };
    }
    case 'datepicker':
      return { type: input.type, selected_date: given };
    case 'checkboxes': {
      const picked = given.split(',').map(fold);
      const selected = (input.options ?? []).filter(
        (o) => picked.includes(fold(o.text)) || picked.includes(fold(o.value)),
      );
      return { type: input.type, selected_options: selected.map(slackOption) };
    }
    default:
      return { type: input.type, value: given };
  }
}

const slackOption = (o: { text: string; value: string }) => ({
  text: { type: 'plain_text', text: o.text },
  value: o.value,
});

function initialState(input: Input): unknown {
  const initial = input.initial;
  switch (input.type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return {
        type: input.type,
        selected_option: initial ? slackOption(initial as { text: string; value: string }) : null,
      };
    case 'datepicker':
      return { type: input.type, selected_date: initial ?? null };
    case 'checkboxes':
      return { type: input.type, selected_options: Array.isArray(initial) ? initial.map(slackOption) : [] };
    default:
      return {
        type: input.type,
        value: typeof initial === 'string' ? initial : initial == null ? null : String(initial),
      };
  }
}

async function click(session: SandboxSession, userId: string, target: string): Promise<SandboxEvent[]> {
  const recent = session.surfaces.recent(userId);
  if (!recent.length) throw new ActionError(`nothing is shown to ${userId} to click on`);
  const t = fold(target);
  const pick = (b: BlockButton) => fold(b.actionId) === t || fold(b.text) === t;
  const near = (b: BlockButton) => fold(b.text).includes(t);
  // The newest thing on screen with that button: an exact match first, then a partial one.
  let found: { surface: Surface; button: BlockButton; view?: Record<string, unknown> } | undefined;
  for (const match of [pick, near]) {
    for (const surface of recent) {
      const view =
        surface.kind === 'view'
          ? (session.fake.views.get(surface.viewId)?.view as Record<string, unknown> | undefined)
          : undefined;
      const button = buttonsOf(surface.kind === 'view' ? (view ?? {}) : surface.blocks).find(match);
      if (button) {
        found = { surface, button, view };
        break;
      }
    }
    if (found) break;
  }
  if (!found) {
    const seen = buttonsOf(recent[0]?.kind === 'message' ? recent[0].blocks : {}).map((b) => b.text);
    throw new ActionError(`no button "${target}" on what ${userId} sees; buttons: ${seen.join(', ') || 'none'}`);
  }
  const { surface, button, view } = found;
  const base = {
    ...interactionOf(session, 'block_actions', userId),
    actions: [
      {
        type: 'button',
        action_id: button.actionId,
        block_id: button.blockId,
        text: { type: 'plain_text', text: button.text },
        value: button.value,
        action_ts: session.nextTs(),
      },
    ],
    is_enterprise_install: false,
  };
  const payload =
    surface.kind === 'view'
      ? { ...base, container: { type: 'view', view_id: surface.viewId }, view: { ...(view ?? {}), id: surface.viewId } }
      : {
          ...base,
          container: {
            type: 'message',
            message_ts: surface.ts,
            channel_id: surface.channel,
            is_ephemeral: !surface.ts,
          },
          channel: { id: surface.channel, name: surface.channel.toLowerCase() },
          message: { type: 'message', ts: surface.ts, text: surface.text ?? '', blocks: surface.blocks },
          response_url: session.responseUrl(userId, surface.channel, surface),
        };
  return session.deliver(interactive(payload), userId);
}
