/**
 * A fake OpenAI-compatible chat-completions server on loopback. Each test scripts it: a queue of replies, or a
 * handler that decides from the request body. It records every request so a test can check what was sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeReply =
  /** A completion whose content is `text`; streamed in `chunks` (or pieces of `chunkSize` characters) when asked. */
  | {
      kind: 'text';
      text: string;
      chunks?: string[];
      chunkSize?: number;
      delayMs?: number;
      stallAfter?: number;
      /** Streamed first as `reasoning_content` deltas, as DeepSeek-R1, Qwen and vLLM reasoning parsers do. */
      reasoning?: string;
    }
  /** An HTTP error, e.g. 429 with `Retry-After`, or 500. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string; delayMs?: number }
  /** Accepts the request and never answers (until the client gives up or the server closes). */
  | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: ChatRequestBody;
}

export interface ChatRequestBody {
  model: string;
  stream?: boolean;
  messages: { role: string; content: string }[];
  [key: string]: unknown;
}

export type FakeHandler = (body: ChatRequestBody, index: number) => FakeReply;

export interface FakeOpenAiServer {
  /** `http://127.0.0.1:<port>/v1`, ready for the SDK's `baseURL`. */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Queue replies, used in order; when the queue is empty the handler (if any) answers. */
  enqueue(...replies: FakeReply[]): void;
  setHandler(handler: FakeHandler): void;
  close(): Promise<void>;
}

/** Builders for the replies tests use most. */
export const reply = {
  text: (text: string, options: { chunks?: string[]; chunkSize?: number } = {}): FakeReply => ({
    kind: 'text',
    text,
    ...options,
  }),
  delayed: (ms: number, inner: FakeReply): FakeReply => (inner.kind === 'hang' ? inner : { ...inner, delayMs: ms }),
  hang: (): FakeReply => ({ kind: 'hang' }),
  rateLimited: (retryAfterSeconds = 0): FakeReply => ({
    kind: 'status',
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    message: 'Rate limit reached for requests',
  }),
  serverError: (status = 500): FakeReply => ({ kind: 'status', status, message: 'The server had an error' }),
  /** An answer in planbot's output protocol whose one citation quotes words that are not in the plan. */
  fabricatedCitation: (prose = '计划要求每年开展无人机巡检。', n = 1): FakeReply => ({
    kind: 'text',
    text: `${prose}\n<citations>${JSON.stringify([{ n, quote: '各单位每年必须完成十次无人机巡检任务' }])}</citations>`,
  }),
};

export async function startFakeOpenAiServer(options: { handler?: FakeHandler } = {}): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  let handler = options.handler;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      sendJson(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
      return;
    }
    let body: ChatRequestBody;
    try {
      body = JSON.parse(raw) as ChatRequestBody;
    } catch {
      sendJson(res, 400, { error: { message: 'invalid JSON body', type: 'invalid_request_error' } });
      return;
    }
    const index = requests.length;
    requests.push({ method: req.method, path: req.url, headers: req.headers, body });
    const next = queue.shift() ?? handler?.(body, index);
    if (!next) {
      sendJson(res, 500, { error: { message: 'fake server: no reply scripted', type: 'server_error' } });
      return;
    }
    if (next.kind === 'hang') return;
    later(next.delayMs ?? 0, () => {
      if (res.destroyed) return;
      if (next.kind === 'status') {
        sendJson(
          res,
          next.status,
          { error: { message: next.message ?? 'error', type: 'fake_error', code: null } },
          next.headers,
        );
      } else if (body.stream) {
        sendStream(res, body.model, next);
      } else {
        sendJson(res, 200, completion(body.model, next.text));
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    setHandler: (h) => {
      handler = h;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const ID = 'chatcmpl-fake0001';
const CREATED = 1_700_000_000;

function completion(model: string, text: string) {
  return {
    id: ID,
    object: 'chat.completion',
    created: CREATED,
    model,
    choices: [
      { index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function chunk(model: string, delta: Record<string, unknown>, finish: string | null) {
  return {
    id: ID,
    object: 'chat.completion.chunk',
    created: CREATED,
    model,
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
}

/** Server-sent events exactly as OpenAI sends them: a role chunk, content chunks, a finish chunk, `[DONE]`. */
function sendStream(res: ServerResponse, model: string, r: Extract<FakeReply, { kind: 'text' }>) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  const pieces = r.chunks ?? splitEvery(r.text, r.chunkSize ?? 4);
  const write = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  write(chunk(model, { role: 'assistant', content: '', refusal: null }, null));
  for (const piece of r.reasoning ? splitEvery(r.reasoning, 8) : []) {
    write(chunk(model, { content: null, reasoning_content: piece }, null));
  }
  for (const [i, piece] of pieces.entries()) {
    // A stream that stops mid-answer and never finishes: the connection stays open until the client gives up.
    if (r.stallAfter !== undefined && i >= r.stallAfter) return;
    write(chunk(model, { content: piece }, null));
  }
  write(chunk(model, {}, 'stop'));
  res.end('data: [DONE]\n\n');
}

function splitEvery(text: string, size: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}
