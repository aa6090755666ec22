// Web API methods that read the workspace: auth, users and conversations, with Slack's cursor pagination.
import { type Args, type Handler, missing, publicMessage, required, str } from './fake-slack-methods.js';
import {
  type Conversation,
  compareTs,
  type DirectoryUser,
  type FakeWorkspace,
  SlackApiError,
} from './fake-slack-state.js';

function page<T>(items: T[], args: Args): { items: T[]; next_cursor: string } {
  const limit = Math.max(1, Math.min(1000, Number(str(args, 'limit') ?? 100) || 100));
  const cursor = str(args, 'cursor');
  const start = cursor
    ? Number(
        Buffer.from(cursor, 'base64')
          .toString('utf8')
          .replace(/^next:/, ''),
      ) || 0
    : 0;
  const end = start + limit;
  const next_cursor = end < items.length ? Buffer.from(`next:${end}`).toString('base64') : '';
  return { items: items.slice(start, end), next_cursor };
}

function userObject(ws: FakeWorkspace, user: DirectoryUser): Record<string, unknown> {
  const realName = user.realName ?? user.name;
  const isBot = user.isBot === true;
  return {
    id: user.id,
    team_id: ws.options.teamId,
    name: user.name,
    deleted: false,
    real_name: realName,
    tz: 'Asia/Shanghai',
    tz_label: 'China Standard Time',
    tz_offset: 28_800,
    is_admin: false,
    is_owner: false,
    is_bot: isBot,
    is_app_user: false,
    updated: ws.seconds(),
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: user.name,
      display_name_normalized: user.name,
      ...(user.email ? { email: user.email } : {}),
      team: ws.options.teamId,
      ...(isBot && user.id === ws.options.botUserId ? { bot_id: ws.options.botId } : {}),
    },
  };
}

function conversationObject(ws: FakeWorkspace, c: Conversation): Record<string, unknown> {
  if (c.kind === 'im') {
    return {
      id: c.id,
      created: c.created,
      is_im: true,
      is_org_shared: false,
      user: c.user,
      is_user_deleted: false,
      priority: 0,
    };
  }
  const blank = { value: '', creator: '', last_set: 0 };
  return {
    id: c.id,
    name: c.name,
    name_normalized: c.name,
    created: c.created,
    is_channel: c.kind === 'channel',
    is_group: false,
    is_im: false,
    is_mpim: c.kind === 'mpim',
    is_private: c.kind === 'mpim',
    is_archived: false,
    is_general: false,
    is_shared: false,
    is_org_shared: false,
    is_member: c.members.has(ws.options.botUserId),
    num_members: c.members.size,
    topic: blank,
    purpose: blank,
  };
}

function inRange(ts: string, args: Args): boolean {
  const oldest = str(args, 'oldest');
  const latest = str(args, 'latest');
  const inclusive = str(args, 'inclusive') === 'true' || str(args, 'inclusive') === '1';
  if (oldest && (inclusive ? compareTs(ts, oldest) < 0 : compareTs(ts, oldest) <= 0)) return false;
  if (latest && (inclusive ? compareTs(ts, latest) > 0 : compareTs(ts, latest) >= 0)) return false;
  return true;
}

