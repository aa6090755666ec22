import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HTTPModuleFunctions as http } from '@slack/bolt';
import type { Logger } from '../logger.js';
import { ackCarriesContent, type ForwardedRequest, type RouteResponse } from './protocol.js';

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
 * acknowledge, hand the request on. Bolt's own parsing and verification functions, so it accepts and refuses exactly
 * what Bolt's HTTPReceiver does; only a view submission's acknowledgement waits for the app (it carries the errors).
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
  let buffered: Awaited<ReturnType<typeof http.parseAndVerifyHTTPRequest>>;
  try {
    // Slack's payloads are small: a body past Bolt's own limit (4 MB) is refused before it fills this thread's memory.
    buffered = await http.parseAndVerifyHTTPRequest(
      { enabled: true, signingSecret: options.signingSecret, bodyLimit: http.defaultBodyLimit },
      req,
    );
  } catch (error) {
    if (http.isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413)) {
      // The rest of the body is never read: the connection closes rather than carry it into the next request.
      res.setHeader('Connection', 'close');
      return http.buildNoBodyResponse(res, 413);
    }
    logger.warn('request refused: not verifiably from Slack', { error: (error as Error).message });
    return http.buildNoBodyResponse(res, 401);
  }
  let body: Record<string, unknown>;
  try {
    body = http.parseHTTPRequestBody(buffered);
  } catch (error) {
    logger.warn('malformed request body', { error: (error as Error).message });
    return http.buildNoBodyResponse(res, 400);
  }
  if (!body || typeof body !== 'object') return http.buildNoBodyResponse(res, 400);
  if (body.ssl_check === '1') return http.buildSSLCheckResponse(res);
  if (body.type === 'url_verification') return http.buildUrlVerificationResponse(res, body);
  const request = {
    body,
    retryNum: http.extractRetryNumFromHTTPRequest(req),
    retryReason: http.extractRetryReasonFromHTTPRequest(req),
    wantAck: ackCarriesContent(body),
  };
  if (backend.accepting && !backend.accepting()) {
    // Not acknowledged, so not lost: Slack retries an event it got no 200 for; a person sees the command failed.
    logger.warn('request refused with 503: the app is shutting down or has too much waiting');
    res.setHeader('Retry-After', '5');
    return http.buildNoBodyResponse(res, 503);
  }
  if (!request.wantAck) {
    // Acknowledged before the app sees it: the app's work never holds the ack, and Slack does not wait on it.
    http.buildNoBodyResponse(res, 200);
    backend.forward(request).catch((error) => logger.error('request not handed on', { error }));
    return;
  }
  const response = await withTimeout(backend.forward(request), options.ackTimeoutMs ?? 2500).catch((error) => {
    logger.warn('no acknowledgement from the app in time; acknowledging empty', { error: (error as Error).message });
    return undefined;
  });
  if (response === undefined || response === '') http.buildNoBodyResponse(res, 200);
  else http.buildContentResponse(res, response);
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
