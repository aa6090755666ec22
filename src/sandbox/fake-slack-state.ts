// The conversation state behind the fake Slack Web API: people, conversations, messages, views and files.
// Ids and timestamps follow Slack's shapes so code that parses them (ts ordering, D… for DMs) behaves as in Slack.

import { randomInt } from 'node:crypto';
import type { FakeFile } from './fake-slack-files.js';

export interface DirectoryUser {
  id: string;
  name: string;
  realName?: string;
  /** The profile's e-mail address, for users.lookupByEmail. */
  email?: string;
  isBot?: boolean;
}

export interface DirectoryChannel {
  id: string;
  name: string;
  members?: string[];
}

export interface FakeSlackDirectory {
  users: DirectoryUser[];
  channels: DirectoryChannel[];
}

export interface FakeReaction {
  name: string;
  users: string[];
  count: number;
}

export interface FakeMessage {
  type: 'message';
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  team?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  files?: Array<Record<string, unknown> & { id: string; name: string; title: string }>;
  /** `file_share` when a person shared files with the message. */
  subtype?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  edited?: { user: string; ts: string };
  reactions?: FakeReaction[];
  /** True between chat.startStream and chat.stopStream. */
  streaming?: boolean;
}

export interface FakeUpload {
  id: string;
  filename: string;
  title: string;
  bytes: Buffer;
  length: number;
  altText?: string;
  snippetType?: string;
  /** Set by files.completeUploadExternal; undefined for a private upload. */
  channel?: string;
  threadTs?: string;
  initialComment?: string;
  completed: boolean;
}

export type SlackView = Record<string, unknown> & {
  id: string;
  hash: string;
  type: string;
  blocks: unknown[];
  external_id: string;
  callback_id: string;
  private_metadata: string;
  state: { values: Record<string, unknown> };
  root_view_id: string;
  previous_view_id: string | null;
};

export interface FakeView {
  id: string;
  /** The method that created it: views.open, views.push or views.publish. */
  openedBy: 'views.open' | 'views.push' | 'views.publish';
  /** The trigger_id it was opened with, so a runner can tell whose modal it is. */
  triggerId?: string;
  /** The App Home owner for views.publish. */
  userId?: string;
  view: SlackView;
}

export interface Conversation {
  id: string;
  name?: string;
  kind: 'channel' | 'im' | 'mpim';
  members: Set<string>;
  /** The person at the other end of a DM. */
  user?: string;
  created: number;
}

/** A Slack-level error: answered as HTTP 200 `{ ok: false, error }`. */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export interface WorkspaceOptions {
  directory: FakeSlackDirectory;
  botUserId: string;
  botId: string;
  teamId: string;
  now: () => Date;
}

export class FakeWorkspace {
  readonly users = new Map<string, DirectoryUser>();
  readonly conversations = new Map<string, Conversation>();
  readonly views = new Map<string, FakeView>();
  readonly uploads: FakeUpload[] = [];
  readonly pendingUploads = new Map<string, FakeUpload>();
  /** Files people shared (not the bot's uploads), by id. */
  readonly files = new Map<string, FakeFile>();
  private readonly history = new Map<string, FakeMessage[]>();
  private readonly dmByUser = new Map<string, string>();
  private lastSecond = 0;
  private lastMicro = 0;
  /**
   * Where each second's microseconds start, different in each session: Slack never gives two messages of a channel
   * one ts, but the local workspace's clock starts at the same instant every session while its database (the
   * questions asked in each thread) is kept, so a ts from the clock alone named an earlier session's thread.
   */
  private readonly microBase = 1 + randomInt(899_900);
  private counter = 0;

  constructor(readonly options: WorkspaceOptions) {
    const created = this.seconds();
    for (const user of options.directory.users) this.users.set(user.id, user);
    if (!this.users.has(options.botUserId)) {
      this.users.set(options.botUserId, { id: options.botUserId, name: 'planbot', realName: 'planbot', isBot: true });
    }
    for (const channel of options.directory.channels) {
      this.conversations.set(channel.id, {
        id: channel.id,
        name: channel.name,
        kind: 'channel',
        members: new Set(channel.members ?? []),
        created,
      });
    }
  }

  seconds(): number {
    return Math.floor(this.options.now().getTime() / 1000);
  }

