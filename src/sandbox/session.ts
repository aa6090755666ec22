import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { createSlackApp } from '../slack/app.js';
import { directoryOf, type Workspace } from '../workspace/file.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { readJsonOrText } from './http-body.js';
import { postSigned, type SignedRequest } from './signing.js';
import { type Surface, SurfaceLog } from './surfaces.js';

export type { Surface };

/** What the bot sent back for one action, in the order it happened (CONTRACT §4). */
export type SandboxEvent =
  | { ack: unknown; status?: number }
  | { call: string; args: Record<string, unknown> }
  | { response_url: unknown };

export const SANDBOX_BOT = {
  userId: 'U_PLANBOT',
  botId: 'B_PLANBOT',
  teamId: 'T_SANDBOX',
  appId: 'A_PLANBOT',
} as const;
export const GENERAL_CHANNEL = 'C_GENERAL';

interface Delivered {
  url: string;
  request: SignedRequest;
  userId?: string;
}

/**
 * The real app and its real HTTP receiver, driven over loopback by signed requests, against a fake Slack Web API.
 * Each request's effects are complete when `deliver` returns: the receiver's answer, every listener, every call.
 */
export class SandboxSession {
  readonly signingSecret: string;
  readonly deps: Deps;
  readonly fake: FakeSlack;
  readonly app: App;
  #eventsUrl = '';
  /** What each person was shown, newest first; `click` acts on the newest that has the button. */
  readonly surfaces = new SurfaceLog();
  /** The last modal opened for each person. */
  readonly modals = new Map<string, string>();
  /** The bot's last message in each channel, for `thread: "last"`. */
  readonly lastBotMessage = new Map<string, { ts: string; threadTs?: string }>();
  #events: SandboxEvent[] = [];
  #responseServer: Server;
  #responseBase: string;
  #responseUrls = new Map<string, { userId: string; channel?: string; original?: Surface }>();
  #triggers = new Map<string, string>();
  #seq = 0;
  #last?: Delivered;
  #actor?: string;

  private constructor(
    deps: Deps,
    fake: FakeSlack,
    signingSecret: string,
    responseServer: Server,
    responseBase: string,
  ) {
    this.deps = deps;
    this.fake = fake;
    this.signingSecret = signingSecret;
    this.#responseServer = responseServer;
    this.#responseBase = responseBase;
    this.app = createSlackApp(deps, {
      kind: 'http',
      botToken: 'xoxb-sandbox-token',
      signingSecret,
      slackApiUrl: fake.url,
      botId: SANDBOX_BOT.botId,
      botUserId: SANDBOX_BOT.userId,
    });
    fake.onCall((call, response) => {
      this.#events.push({ call: call.method, args: call.args });
      this.#observe(call.method, call.args, response);
    });
  }

  get eventsUrl(): string {
    return this.#eventsUrl;
  }

