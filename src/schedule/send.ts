import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { shareFile } from '../slack/upload.js';
import type { OutboxPayload } from './outbox.js';

/**
 * Sends one outbox message and says what happened. Rate limits and server errors are retried here, waiting as long
 * as Slack's Retry-After says (or an exponential backoff), within the row's lease; errors that will not go away
 * (a channel that does not exist, a bot not in it, an archived channel) fail at once.
 */

export type SendOutcome =
  | { ok: true; ts: string }
  | { ok: false; permanent: true; error: string }
  | { ok: false; permanent: false; error: string; retryAfterMs: number };

const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'account_inactive',
  'cannot_dm_bot',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'restricted_action',
  'not_authed',
  'invalid_auth',
  'token_revoked',
  'missing_scope',
]);
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** A Web API client for jobs: it never retries on its own, so the outbox decides, honouring Retry-After. */
export function createJobClient(token: string, slackApiUrl?: string): WebClient {
  return new WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
}

/** One attempt. `meta` names the outbox row in the message's metadata. */
export async function sendOnce(
  client: WebClient,
  payload: OutboxPayload,
  threadTs: string | null,
  meta?: Record<string, string | number>,
): Promise<SendOutcome> {
  try {
    if (payload.method === 'chat.postMessage') {
      const res = await client.chat.postMessage({
        channel: payload.channel,
        text: payload.text,
        ...(payload.blocks ? { blocks: payload.blocks as never } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        // Names the outbox row the message came from, so any post can be traced to its job, slot and kind.
        ...(meta ? { metadata: { event_type: 'planbot_outbox', event_payload: meta } } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
      return { ok: true, ts: String(res.ts ?? '') };
    }
    const id = await shareFile(client, {
      channel: payload.channel,
      bytes: Buffer.from(payload.data, 'base64'),
      filename: payload.filename,
      title: payload.title,
      ...(payload.altText ? { altText: payload.altText } : {}),
      ...(payload.initialComment ? { initialComment: payload.initialComment } : {}),
      ...(threadTs ? { threadTs } : {}),
    });
    return { ok: true, ts: `file:${id}` };
  } catch (error) {
    return classify(error);
  }
}

export function classify(error: unknown): SendOutcome & { ok: false } {
  const e = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
    message?: string;
  };
  if (e.code === ErrorCode.RateLimitedError) {
    return { ok: false, permanent: false, error: 'ratelimited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
  }
  if (e.code === ErrorCode.HTTPError) {
    const status = e.statusCode ?? 0;
    if (status === 429 || status >= 500)
      return { ok: false, permanent: false, error: `http_${status}`, retryAfterMs: 0 };
    return { ok: false, permanent: true, error: `http_${status}` };
  }
  if (e.code === ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown_error';
    if (TRANSIENT.has(code)) return { ok: false, permanent: false, error: code, retryAfterMs: 0 };
    return { ok: false, permanent: true, error: code };
  }
  // Network failures and timeouts: try again.
  return { ok: false, permanent: false, error: e.code ?? e.message ?? 'request_error', retryAfterMs: 0 };
}

export interface DeliverOptions {
  /** Waits; tests pass one that records the wait. */
  sleep: (ms: number) => Promise<void>;
  /** Attempts in this process before the row goes back to the outbox for a later drain. */
  tries: number;
  /** The time the row is ours: no wait may run past it. */
  budgetMs: number;
  backoffMs: (attempt: number) => number;
}

export const defaultBackoff = (attempt: number) => Math.min(60_000, 1000 * 2 ** (attempt - 1));

/** Attempts until sent, a permanent error, the tries run out or the next wait would outlast the lease. */
export async function deliver(
  client: WebClient,
  payload: OutboxPayload,
  threadTs: string | null,
  options: DeliverOptions & { meta?: Record<string, string | number> },
): Promise<SendOutcome> {
  let spent = 0;
  let last: SendOutcome = { ok: false, permanent: false, error: 'not_sent', retryAfterMs: 0 };
  for (let attempt = 1; attempt <= options.tries; attempt++) {
    last = await sendOnce(client, payload, threadTs, options.meta);
    if (last.ok || last.permanent) return last;
    const wait = last.retryAfterMs || options.backoffMs(attempt);
    if (attempt === options.tries || spent + wait > options.budgetMs) return { ...last, retryAfterMs: wait };
    await options.sleep(wait);
    spent += wait;
  }
  return last;
}

export const isPermanent = (code: string) => PERMANENT.has(code);
