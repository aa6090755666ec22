/**
 * What the ingress (main thread: read, verify, acknowledge) and the app's worker thread say to each other. Each
 * request crosses once; only a request whose acknowledgement carries content (a modal's validation errors) waits for
 * the worker's `ack`.
 */

export interface ForwardedRequest {
  type: 'request';
  id: number;
  body: Record<string, unknown>;
  retryNum?: number;
  retryReason?: string;
  /** The ingress holds the HTTP response open until the worker acknowledges (view submissions). */
  wantAck: boolean;
}

export interface RouteRequest {
  type: 'route';
  id: number;
  path: string;
}

/** `settle`: answered once everything handed over so far has finished (benchmarks and tests wait on it). */
export type ToWorker = ForwardedRequest | RouteRequest | { type: 'settle'; id: number } | { type: 'stop' };

export interface RouteResponse {
  status: number;
  contentType: string;
  body: string;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'ack'; id: number; response?: unknown }
  /**
   * `count` requests' work has finished since the last `done`: the ingress counts what is still outstanding. Sent a
   * few milliseconds late so that one message carries many (each message costs a wake-up of the other thread).
   */
  | { type: 'done'; count: number }
  | ({ type: 'route'; id: number } & RouteResponse)
  | { type: 'settled'; id: number }
  | { type: 'stopped'; outcome: 'drained' | 'deadline' }
  | { type: 'failed'; message: string };

/** Requests whose acknowledgement Slack reads: a view submission's `response_action` (errors, update, push). */
export function ackCarriesContent(body: Record<string, unknown>): boolean {
  return body.type === 'view_submission' || body.type === 'block_suggestion';
}
