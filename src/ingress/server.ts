import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { ackCarriesContent, type ForwardedRequest, type RouteResponse } from './protocol.js';
import { BodyError, formOf, parseBody, readBody, signatureProblem } from './slack-request.js';

/** Where verified requests go: the app's worker thread, or anything that speaks the same. */
export interface Backend {
  /** Hands a request on; resolves with the acknowledgement body when `wantAck` (undefined for an empty 200). */
  forward(request: Omit<ForwardedRequest, 'type' | 'id'>): Promise<unknown>;
  /** False while the app cannot take more (shutting down, or too much already waiting): the request is not acked. */
  accepting?(): boolean;
  route(path: string): Promise<RouteResponse>;
}

export interface IngressOptions {
  signingSecret: string;
  backend: Backend;
  logger: Logger;
  /** How long a view submission waits for the app's answer before an empty 200 (Slack gives up at 3 s). */
  ackTimeoutMs?: number;
}

const EVENTS_PATH = '/slack/events';
const OPS_PATHS = new Set(['/healthz', '/metrics']);

/**
 * The receiving side of HTTP mode, on a thread that does nothing else: read the body, verify Slack's signature,
 * acknowledge, hand the request on. It accepts and refuses what Bolt's HTTPReceiver does (./slack-request.ts, at a
 * fraction of the CPU); only a view submission's acknowledgement waits for the app (it carries the errors).
 */
export function createIngressServer(options: IngressOptions): Server {
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'POST' && path === EVENTS_PATH) return void receive(options, req, res);
    if (req.method === 'GET' && OPS_PATHS.has(path)) return void proxyRoute(options, path, res);
    res.writeHead(404).end();
  };
  const server = createServer(handle);
  // A client that trickles its headers or body does not hold a connection open for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}

async function receive(options: IngressOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { logger, backend } = options;
  let text: string;
  try {
    // Slack's payloads are small: a body past Bolt's own limit (4 MB) is refused before it fills this thread's memory.
    text = (await readBody(req)).toString();
  } catch (error) {
    if (error instanceof BodyError && error.status === 413) {
      // The rest of the body is never read: the connection closes rather than carry it into the next request.
      res.setHeader('Connection', 'close');
      return empty(res, 413);
    }
    logger.warn('request refused: not verifiably from Slack', { error: (error as Error).message });
    return empty(res, 401);
  }
  const form = formOf(req.headers['content-type'], text);
  // Slack's ssl_check is not signed; nothing of it but that field is read.
  if (form?.ssl_check === '1') return empty(res, 200);
  const problem = signatureProblem(options.signingSecret, req.headers, text);
  if (problem) {
    logger.warn('request refused: not verifiably from Slack', { error: problem });
    return empty(res, 401);
  }
  let body: Record<string, unknown>;
  try {
    body = parseBody(form, text) as Record<string, unknown>;
  } catch (error) {
    logger.warn('malformed request body', { error: (error as Error).message });
    return empty(res, 400);
  }
  if (!body || typeof body !== 'object') return empty(res, 400);
  if (body.ssl_check === '1') return empty(res, 200);
  if (body.type === 'url_verification') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: body.challenge }));
    return;
  }
  const request = {
    body,
    retryNum: firstHeader(req, 'x-slack-retry-num', (v) => Number.parseInt(v, 10)),
    retryReason: firstHeader(req, 'x-slack-retry-reason', (v) => v),
    wantAck: ackCarriesContent(body),
  };
  if (backend.accepting && !backend.accepting()) {
    // Not acknowledged, so not lost: Slack retries an event it got no 200 for; a person sees the command failed.
    logger.warn('request refused with 503: the app is shutting down or has too much waiting');
    res.setHeader('Retry-After', '5');
    return empty(res, 503);
  }
  if (!request.wantAck) {
    // Acknowledged before the app sees it: the app's work never holds the ack, and Slack does not wait on it.
    empty(res, 200);
    backend.forward(request).catch((error) => logger.error('request not handed on', { error }));
    return;
  }
  const response = await withTimeout(backend.forward(request), options.ackTimeoutMs ?? 2500).catch((error) => {
    logger.warn('no acknowledgement from the app in time; acknowledging empty', { error: (error as Error).message });
    return undefined;
  });
  if (!response) empty(res, 200);
  else if (typeof response === 'string') res.writeHead(200).end(response);
  else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
}

function empty(res: ServerResponse, status: number): void {
  res.writeHead(status).end();
}

/** A Slack header's first value, as Bolt's receiver reads it (`X-Slack-Retry-Num`, `X-Slack-Retry-Reason`). */
function firstHeader<T>(req: IncomingMessage, name: string, read: (value: string) => T): T | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : read(first);
}

async function proxyRoute(options: IngressOptions, path: string, res: ServerResponse): Promise<void> {
  try {
    const { status, contentType, body } = await withTimeout(options.backend.route(path), 5000);
    res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
  } catch (error) {
    res.writeHead(503, { 'content-type': 'text/plain' }).end(`planbot: ${(error as Error).message}\n`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
