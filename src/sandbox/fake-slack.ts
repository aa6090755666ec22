// A fake Slack Web API on loopback, for the local workspace and for tests: point WebClient's `slackApiUrl` at `url`.
// It speaks the wire format WebClient 8 uses — POST application/x-www-form-urlencoded with nested values as JSON
// strings (multipart only for binary uploads), bearer token in the header — and answers as Slack does:
// HTTP 200 `{ ok: false, error }` for Slack-level errors, 429 with Retry-After for rate limits.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileMethods, serveFile, shareFile } from './fake-slack-files.js';
import { lookupMethods } from './fake-slack-lookups.js';
import { type Args, type Handler, postingMethods } from './fake-slack-methods.js';
import { checkArguments } from './fake-slack-params.js';
import {
  type DirectoryUser,
  type FakeMessage,
  type FakeSlackDirectory,
  type FakeUpload,
  type FakeView,
  FakeWorkspace,
  SlackApiError,
} from './fake-slack-state.js';
import { readBody } from './http-body.js';

export type {
  DirectoryChannel,
  DirectoryUser,
  FakeMessage,
  FakeSlackDirectory,
  FakeUpload,
  FakeView,
  SlackView,
} from './fake-slack-state.js';

export type FakeSlackFault = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

export interface FakeSlackCall {
  method: string;
  args: Record<string, unknown>;
}

/** Sees each Web API call as it is answered, with the JSON body sent back. */
export type FakeSlackListener = (call: FakeSlackCall, response: Record<string, unknown>) => void;

export interface FakeSlackOptions {
  directory: FakeSlackDirectory;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  now?: () => Date;
}

export interface FakeSlack {
  /** The value for WebClient's `slackApiUrl`, ending in `/api/`. */
  readonly url: string;
  /** Every Web API call received, in order; `token` is left out, JSON-valued fields are decoded. */
  readonly calls: FakeSlackCall[];
  /** Returns a function that stops listening. */
  onCall(listener: FakeSlackListener): () => void;
  /** Requests being handled right now (Web API calls and file upload posts). */
  readonly inFlight: number;
  /** Resolves when no request is being handled. A client waiting out a Retry-After is not a request in flight. */
  whenIdle(): Promise<void>;
  /** The next call of `method` fails this way; calls queue one fault after another. */
  failNext(method: string, fault: FakeSlackFault): void;
  /** Files shared through files.completeUploadExternal, with their bytes. */
  readonly uploads: FakeUpload[];
  /** The conversation's messages oldest first, thread replies included (they carry thread_ts). */
  messages(channel: string): FakeMessage[];
  /** Views opened, pushed or published, by view id. */
  readonly views: Map<string, FakeView>;
  /** The DM channel id between the bot and a person, as conversations.open returns it. */
  dmChannel(userId: string): string;
  /** A person who joined the workspace (or changed name), member of the given channels. */
  addUser(user: DirectoryUser, channels?: string[]): void;
  /** Puts a person's message into a conversation (what Slack stores before it sends the event); returns it with its ts. */
  addMessage(message: {
    channel: string;
    user: string;
    text: string;
    thread_ts?: string;
    blocks?: unknown[];
  }): FakeMessage;
  /** A person shares a file in a conversation (a `file_share` message); returns the message, files as Slack sends them. */
  shareFile(share: { channel: string; user: string; name: string; bytes: Buffer; text?: string }): FakeMessage;
  close(): Promise<void>;
}

/** Form fields that WebClient sends as JSON strings and Slack reads as structures. */
const JSON_FIELDS = new Set([
  'attachments',
  'blocks',
  'chunks',
  'file_uploads',
  'files',
  'loading_messages',
  'metadata',
  'prompts',
  'unfurls',
  'user_auth_blocks',
  'view',
]);

const handlers: Record<string, Handler> = { ...lookupMethods, ...postingMethods, ...fileMethods };

