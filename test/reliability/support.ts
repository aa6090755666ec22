/**
 * Requests as Slack sends them, and a response_url endpoint that keeps what each request was told: shared by the
 * reliability tests and `bench/load.ts`, which fire many requests at once instead of one action at a time.
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonOrText } from '../../src/sandbox/http-body.js';
import type { SignedRequest } from '../../src/sandbox/signing.js';

export const TEAM = 'T_SANDBOX';
export const BOT_USER = 'U_PLANBOT';

export function commandRequest(f: {
  command: string;
  text: string;
  user: string;
  channel: string;
  responseUrl: string;
  trigger?: string;
}): SignedRequest {
  return {
    body: new URLSearchParams({
      token: 'verification-token',
      team_id: TEAM,
      team_domain: 'sandbox',
      channel_id: f.channel,
      channel_name: f.channel.toLowerCase(),
      user_id: f.user,
      user_name: f.user.toLowerCase(),
      command: f.command,
      text: f.text,
      api_app_id: 'A_PLANBOT',
      is_enterprise_install: 'false',
      response_url: f.responseUrl,
      trigger_id: f.trigger ?? `${Date.now()}.1.trigger`,
    }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

let eventSeq = 0;

/** A message event: `channel_type: 'im'` for a DM. The event id is unique per call unless given. */
export function messageRequest(f: {
  user: string;
  channel: string;
  text: string;
  channelType?: 'im' | 'channel';
  ts?: string;
  threadTs?: string;
  eventId?: string;
}): SignedRequest {
  const seq = ++eventSeq;
  const ts = f.ts ?? `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`;
  return {
    body: JSON.stringify({
      token: 'verification-token',
      team_id: TEAM,
      api_app_id: 'A_PLANBOT',
      event: {
        type: 'message',
        channel: f.channel,
        channel_type: f.channelType ?? 'im',
        user: f.user,
        text: f.text,
        ts,
        ...(f.threadTs ? { thread_ts: f.threadTs } : {}),
        team: TEAM,
        event_ts: ts,
      },
      type: 'event_callback',
      event_id: f.eventId ?? `Ev${process.pid}x${seq}x${Date.now()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    }),
    contentType: 'application/json',
  };
}

/** A click on a message button (block_actions), e.g. a vote on an answer. */
export function buttonRequest(f: {
  user: string;
  channel: string;
  actionId: string;
  value: string;
  responseUrl: string;
}): SignedRequest {
  const payload = {
    type: 'block_actions',
    team: { id: TEAM, domain: 'sandbox' },
    user: { id: f.user, username: f.user.toLowerCase(), name: f.user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A_PLANBOT',
    token: 'verification-token',
    trigger_id: `${Date.now()}.2.trigger`,
    container: { type: 'message', message_ts: '1466384400.000001', channel_id: f.channel, is_ephemeral: true },
    channel: { id: f.channel, name: f.channel.toLowerCase() },
    actions: [
      {
        type: 'button',
        action_id: f.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'x' },
        value: f.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
    response_url: f.responseUrl,
    is_enterprise_install: false,
  };
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

/** An HTTP endpoint standing in for Slack's response_urls: every post is kept under the URL it was sent to. */
export interface ResponseSink {
  /** A fresh URL; what is posted to it is found with `received(url)`. */
  url(): string;
  received(url: string): unknown[];
  readonly total: number;
  /** Resolves once `n` posts in all have arrived (or after `timeoutMs`, to let the test say what is missing). */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startResponseSink(): Promise<ResponseSink> {
  const byPath = new Map<string, unknown[]>();
  let total = 0;
  let waiters: Array<() => void> = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readJsonOrText(req);
    const list = byPath.get(req.url ?? '') ?? [];
    list.push(body);
    byPath.set(req.url ?? '', list);
    total++;
    for (const wake of waiters.splice(0)) wake();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let seq = 0;
  return {
    url: () => `${base}/r/${++seq}`,
    received: (url) => byPath.get(url.slice(base.length)) ?? [],
    get total() {
      return total;
    },
    async waitFor(n, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (total < n && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      waiters = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every mass mention or Slack special command that could notify people, as found in serialized call args. */
export const MASS_MENTION = /<!(channel|here|everyone|subteam)|[@＠](channel|here|everyone)\b/i;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
