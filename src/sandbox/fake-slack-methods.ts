// Web API methods that post and change things: messages, streams, views, files, assistant threads, reactions.
// Each handler returns the body of a successful answer without `ok`, or throws SlackApiError for `{ ok: false }`.
import { MIME_TYPES } from './fake-slack-files.js';
import {
  type FakeMessage,
  type FakeView,
  type FakeWorkspace,
  isRecord,
  SlackApiError,
  type SlackView,
  withBlockIds,
} from './fake-slack-state.js';
import { checkMessageBlocks, checkView } from './fake-slack-validate.js';

export type Args = Record<string, unknown>;
export interface MethodContext {
  ws: FakeWorkspace;
  /** The fake server's root, e.g. `http://127.0.0.1:51234/`. */
  baseUrl: string;
}
export type Handler = (args: Args, context: MethodContext) => Record<string, unknown>;

export function str(args: Args, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function required(args: Args, key: string, error = 'invalid_arguments'): string {
  const value = str(args, key);
  if (value === undefined || value === '') {
    throw new SlackApiError(error, error === 'invalid_arguments' ? missing(key) : {});
  }
  return value;
}

export function missing(key: string): Record<string, unknown> {
  return { response_metadata: { messages: [`[ERROR] missing required field: ${key}`] } };
}

export function publicMessage(message: FakeMessage): Record<string, unknown> {
  const { channel: _channel, streaming: _streaming, ...rest } = message;
  return rest;
}

function list(args: Args, key: string): unknown[] | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value))
    throw new SlackApiError(key === 'attachments' ? 'invalid_attachments' : 'invalid_blocks_format');
  return value;
}

function content(args: Args): { text?: string; blocks?: unknown[]; attachments?: unknown[] } {
  const text = str(args, 'text');
  checkMessageBlocks(args.blocks);
  const blocks = list(args, 'blocks');
  const attachments = list(args, 'attachments');
  if (text && text.length > 40_000) throw new SlackApiError('msg_too_long');
  return {
    ...(text !== undefined ? { text } : {}),
    ...(blocks ? { blocks: withBlockIds(blocks) } : {}),
    ...(attachments ? { attachments } : {}),
  };
}

function hasContent(c: { text?: string; blocks?: unknown[]; attachments?: unknown[] }): boolean {
  return Boolean(c.text) || (c.blocks?.length ?? 0) > 0 || (c.attachments?.length ?? 0) > 0;
}

function botMessage(ws: FakeWorkspace, channel: string, args: Args, text: string): Omit<FakeMessage, 'type' | 'ts'> {
  const threadTs = str(args, 'thread_ts');
  return {
    channel,
    user: ws.options.botUserId,
    bot_id: ws.options.botId,
    team: ws.options.teamId,
    text,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    ...(args.metadata !== undefined ? { metadata: args.metadata } : {}),
  };
}

function streamedText(args: Args): string {
  let text = str(args, 'markdown_text') ?? '';
  const chunks = Array.isArray(args.chunks) ? args.chunks : [];
  for (const chunk of chunks) {
    if (isRecord(chunk) && chunk.type === 'markdown_text' && typeof chunk.text === 'string') text += chunk.text;
  }
  return text;
}

function streamingMessage(ws: FakeWorkspace, args: Args): FakeMessage {
  const channel = ws.resolveChannel(str(args, 'channel')).id;
  const message = ws.findMessage(channel, required(args, 'ts'));
  if (!message.streaming) throw new SlackApiError('message_not_in_streaming_state');
  return message;
}

function ownMessage(ws: FakeWorkspace, args: Args, tsKey: string, refusal: string): FakeMessage {
  const channel = ws.resolveChannel(str(args, 'channel')).id;
  const message = ws.findMessage(channel, required(args, tsKey, 'message_not_found'));
  if (message.user !== ws.options.botUserId) throw new SlackApiError(refusal);
  return message;
}

function newView(ws: FakeWorkspace, view: Record<string, unknown>): SlackView {
  const id = ws.nextId('V');
  return buildView(ws, view, { id, root_view_id: id, previous_view_id: null });
}

function buildView(
  ws: FakeWorkspace,
  view: Record<string, unknown>,
  ids: Pick<SlackView, 'id' | 'root_view_id' | 'previous_view_id'>,
): SlackView {
  return {
    ...view,
    id: ids.id,
    team_id: ws.options.teamId,
    type: String(view.type),
    blocks: withBlockIds(Array.isArray(view.blocks) ? view.blocks : []),
    private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
    callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
    external_id: typeof view.external_id === 'string' ? view.external_id : '',
    state: { values: {} },
    hash: `${ws.seconds()}.${ws.nextId('h')}`,
    clear_on_close: view.clear_on_close === true,
    notify_on_close: view.notify_on_close === true,
    root_view_id: ids.root_view_id,
    previous_view_id: ids.previous_view_id,
    app_id: 'A_PLANBOT',
    app_installed_team_id: ws.options.teamId,
    bot_id: ws.options.botId,
  };
}