  /** A message ts: `"1466441234.000100"`, strictly increasing even when the clock stands still or goes back. */
  nextTs(): string {
    const second = this.seconds();
    if (second > this.lastSecond) {
      this.lastSecond = second;
      this.lastMicro = this.microBase;
    } else {
      this.lastMicro += 100;
      if (this.lastMicro >= 1_000_000) {
        this.lastSecond += 1;
        this.lastMicro = this.microBase;
      }
    }
    return `${this.lastSecond}.${String(this.lastMicro).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(8, '0')}`;
  }

  user(id: string): DirectoryUser {
    const user = this.users.get(id);
    if (!user) throw new SlackApiError('user_not_found');
    return user;
  }

  hasDm(userId: string): boolean {
    return this.dmByUser.has(userId);
  }

  /** The DM between the bot and a person; stable per person (U_ADMIN → D_ADMIN). */
  dmChannel(userId: string): string {
    this.user(userId);
    const known = this.dmByUser.get(userId);
    if (known) return known;
    let id = `D${userId.replace(/^[UW]/, '')}`;
    while (this.conversations.has(id)) id = `${id}X`;
    this.dmByUser.set(userId, id);
    this.conversations.set(id, {
      id,
      kind: 'im',
      user: userId,
      members: new Set([userId, this.options.botUserId]),
      created: this.seconds(),
    });
    return id;
  }

  openMpim(userIds: string[]): string {
    for (const id of userIds) this.user(id);
    const members = new Set([...userIds, this.options.botUserId]);
    for (const conversation of this.conversations.values()) {
      if (conversation.kind === 'mpim' && sameMembers(conversation.members, members)) return conversation.id;
    }
    const id = this.nextId('G');
    this.conversations.set(id, { id, kind: 'mpim', name: `mpdm-${id}`, members, created: this.seconds() });
    return id;
  }

  /** A channel id, or a user id standing for the DM with that user (as chat.postMessage allows). */
  resolveChannel(id: string | undefined): Conversation {
    if (id === undefined || id === '') throw new SlackApiError('channel_not_found');
    const conversation =
      this.conversations.get(id) ?? (this.users.has(id) ? this.conversations.get(this.dmChannel(id)) : undefined);
    if (!conversation) throw new SlackApiError('channel_not_found');
    return conversation;
  }

  messages(channel: string): FakeMessage[] {
    return [...(this.history.get(channel) ?? [])];
  }

  findMessage(channel: string, ts: string | undefined): FakeMessage {
    const message = this.history.get(channel)?.find((m) => m.ts === ts);
    if (!message) throw new SlackApiError('message_not_found');
    return message;
  }

  addMessage(fields: Omit<FakeMessage, 'type' | 'ts'> & { ts?: string }): FakeMessage {
    const message: FakeMessage = { type: 'message', ...fields, ts: fields.ts ?? this.nextTs() };
    if (message.thread_ts === message.ts) delete message.thread_ts;
    const list = this.history.get(message.channel) ?? [];
    // Kept in ts order. A new message almost always comes last, so it is placed by a scan from the end, not by
    // sorting the whole history again (which made a long benchmark's fake Slack quadratic).
    let at = list.length;
    while (at > 0 && compareTs((list[at - 1] as FakeMessage).ts, message.ts) > 0) at--;
    list.splice(at, 0, message);
    this.history.set(message.channel, list);
    if (message.thread_ts) this.noteReply(message);
    return message;
  }

  removeMessage(channel: string, ts: string): void {
    const list = this.history.get(channel) ?? [];
    this.history.set(
      channel,
      list.filter((m) => m.ts !== ts),
    );
  }

  private noteReply(reply: FakeMessage): void {
    const parent = this.history.get(reply.channel)?.find((m) => m.ts === reply.thread_ts);
    if (!parent) return;
    parent.thread_ts = parent.ts;
    parent.reply_count = (parent.reply_count ?? 0) + 1;
    const who = reply.user ?? '';
    parent.reply_users = [...new Set([...(parent.reply_users ?? []), who])].filter(Boolean);
    parent.latest_reply = reply.ts;
  }
}

export function compareTs(a: string, b: string): number {
  const [as = '0', am = '0'] = a.split('.');
  const [bs = '0', bm = '0'] = b.split('.');
  return Number(as) - Number(bs) || Number(am) - Number(bm);
}

function sameMembers(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

/** Slack gives every block a block_id; the fake gives missing ones `b<index>`, the convention findInputs uses too. */
export function withBlockIds(blocks: unknown[]): unknown[] {
  return blocks.map((block, index) => {
    if (!isRecord(block) || typeof block.block_id === 'string') return block;
    return { ...block, block_id: `b${index}` };
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