export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const ws = new FakeWorkspace({
    directory: options.directory,
    botUserId: options.botUserId ?? 'U_PLANBOT',
    botId: options.botId ?? 'B_PLANBOT',
    teamId: options.teamId ?? 'T_SANDBOX',
    now: options.now ?? (() => new Date()),
  });
  const calls: FakeSlackCall[] = [];
  const listeners = new Set<FakeSlackListener>();
  const faults = new Map<string, FakeSlackFault[]>();
  let idleWaiters: Array<() => void> = [];
  let inFlight = 0;
  let baseUrl = '';

  const answerCall = (method: string, args: Args, token: string | undefined): Answer => {
    if (!token) return { status: 200, body: { ok: false, error: 'not_authed' } };
    const fault = faults.get(method)?.shift();
    if (fault) return faultAnswer(fault);
    const handler = handlers[method];
    if (!handler) return { status: 200, body: { ok: false, error: 'unknown_method', req_method: method } };
    try {
      checkArguments(method, args);
      return { status: 200, body: { ok: true, ...handler(args, { ws, baseUrl }) } };
    } catch (error) {
      if (error instanceof SlackApiError)
        return { status: 200, body: { ok: false, error: error.code, ...error.extra } };
      // Slack answers its own failures as fatal_error; a 5xx here would send WebClient into long retries.
      return { status: 200, body: { ok: false, error: 'fatal_error', detail: String(error) } };
    }
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer) => {
    const method = url.pathname.slice('/api/'.length);
    const args = await decodeArgs(req.headers['content-type'], raw, url.searchParams);
    const token =
      bearerToken(req.headers.authorization) ?? (typeof args.token === 'string' && args.token ? args.token : undefined);
    delete args.token;
    const call: FakeSlackCall = { method, args };
    calls.push(call);
    const answer = answerCall(method, args, token);
    for (const listener of listeners) listener(call, answer.body);
    send(res, answer);
  };

  const handleUpload = async (req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer) => {
    const upload = ws.pendingUploads.get(url.pathname.slice('/upload/v1/'.length));
    if (!upload) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    upload.bytes = await uploadedBytes(req.headers['content-type'], raw);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${upload.bytes.length}`);
  };

  const server = createServer((req, res) => {
    inFlight += 1;
    let finished = false;
    res.on('close', () => {
      if (finished) return;
      finished = true;
      inFlight -= 1;
      if (inFlight === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    });
    const url = new URL(req.url ?? '/', baseUrl);
    readBody(req)
      .then((raw) => {
        if (url.pathname.startsWith('/api/')) return handleApi(req, res, url, raw);
        if (url.pathname.startsWith('/upload/v1/')) return handleUpload(req, res, url, raw);
        if (serveFile(ws, req, res, url)) return;
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      })
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}/`;

  return {
    url: `${baseUrl}api/`,
    calls,
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get inFlight() {
      return inFlight;
    },
    whenIdle() {
      if (inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    failNext(method, fault) {
      faults.set(method, [...(faults.get(method) ?? []), fault]);
    },
    uploads: ws.uploads,
    messages: (channel) => ws.messages(channel),
    views: ws.views,
    dmChannel: (userId) => ws.dmChannel(userId),
    addUser: (user, channels = []) => {
      ws.users.set(user.id, user);
      // A channel the fake does not have (added to the file later) is left out, as a person outside it would be.
      for (const channel of channels) ws.conversations.get(channel)?.members.add(user.id);
    },
    addMessage: ({ channel, user, text, thread_ts, blocks }) => {
      ws.user(user);
      return ws.addMessage({
        channel: ws.resolveChannel(channel).id,
        user,
        team: ws.options.teamId,
        text,
        ...(thread_ts ? { thread_ts } : {}),
        ...(blocks ? { blocks } : {}),
      });
    },
    shareFile: (share) => shareFile(ws, baseUrl, share),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // WebClient keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

function faultAnswer(fault: FakeSlackFault): Answer {
  if ('error' in fault) return { status: 200, body: { ok: false, error: fault.error } };
  if (fault.status === 429) {
    return {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': String(fault.retryAfter) },
    };
  }
  return { status: 500, body: { ok: false, error: 'internal_error' } };
}

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

async function decodeArgs(contentType: string | undefined, raw: Buffer, query: URLSearchParams): Promise<Args> {
  const args: Args = Object.fromEntries(query);
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    if (raw.length > 0) Object.assign(args, JSON.parse(raw.toString('utf8')) as Args);
    return args;
  }
  if (type.startsWith('multipart/form-data')) {
    const form = await multipart(contentType, raw);
    for (const [key, value] of form)
      args[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
  } else {
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) args[key] = value;
  }
  for (const key of Object.keys(args)) {
    const value = args[key];
    if (JSON_FIELDS.has(key) && typeof value === 'string') args[key] = parseJsonOr(value);
  }
  return args;
}

/** Invalid JSON is kept as the string, so the method can answer as Slack does (invalid_blocks_format…). */
function parseJsonOr(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function uploadedBytes(contentType: string | undefined, raw: Buffer): Promise<Buffer> {
  if (!(contentType ?? '').toLowerCase().startsWith('multipart/form-data')) return raw;
  const form = await multipart(contentType, raw);
  for (const [, value] of form) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return raw;
}

/** Node's fetch Request parses multipart bodies, so no dependency is needed for it. */
function multipart(contentType: string | undefined, raw: Buffer): Promise<FormData> {
  const body = new Blob([new Uint8Array(raw)]);
  return new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': contentType ?? '' },
    body,
  }).formData();
}
