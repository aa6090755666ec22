import { createInterface } from 'node:readline/promises';
import { directoryOf } from '../workspace/file.js';
import { ActionError, type ClockHook, performAction, type ScriptAction } from './actions.js';
import { type RenderOptions, renderMessage, renderView } from './render-blocks.js';
import { saveUploads } from './saved-files.js';
import { GENERAL_CHANNEL, type SandboxEvent, type SandboxSession } from './session.js';

const HELP = `Type as the chosen person:
  text              a direct message to planbot
  @planbot text     a mention in the current channel
  /plan …           a slash command in the current channel (also /progress, /report)
  :thread text      a reply in the thread of planbot's last message in the current channel
  :click 按钮        click a button on what you see last, as shown (a modal's 取消/关闭 closes it)
  :submit k=v k=v   submit the open modal (k: an input's label word or action_id)
  :submit 标签       tick a checkbox by its label (also k=yes / k=no)
  :home             open planbot's App Home tab
  :file PATH [text] share a file with planbot in your DM (a plan document to import, for admins)
  :as 名字 or U_ID   speak as someone else      :in C_ID   move to another channel
  :users            who is who                 :clock 2016-07-01T09:00  move the clock
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
    if (word === 'home') return { as, home: true };
    if (word === 'file' && rest[0]) {
      const comment = rest.slice(1).join(' ');
      return { as, dm_file: rest[0], ...(comment ? { text: comment } : {}) };
    }
    if (word === 'submit') {
      const values: Record<string, string> = {};
      for (const pair of rest) {
        const at = pair.indexOf('=');
        // A bare word is a checkbox ticked by its label.
        if (at > 0) values[pair.slice(0, at)] = pair.slice(at + 1);
        else if (pair) values[pair] = 'yes';
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

export interface TerminalOptions {
  onClock?: ClockHook;
  /** Where files planbot uploads (charts, exports) are written so they can be opened. */
  filesDir?: string;
}

export interface Terminal {
  prompt(): string;
  /** Handles one typed line; returns what to print, or null when the person leaves. */
  handle(line: string): Promise<string | null>;
}

/** The prompt's logic without the terminal: who speaks where, meta commands, and the bot's answers as text. */
export function createTerminal(session: SandboxSession, options: TerminalOptions = {}): Terminal {
  const ws = session.deps.workspace;
  const people = directoryOf(ws);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const render: RenderOptions = { userName: (id) => names.get(id) };
  let as = ws.units[0]?.members[0] ?? ws.admins[0] ?? 'U_GUEST';
  let channel = ws.units[0]?.channel ?? GENERAL_CHANNEL;

  const meta = (word: string, arg: string): string | null => {
    if (word === 'quit' || word === 'exit') return null;
    if (word === 'as' && arg) {
      // Read again: the workspace file may have been reloaded with new people.
      const person = findPerson(directoryOf(session.deps.workspace), arg);
      if (typeof person === 'string') return `  ! ${person}`;
      as = person.id;
      names.set(person.id, person.name);
      return `  now speaking as ${person.name} (${person.id})`;
    }
    if (word === 'in' && arg) {
      channel = arg;
      return `  now in ${channel}`;
    }
    if (word === 'users') return people.map((p) => `  ${p.id}  ${p.name}`).join('\n');
    return HELP;
  };

  return {
    prompt: () => `${names.get(as) ?? as} (${as}) in ${channel}> `,
    async handle(line) {
      if (!line.trim()) return '';
      const action = lineToAction(line, as, channel);
      if ('meta' in action) return meta(action.meta, action.arg);
      const out: string[] = [];
      try {
        const clicker = 'click' in action ? action.as : undefined;
        const modal = clicker ? session.modals.get(clicker) : undefined;
        const events = await performAction(session, action, options.onClock);
        if (clicker && modal && events.length === 0 && session.modals.get(clicker) !== modal)
          out.push('  (modal closed)');
        for (const event of events) {
          const text = describe(event, render);
          if (text) out.push(text);
          const saved = options.filesDir ? await saveUploads(session, event, options.filesDir) : [];
          for (const path of saved) out.push(`  (file saved: ${path})`);
        }
      } catch (error) {
        out.push(`  ! ${error instanceof ActionError ? error.message : (error as Error).message}`);
      }
      return out.join('\n');
    },
  };
}

/** A person named by id or by name (exactly, then by part of the name); otherwise who there is. */
export function findPerson(
  people: ReadonlyArray<{ id: string; name: string }>,
  arg: string,
): { id: string; name: string } | string {
  const wanted = arg.trim();
  const exact = people.find((p) => p.id === wanted || p.id.toLowerCase() === wanted.toLowerCase() || p.name === wanted);
  if (exact) return exact;
  const partial = people.filter((p) => p.name.includes(wanted));
  if (partial.length === 1 && partial[0]) return partial[0];
  const list = people.map((p) => `${p.name} (${p.id})`).join(', ');
  if (partial.length > 1) return `"${wanted}" could be ${partial.map((p) => `${p.name} (${p.id})`).join(' or ')}`;
  return `no one called "${wanted}" is in this workspace; people: ${list}`;
}

/** The interactive prompt of the local workspace. */
export async function runTerminal(
  session: SandboxSession,
  options: TerminalOptions & { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } = {},
): Promise<void> {
  const output = options.output ?? process.stdout;
  const terminal = createTerminal(session, options);
  const rl = createInterface({ input: options.input ?? process.stdin, output });
  output.write(`planbot local workspace — ${HELP}\n\n`);
  try {
    for (;;) {
      const line = await rl.question(terminal.prompt()).catch(() => ':quit');
      const text = await terminal.handle(line);
      if (text === null) return;
      if (text) output.write(`${text}\n`);
    }
  } finally {
    rl.close();
  }
}
