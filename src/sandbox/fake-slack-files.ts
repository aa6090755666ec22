// Files people share with the bot, as Slack keeps them: files.info describes one the bot can see, and its
// url_private serves the bytes to a request that carries a token (`Authorization: Bearer …`). Without one Slack
// sends the browser to its sign-in page, so the fake redirects there too and a download that forgot the token
// gets a web page, not the file.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handler } from './fake-slack-methods.js';
import { required } from './fake-slack-methods.js';
import { type FakeMessage, type FakeWorkspace, SlackApiError } from './fake-slack-state.js';

export interface FakeFile {
  id: string;
  name: string;
  title: string;
  bytes: Buffer;
  /** Who shared it, and where. */
  user: string;
  channel: string;
  created: number;
}

export const MIME_TYPES: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  svg: 'image/svg+xml',
  html: 'text/html',
  htm: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const extensionOf = (name: string) => (name.includes('.') ? (name.split('.').pop()?.toLowerCase() ?? '') : '');

const PRETTY: Record<string, string> = { docx: 'Word Document', pdf: 'PDF', txt: 'Plain Text', html: 'HTML' };

/** The file object files.info and the file_share event carry. */
export function fileObject(ws: FakeWorkspace, baseUrl: string, file: FakeFile): Record<string, unknown> {
  const extension = extensionOf(file.name);
  const path = `files-pri/${ws.options.teamId}-${file.id}`;
  const name = encodeURIComponent(file.name);
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: MIME_TYPES[extension] ?? 'application/octet-stream',
    filetype: extension || 'binary',
    pretty_type: PRETTY[extension] ?? 'Binary',
    user: file.user,
    user_team: ws.options.teamId,
    editable: false,
    size: file.bytes.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `${baseUrl}${path}/${name}`,
    url_private_download: `${baseUrl}${path}/download/${name}`,
    permalink: `https://sandbox.slack.com/files/${file.user}/${file.id}/${name}`,
    channels: [],
    groups: [],
    ims: [file.channel],
    comments_count: 0,
  };
}

/** A file the bot may see: shared in a conversation it is a member of. */
function visibleFile(ws: FakeWorkspace, id: string): FakeFile {
  const file = ws.files.get(id);
  if (!file || !ws.conversations.get(file.channel)?.members.has(ws.options.botUserId)) {
    throw new SlackApiError('file_not_found');
  }
  return file;
}

export const fileMethods: Record<string, Handler> = {
  'files.info': (args, { ws, baseUrl }) => {
    const file = visibleFile(ws, required(args, 'file', 'file_not_found'));
    return {
      file: fileObject(ws, baseUrl, file),
      comments: [],
      response_metadata: { next_cursor: '' },
    };
  },
};

const DOWNLOAD = /^\/files-pri\/([^/]+)-(F[A-Z0-9]+)\/(?:download\/)?([^/]+)$/;

/** GET url_private or url_private_download. True when the path was a file's, answered here. */
export function serveFile(ws: FakeWorkspace, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (url.pathname === '/signin') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><title>Slack</title>');
    return true;
  }
  const match = DOWNLOAD.exec(url.pathname);
  if (!match) return false;
  if (!/^Bearer\s+\S+$/i.test(req.headers.authorization ?? '')) {
    res.writeHead(302, { location: `/signin?redir=${encodeURIComponent(url.pathname)}` }).end();
    return true;
  }
  const file = match[1] === ws.options.teamId ? ws.files.get(match[2] ?? '') : undefined;
  if (!file || req.method !== 'GET') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    return true;
  }
  const type = MIME_TYPES[extensionOf(file.name)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'content-length': String(file.bytes.length) }).end(file.bytes);
  return true;
}

/** A person shares a file in a conversation: Slack keeps the file and posts a `file_share` message carrying it. */
export function shareFile(
  ws: FakeWorkspace,
  baseUrl: string,
  share: { channel: string; user: string; name: string; bytes: Buffer; text?: string },
): FakeMessage {
  ws.user(share.user);
  const channel = ws.resolveChannel(share.channel).id;
  const file: FakeFile = {
    id: ws.nextId('F'),
    name: share.name,
    title: share.name,
    bytes: share.bytes,
    user: share.user,
    channel,
    created: ws.seconds(),
  };
  ws.files.set(file.id, file);
  return ws.addMessage({
    channel,
    user: share.user,
    team: ws.options.teamId,
    subtype: 'file_share',
    text: share.text ?? '',
    files: [fileObject(ws, baseUrl, file) as NonNullable<FakeMessage['files']>[number]],
  });
}
