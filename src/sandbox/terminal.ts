import { createInterface } from 'node:readline/promises';
import { directoryOf } from '../workspace/file.js';
import { ActionError, type ClockHook, performAction, type ScriptAction } from './actions.js';
import { type RenderOptions, renderMessage, renderView } from './render-blocks.js';
import { GENERAL_CHANNEL, type SandboxEvent, type SandboxSession } from './session.js';

const HELP = `Type as the chosen person:
  text              a direct message to planbot
  @planbot text     a mention in the current channel
  /plan …           a slash command in the current channel (also /progress, /report)
  :thread text      a reply in the thread of planbot's last message in the current channel
  :click 按钮        click a button on what you see last
  :submit k=v k=v   submit the open modal (k: an input's label word or action_id)
  :as U_ID          speak as someone else      :in C_ID   move to another channel
  :users            who is who                 :clock ISO move the clock
  :help             this text                  :quit      leave`;

/** Parses one line typed at the prompt into a script action. */
export function lineToAction(line: string, as: string, channel: string): ScriptAction | { meta: string; arg: string } {
  const text = line.trim();
  if (text.startsWith(':')) {
    const [word = '', ...rest] = text.slice(1).split(/\s+/);
    const arg = rest.join(' ');
    if (word === 'thread') return { as, channel, thread: 'last', text: arg };
    if (word === 'click') return { as, click: arg };
    if (word === 'clock') return { clock: arg };
    if (word === 'submit') {
      const values: Record<string, string> = {};
      for (const pair of rest) {
        const at = pair.indexOf('=');
        if (at > 0) values[pair.slice(0, at)] = pair.slice(at + 1);
      }
      return { as, submit: values };
    }
    return { meta: word, arg };
  }
  if (text.startsWith('/')) {
    const [command = '', ...rest] = text.split(/\s+/);
    return { as, channel, command, text: rest.join(' ') };
  }
  const mention = /^@planbot\b\s*/i;
  if (mention.test(text)) return { as, channel, mention: text.replace(mention, '') };
  return { as, dm: text };
}

/** The bot's output as a person would read it. */
export function describe(event: SandboxEvent, options: RenderOptions): string | undefined {
  if ('response_url' in event) {
    const body = event.response_url as { text?: string; blocks?: unknown[]; delete_original?: boolean };
    return body.delete_original ? '  (the message is removed)' : `[只有你可见]\n${renderMessage(body, options)}`;
  }
  if ('ack' in event) {
    if (event.status && event.status !== 200) return `  (Slack request refused: HTTP ${event.status})`;
    const ack = event.ack as {
      text?: string;
      blocks?: unknown[];
      response_action?: string;
      errors?: Record<string, string>;
    } | null;
    if (!ack || typeof ack !== 'object') return undefined;
    if (ack.response_action === 'errors')
      return `[表单有误]\n${Object.values(ack.errors ?? {})
        .map((e) => `  • ${e}`)
        .join('\n')}`;
    return ack.text || ack.blocks ? `[只有你可见]\n${renderMessage(ack, options)}` : undefined;
  }
  const a = event.args;
  switch (event.call) {
    case 'chat.postMessage':
      return `[planbot → ${String(a.channel)}${a.thread_ts ? ' (thread)' : ''}]\n${renderMessage(a as { text?: string; blocks?: unknown[] }, options)}`;
    case 'chat.postEphemeral':
      return `[planbot → ${String(a.user)} only]\n${renderMessage(a as { text?: string; blocks?: unknown[] }, options)}`;
    case 'chat.update':
      return `[planbot edits its message]\n${renderMessage(a as { text?: string; blocks?: unknown[] }, options)}`;
    case 'chat.appendStream':
      return typeof a.markdown_text === 'string' ? a.markdown_text : undefined;
    case 'views.open':
    case 'views.push':
    case 'views.update':
      return `[窗口]\n${renderView(a.view, options)}`;
    case 'views.publish':
      return `[App Home of ${String(a.user_id)}]\n${renderView(a.view, options)}`;
    case 'files.completeUploadExternal':
      return `[planbot uploads a file to ${String(a.channel_id)}]`;
    default:
      return undefined;
  }
}

/** The interactive prompt of the local workspace. */
export async function runTerminal(session: SandboxSession, onClock?: ClockHook): Promise<void> {
  const people = directoryOf(session.deps.workspace);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const options: RenderOptions = { userName: (id) => names.get(id) };
  let as = session.deps.workspace.units[0]?.members[0] ?? session.deps.workspace.admins[0] ?? 'U_GUEST';
  let channel = session.deps.workspace.units[0]?.channel ?? GENERAL_CHANNEL;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  process.stdout.write(`planbot local workspace — ${HELP}\n\n`);
  try {
    for (;;) {
      const line = await rl.question(`${names.get(as) ?? as} (${as}) in ${channel}> `).catch(() => ':quit');
      if (!line.trim()) continue;
      const action = lineToAction(line, as, channel);
      if ('meta' in action) {
        if (action.meta === 'quit' || action.meta === 'exit') return;
        if (action.meta === 'as' && action.arg) as = action.arg;
        else if (action.meta === 'in' && action.arg) channel = action.arg;
        else if (action.meta === 'users') for (const p of people) process.stdout.write(`  ${p.id}  ${p.name}\n`);
        else process.stdout.write(`${HELP}\n`);
        continue;
      }
      try {
        for (const event of await performAction(session, action, onClock)) {
          const text = describe(event, options);
          if (text) process.stdout.write(`${text}\n`);
        }
      } catch (error) {
        process.stdout.write(`  ! ${error instanceof ActionError ? error.message : (error as Error).message}\n`);
      }
    }
  } finally {
    rl.close();
  }
}