function openView(ws: FakeWorkspace, args: Args, openedBy: 'views.open' | 'views.push'): Record<string, unknown> {
  const triggerId = str(args, 'trigger_id') ?? str(args, 'interactivity_pointer');
  if (!triggerId) throw new SlackApiError('invalid_arguments', missing('trigger_id'));
  if (args.view === undefined) throw new SlackApiError('invalid_arguments', missing('view'));
  checkView(args.view, ['modal']);
  const requested = args.view as Record<string, unknown>;
  const externalId = requested.external_id;
  if (typeof externalId === 'string' && [...ws.views.values()].some((v) => v.view.external_id === externalId)) {
    throw new SlackApiError('duplicate_external_id');
  }
  const view = newView(ws, requested);
  const entry: FakeView = { id: view.id, openedBy, triggerId, view };
  ws.views.set(view.id, entry);
  return { view };
}

function findView(ws: FakeWorkspace, args: Args): FakeView {
  const viewId = str(args, 'view_id');
  const externalId = str(args, 'external_id');
  if (!viewId && !externalId) throw new SlackApiError('invalid_arguments', missing('view_id'));
  const found = viewId ? ws.views.get(viewId) : [...ws.views.values()].find((v) => v.view.external_id === externalId);
  if (!found) throw new SlackApiError('not_found');
  return found;
}

function replaceView(ws: FakeWorkspace, entry: FakeView, args: Args): SlackView {
  const hash = str(args, 'hash');
  if (hash && hash !== entry.view.hash) throw new SlackApiError('hash_conflict');
  entry.view = buildView(ws, args.view as Record<string, unknown>, entry.view);
  return entry.view;
}