export const lookupMethods: Record<string, Handler> = {
  'api.test': (args) => ({ args }),
  'auth.test': (_args, { ws }) => ({
    url: 'https://sandbox.slack.com/',
    team: 'planbot sandbox',
    user: ws.users.get(ws.options.botUserId)?.name ?? 'planbot',
    team_id: ws.options.teamId,
    user_id: ws.options.botUserId,
    bot_id: ws.options.botId,
    is_enterprise_install: false,
  }),
  'users.info': (args, { ws }) => ({ user: userObject(ws, ws.user(required(args, 'user', 'user_not_found'))) }),
  'users.lookupByEmail': (args, { ws }) => {
    const email = required(args, 'email', 'users_not_found').toLowerCase();
    const user = [...ws.users.values()].find((u) => u.email?.toLowerCase() === email);
    // Slack's error for an address nobody in the workspace has.
    if (!user) throw new SlackApiError('users_not_found');
    return { user: userObject(ws, user) };
  },
  'users.list': (args, { ws }) => {
    const { items, next_cursor } = page([...ws.users.values()], args);
    return { members: items.map((u) => userObject(ws, u)), cache_ts: ws.seconds(), response_metadata: { next_cursor } };
  },
  'conversations.open': (args, { ws }) => {
    const channelId = str(args, 'channel');
    const users = (str(args, 'users') ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    if (!channelId && users.length === 0) throw new SlackApiError('users_list_not_supplied');
    const existed = channelId ? true : users.length === 1 && ws.hasDm(users[0] as string);
    const id = channelId
      ? ws.resolveChannel(channelId).id
      : users.length === 1
        ? ws.dmChannel(users[0] as string)
        : ws.openMpim(users);
    const conversation = ws.resolveChannel(id);
    const full = str(args, 'return_im') === 'true' || str(args, 'return_im') === '1';
    return {
      ...(existed ? { no_op: true, already_open: true } : {}),
      channel: full ? conversationObject(ws, conversation) : { id },
    };
  },
  'conversations.info': (args, { ws }) => ({
    channel: conversationObject(ws, ws.resolveChannel(str(args, 'channel'))),
  }),
  'conversations.members': (args, { ws }) => {
    const { items, next_cursor } = page([...ws.resolveChannel(str(args, 'channel')).members], args);
    return { members: items, response_metadata: { next_cursor } };
  },
  'conversations.list': (args, { ws }) => {
    const types = (str(args, 'types') ?? 'public_channel').split(',').map((t) => t.trim());
    const wanted = (c: Conversation) =>
      (c.kind === 'channel' && types.includes('public_channel')) ||
      (c.kind === 'im' && types.includes('im')) ||
      (c.kind === 'mpim' && types.includes('mpim'));
    const { items, next_cursor } = page([...ws.conversations.values()].filter(wanted), args);
    return { channels: items.map((c) => conversationObject(ws, c)), response_metadata: { next_cursor } };
  },
  'conversations.join': (args, { ws }) => {
    const conversation = ws.resolveChannel(str(args, 'channel'));
    if (conversation.kind !== 'channel') throw new SlackApiError('method_not_supported_for_channel_type');
    const already = conversation.members.has(ws.options.botUserId);
    conversation.members.add(ws.options.botUserId);
    return { channel: conversationObject(ws, conversation), ...(already ? { warning: 'already_in_channel' } : {}) };
  },
  'conversations.history': (args, { ws }) => {
    const channel = ws.resolveChannel(str(args, 'channel')).id;
    const topLevel = ws
      .messages(channel)
      .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
      .filter((m) => inRange(m.ts, args))
      .reverse();
    const { items, next_cursor } = page(topLevel, args);
    return {
      messages: items.map(publicMessage),
      has_more: next_cursor !== '',
      pin_count: 0,
      response_metadata: { next_cursor },
    };
  },
  'conversations.replies': (args, { ws }) => {
    const channel = ws.resolveChannel(str(args, 'channel')).id;
    const ts = str(args, 'ts');
    if (!ts) throw new SlackApiError('invalid_arguments', missing('ts'));
    const all = ws.messages(channel);
    const parent = all.find((m) => m.ts === ts);
    if (!parent) throw new SlackApiError('thread_not_found');
    const thread = [parent, ...all.filter((m) => m.ts !== ts && m.thread_ts === ts)].filter(
      (m) => m === parent || inRange(m.ts, args),
    );
    const { items, next_cursor } = page(thread, args);
    return { messages: items.map(publicMessage), has_more: next_cursor !== '', response_metadata: { next_cursor } };
  },
};
