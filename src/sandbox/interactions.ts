import { type BlockButton, buttonLabel, buttonsOf, findInputs } from './render-blocks.js';
import { ActionError, interactionOf, interactive } from './requests.js';
import { SANDBOX_BOT, type SandboxEvent, type SandboxSession, type Surface } from './session.js';

/** Submitting a modal and clicking a button as a person would: by label or action_id, on what they were shown. */

const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase();

export async function submit(
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
    case 'checkboxes':
      return { type: input.type, selected_options: tickedOptions(input, given).map(slackOption) };
    default:
      return { type: input.type, value: given };
  }
}

const YES = new Set(['true', 'yes', 'y', '1', 'on', 'x', '✓', '是', '对', '勾选', '选中']);
const NO = new Set(['false', 'no', 'n', '0', 'off', '', '否', '不', '不勾选']);

/**
 * The boxes a person ticks by typing an option's label or value (several separated by `;` or `,`), or yes/no for a
 * single box — as they would tick what they read. An option's label may itself contain a comma, so the whole answer
 * is tried as one label first.
 */
function tickedOptions(input: Input, given: string): Array<{ text: string; value: string }> {
  const options = input.options ?? [];
  const answer = fold(given);
  const byLabel = (word: string) => options.filter((o) => fold(o.text) === word || fold(o.value) === word);
  const whole = byLabel(answer);
  if (whole.length) return whole;
  if (options.length === 1 && YES.has(answer)) return options;
  if (NO.has(answer)) return [];
  const picked = answer.split(/[;,]/).map((w) => w.trim());
  const found = options.filter((o) => picked.includes(fold(o.text)) || picked.includes(fold(o.value)));
  if (found.length) return found;
  throw new ActionError(
    `"${given}" is not an option of ${input.label ?? input.actionId}; options: ${options.map((o) => o.text).join(', ')}` +
      (options.length === 1 ? ' (or yes / no)' : ''),
  );
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

/** The words that close an open modal, besides its own close button's text ([取消], [关闭], [Cancel]). */
const CLOSE_WORDS = new Set(['关闭', '取消', 'close', 'cancel']);

/**
 * Clicking the close button of the modal on top of the screen closes it, as in Slack: it is no longer shown and no
 * longer submitted. planbot asks for no `view_closed` event, so Slack sends none. Returns false when the target is not
 * that close button.
 */
function closeModal(session: SandboxSession, userId: string, target: string): boolean {
  const top = session.surfaces.recent(userId)[0];
  if (top?.kind !== 'view' || top.viewId !== session.modals.get(userId)) return false;
  const view = session.fake.views.get(top.viewId)?.view as { close?: { text?: unknown } } | undefined;
  if (!view) return false;
  const closeText = typeof view.close?.text === 'string' ? fold(view.close.text) : '';
  if (target !== closeText && !CLOSE_WORDS.has(target)) return false;
  session.modals.delete(userId);
  // The log keeps a view once (shown again, it moves to the front), so this is its only entry.
  session.surfaces.remove(userId, top);
  return true;
}

/** What a surface shows: a modal's view (as the fake Slack holds it now), or a message's blocks. */
function shownOn(session: SandboxSession, surface: Surface): { view?: Record<string, unknown>; shown: unknown } {
  if (surface.kind !== 'view') return { shown: surface.blocks };
  const view = session.fake.views.get(surface.viewId)?.view as Record<string, unknown> | undefined;
  return { view, shown: view ?? {} };
}

export async function click(session: SandboxSession, userId: string, target: string): Promise<SandboxEvent[]> {
  const recent = session.surfaces.recent(userId);
  if (!recent.length) throw new ActionError(`nothing is shown to ${userId} to click on`);
  // A button as the terminal shows it, `驳回 ‹plan_review_reject:t05›`, is named by the action id in ‹›.
  const shownId = /‹([^›]+)›\s*$/.exec(target)?.[1];
  const t = fold(shownId ?? target);
  if (!shownId && closeModal(session, userId, t)) return [];
  const pick = (b: BlockButton) => fold(b.actionId) === t || fold(b.text) === t;
  const near = (b: BlockButton) => fold(b.text).includes(t);
  // The newest thing on screen with that button: an exact match first, then a partial one.
  let found: { surface: Surface; button: BlockButton; view?: Record<string, unknown> } | undefined;
  for (const match of [pick, near]) {
    for (const surface of recent) {
      const { view, shown } = shownOn(session, surface);
      const button = buttonsOf(shown).find(match);
      if (button) {
        found = { surface, button, view };
        break;
      }
    }
    if (found) break;
  }
  if (!found) {
    const newest = recent[0];
    // As the terminal shows them: buttons that repeat a label (one per row) carry their action id.
    const seen = newest ? buttonsOf(shownOn(session, newest).shown).map((b) => buttonLabel(b.text, b.actionId)) : [];
    const own = session.modals.has(userId) ? ' (the open modal: :submit to submit it, :click 取消 to close it)' : '';
    throw new ActionError(`no button "${target}" on what ${userId} sees; buttons: ${seen.join(', ') || 'none'}${own}`);
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