  static async start(deps: Deps): Promise<SandboxSession> {
    const ws = deps.workspace;
    const channelIds = new Set<string>([
      GENERAL_CHANNEL,
      ws.channels.summary,
      ws.channels.reminders,
      ws.channels.admins,
    ]);
    for (const unit of ws.units) if (unit.channel) channelIds.add(unit.channel);
    const everyone = directoryOf(ws);
    const fake = await startFakeSlack({
      directory: {
        users: everyone.map((p) => ({ id: p.id, name: p.id.toLowerCase(), realName: p.name })),
        channels: [...channelIds].map((id) => ({
          id,
          name: id.toLowerCase().replace(/^c_/, ''),
          members: [SANDBOX_BOT.userId, ...everyone.map((p) => p.id)],
        })),
      },
      botUserId: SANDBOX_BOT.userId,
      botId: SANDBOX_BOT.botId,
      teamId: SANDBOX_BOT.teamId,
      now: () => deps.clock.now(),
    });
    let session: SandboxSession | undefined;
    const responseServer = createServer(async (req, res) => {
      const body = await readJsonOrText(req);
      if (session) session.#onResponse(req.url ?? '', body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => responseServer.listen(0, '127.0.0.1', resolve));
    const responseBase = `http://127.0.0.1:${(responseServer.address() as AddressInfo).port}/response/`;
    session = new SandboxSession(deps, fake, randomBytes(16).toString('hex'), responseServer, responseBase);
    await session.app.init();
    const server = (await session.app.start({ port: 0, host: '127.0.0.1' })) as Server;
    session.#eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    // The app's start-up calls (auth.test) are not part of any action.
    await session.settle();
    return session;
  }

  /** A fresh response_url for a request made by `userId`; `original` is the message it was clicked on, if any. */
  responseUrl(userId: string, channel?: string, original?: Surface): string {
    const url = `${this.#responseBase}${++this.#seq}`;
    this.#responseUrls.set(url, { userId, channel, original });
    return url;
  }

  triggerId(userId: string): string {
    const id = `${++this.#seq}.${Date.now()}.sandbox`;
    this.#triggers.set(id, userId);
    return id;
  }

  nextTs(): string {
    return `${Math.floor(this.deps.clock.now().getTime() / 1000)}.${String(++this.#seq).padStart(6, '0')}`;
  }

  /** Sends a signed request to the receiver and waits until all it set off has finished; returns what happened. */
  async deliver(
    request: SignedRequest,
    userId?: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<SandboxEvent[]> {
    this.#last = { url: this.eventsUrl, request, userId };
    this.#actor = userId;
    const res = await postSigned(this.eventsUrl, this.signingSecret, {
      ...request,
      headers: { ...request.headers, ...extraHeaders },
    });
    let ack: unknown = null;
    if (res.body) {
      try {
        ack = JSON.parse(res.body);
      } catch {
        ack = res.body;
      }
    }
    this.#events.push(res.status === 200 ? { ack } : { ack, status: res.status });
    return this.settle();
  }

  /** Delivers the previous request again, as Slack does on a retry. */
  redeliver(): Promise<SandboxEvent[]> {
    if (!this.#last) return Promise.resolve([]);
    return this.deliver(this.#last.request, this.#last.userId, {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
  }

  /** Waits until the app, the fake Slack and the response endpoint are all quiet, then hands over the events. */
  async settle(): Promise<SandboxEvent[]> {
    for (let quietRounds = 0; quietRounds < 2; ) {
      const before = this.#events.length;
      await this.deps.tasks.whenIdle();
      await this.fake.whenIdle();
      await new Promise((r) => setImmediate(r));
      quietRounds =
        this.#events.length === before && this.deps.tasks.running === 0 && this.fake.inFlight === 0
          ? quietRounds + 1
          : 0;
    }
    return this.#events.splice(0);
  }

  async close(): Promise<void> {
    await this.app.stop().catch(() => {});
    await this.fake.close();
    await new Promise<void>((resolve) => this.#responseServer.close(() => resolve()));
  }

  #onResponse(path: string, body: unknown): void {
    this.#events.push({ response_url: body });
    const url = `${this.#responseBase}${path.replace(/^\/response\//, '')}`;
    const owner = this.#responseUrls.get(url);
    if (!owner || !body || typeof body !== 'object') return;
    const b = body as { delete_original?: boolean; replace_original?: boolean; blocks?: unknown[]; text?: string };
    if (b.delete_original) {
      if (owner.original) this.surfaces.remove(owner.userId, owner.original);
      return;
    }
    const shown: Surface = {
      kind: 'message',
      channel: owner.channel ?? GENERAL_CHANNEL,
      blocks: b.blocks ?? [],
      text: b.text,
      responseUrl: url,
    };
    if (b.replace_original === true && owner.original) this.surfaces.replace(owner.userId, owner.original, shown);
    else this.surfaces.show(owner.userId, shown);
  }

  #observe(method: string, args: Record<string, unknown>, response: Record<string, unknown>): void {
    if (response.ok !== true) return;
    const channel = typeof args.channel === 'string' ? args.channel : undefined;
    const blocks = Array.isArray(args.blocks) ? args.blocks : [];
    switch (method) {
      case 'chat.postMessage':
      case 'chat.startStream': {
        const ts = String(response.ts ?? '');
        const actualChannel = String(response.channel ?? channel ?? '');
        const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
        this.lastBotMessage.set(actualChannel, { ts, threadTs });
        for (const userId of this.#viewersOf(actualChannel)) {
          this.surfaces.show(userId, {
            kind: 'message',
            channel: actualChannel,
            ts,
            blocks,
            text: args.text as string | undefined,
          });
        }
        break;
      }
      case 'chat.stopStream':
      case 'chat.update': {
        const ts = String(args.ts ?? '');
        if (blocks.length) this.surfaces.update((s) => (s.kind === 'message' && s.ts === ts ? { ...s, blocks } : s));
        break;
      }
      case 'chat.postEphemeral':
        if (typeof args.user === 'string' && channel) {
          this.surfaces.show(args.user, { kind: 'message', channel, blocks, text: args.text as string | undefined });
        }
        break;
      case 'views.open':
      case 'views.push': {
        const userId = this.#triggers.get(String(args.trigger_id ?? ''));
        const viewId = (response.view as { id?: string } | undefined)?.id;
        if (userId && viewId) {
          this.modals.set(userId, viewId);
          this.surfaces.show(userId, { kind: 'view', viewId });
        }
        break;
      }
      case 'views.publish': {
        const viewId = (response.view as { id?: string } | undefined)?.id;
        if (typeof args.user_id === 'string' && viewId && args.user_id === this.#actor) {
          this.surfaces.show(args.user_id, { kind: 'view', viewId });
        }
        break;
      }
    }
  }

  /** People of a reloaded workspace file who are new to the fake Slack join it and its channels. */
  addPeople(ws: Workspace): void {
    const channels = [...new Set([GENERAL_CHANNEL, ws.channels.summary, ws.channels.reminders, ws.channels.admins])];
    for (const unit of ws.units) if (unit.channel && !channels.includes(unit.channel)) channels.push(unit.channel);
    for (const p of directoryOf(ws)) {
      this.fake.addUser({ id: p.id, name: p.id.toLowerCase(), realName: p.name }, channels);
    }
  }

  /** Who is taken to see a bot message: the person the action was for, or the owner of a DM. */
  #viewersOf(channel: string): string[] {
    const viewers = new Set<string>();
    if (this.#actor) viewers.add(this.#actor);
    for (const person of directoryOf(this.deps.workspace)) {
      if (this.fake.dmChannel(person.id) === channel) viewers.add(person.id);
    }
    return [...viewers];
  }
}