export const postingMethods: Record<string, Handler> = {
  'chat.postMessage': (args, { ws }) => {
    const channel = ws.resolveChannel(str(args, 'channel')).id;
    const body = content(args);
    if (!hasContent(body)) throw new SlackApiError('no_text');
    const message = ws.addMessage({
      ...botMessage(ws, channel, args, body.text ?? ''),
      ...body,
      text: body.text ?? '',
    });
    return { channel, ts: message.ts, message: publicMessage(message) };
  },
  'chat.postEphemeral': (args, { ws }) => {
    ws.resolveChannel(str(args, 'channel'));
    ws.user(required(args, 'user', 'user_not_found'));
    if (!hasContent(content(args))) throw new SlackApiError('no_text');
    return { message_ts: ws.nextTs() };
  },
  'chat.update': (args, { ws }) => {
    const message = ownMessage(ws, args, 'ts', 'cant_update_message');
    const body = content(args);
    if (!hasContent(body)) throw new SlackApiError('no_text');
    Object.assign(message, body, { edited: { user: ws.options.botUserId, ts: ws.nextTs() } });
    return { channel: message.channel, ts: message.ts, text: message.text, message: publicMessage(message) };
  },
  'chat.delete': (args, { ws }) => {
    const message = ownMessage(ws, args, 'ts', 'cant_delete_message');
    ws.removeMessage(message.channel, message.ts);
    return { channel: message.channel, ts: message.ts };
  },
  'chat.getPermalink': (args, { ws }) => {
    const channel = ws.resolveChannel(str(args, 'channel')).id;
    const message = ws.findMessage(channel, required(args, 'message_ts', 'message_not_found'));
    const base = `https://sandbox.slack.com/archives/${channel}/p${message.ts.replace('.', '')}`;
    const thread =
      message.thread_ts && message.thread_ts !== message.ts ? `?thread_ts=${message.thread_ts}&cid=${channel}` : '';
    return { channel, permalink: base + thread };
  },
  'chat.startStream': (args, { ws }) => {
    const channel = ws.resolveChannel(str(args, 'channel')).id;
    required(args, 'thread_ts');
    const message = ws.addMessage({ ...botMessage(ws, channel, args, streamedText(args)), streaming: true });
    return { channel, ts: message.ts };
  },
  'chat.appendStream': (args, { ws }) => {
    const message = streamingMessage(ws, args);
    const text = streamedText(args);
    if (!text && !Array.isArray(args.chunks)) throw new SlackApiError('invalid_arguments', missing('markdown_text'));
    message.text += text;
    return { channel: message.channel, ts: message.ts };
  },
  'chat.stopStream': (args, { ws }) => {
    const message = streamingMessage(ws, args);
    checkMessageBlocks(args.blocks);
    message.text += streamedText(args);
    const blocks = list(args, 'blocks');
    if (blocks) message.blocks = withBlockIds([...(message.blocks ?? []), ...blocks]);
    if (args.metadata !== undefined) message.metadata = args.metadata;
    message.streaming = false;
    return { channel: message.channel, ts: message.ts, message: publicMessage(message) };
  },
  'views.open': (args, { ws }) => openView(ws, args, 'views.open'),
  'views.push': (args, { ws }) => openView(ws, args, 'views.push'),
  'views.update': (args, { ws }) => {
    const entry = findView(ws, args);
    if (args.view === undefined) throw new SlackApiError('invalid_arguments', missing('view'));
    checkView(args.view, [entry.view.type]);
    return { view: replaceView(ws, entry, args) };
  },
  'views.publish': (args, { ws }) => {
    const userId = required(args, 'user_id');
    ws.user(userId);
    if (args.view === undefined) throw new SlackApiError('invalid_arguments', missing('view'));
    checkView(args.view, ['home']);
    const home = [...ws.views.values()].find((v) => v.openedBy === 'views.publish' && v.userId === userId);
    if (home) return { view: replaceView(ws, home, args) };
    const view = newView(ws, args.view as Record<string, unknown>);
    ws.views.set(view.id, { id: view.id, openedBy: 'views.publish', userId, view });
    return { view };
  },
  'files.getUploadURLExternal': (args, { ws, baseUrl }) => {
    const filename = required(args, 'filename');
    const length = Number(required(args, 'length'));
    if (!Number.isInteger(length) || length < 0) throw new SlackApiError('invalid_arguments', missing('length'));
    const id = ws.nextId('F');
    const altText = str(args, 'alt_txt');
    const snippetType = str(args, 'snippet_type');
    ws.pendingUploads.set(id, {
      id,
      filename,
      title: filename,
      bytes: Buffer.alloc(0),
      length,
      ...(altText ? { altText } : {}),
      ...(snippetType ? { snippetType } : {}),
      completed: false,
    });
    return { upload_url: `${baseUrl}upload/v1/${id}`, file_id: id };
  },
  'files.completeUploadExternal': (args, { ws }) => {
    const files = args.files;
    if (!Array.isArray(files) || files.length === 0) throw new SlackApiError('invalid_arguments', missing('files'));
    const channelId = str(args, 'channel_id');
    const channel = channelId ? ws.resolveChannel(channelId).id : undefined;
    const threadTs = str(args, 'thread_ts');
    const initialComment = str(args, 'initial_comment');
    const uploads = files.map((file) => {
      const upload = isRecord(file) && typeof file.id === 'string' ? ws.pendingUploads.get(file.id) : undefined;
      if (!upload) throw new SlackApiError('file_not_found');
      if (isRecord(file) && typeof file.title === 'string') upload.title = file.title;
      return upload;
    });
    for (const upload of uploads) {
      ws.pendingUploads.delete(upload.id);
      Object.assign(upload, { completed: true, channel, threadTs, initialComment });
      ws.uploads.push(upload);
    }
    if (channel) {
      const blocks = list(args, 'blocks');
      ws.addMessage({
        ...botMessage(ws, channel, args, initialComment ?? ''),
        files: uploads.map((u) => ({ id: u.id, name: u.filename, title: u.title })),
        ...(blocks ? { blocks: withBlockIds(blocks) } : {}),
      });
    }
    return {
      files: uploads.map((u) => {
        const extension = u.filename.split('.').pop()?.toLowerCase() ?? '';
        return {
          id: u.id,
          created: ws.seconds(),
          name: u.filename,
          title: u.title,
          mimetype: MIME_TYPES[extension] ?? 'application/octet-stream',
          filetype: extension,
          size: u.bytes.length,
          user: ws.options.botUserId,
          url_private: `https://files.slack.com/files-pri/${ws.options.teamId}-${u.id}/${encodeURIComponent(u.filename)}`,
          permalink: `https://sandbox.slack.com/files/${ws.options.botUserId}/${u.id}/${encodeURIComponent(u.filename)}`,
          channels: channel ? [channel] : [],
        };
      }),
    };
  },
  'assistant.threads.setStatus': (args, { ws }) => {
    ws.resolveChannel(str(args, 'channel_id'));
    required(args, 'thread_ts');
    if (str(args, 'status') === undefined) throw new SlackApiError('invalid_arguments', missing('status'));
    return {};
  },
  'assistant.threads.setSuggestedPrompts': (args, { ws }) => {
    ws.resolveChannel(str(args, 'channel_id'));
    const prompts = args.prompts;
    if (!Array.isArray(prompts) || prompts.length === 0 || prompts.length > 4) {
      throw new SlackApiError('invalid_arguments', missing('prompts'));
    }
    return {};
  },
  'assistant.threads.setTitle': (args, { ws }) => {
    ws.resolveChannel(str(args, 'channel_id'));
    required(args, 'thread_ts');
    required(args, 'title');
    return {};
  },
  'reactions.add': (args, { ws }) => {
    const channel = ws.resolveChannel(str(args, 'channel')).id;
    const name = required(args, 'name', 'invalid_name');
    const message = ws.findMessage(channel, required(args, 'timestamp', 'message_not_found'));
    const reactions = message.reactions ?? [];
    const reaction = reactions.find((r) => r.name === name) ?? { name, users: [], count: 0 };
    if (reaction.users.includes(ws.options.botUserId)) throw new SlackApiError('already_reacted');
    reaction.users.push(ws.options.botUserId);
    reaction.count += 1;
    message.reactions = reactions.includes(reaction) ? reactions : [...reactions, reaction];
    return {};
  },
};
