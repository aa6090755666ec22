import { App, type Logger as BoltLogger, LogLevel, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';
import { opsRoutes } from '../ops/health.js';
import { requestKind } from '../ops/metrics.js';
import { createHttpFetch } from './http-fetch.js';
import { registerAnswerActions } from './listeners/actions/answer.js';
import { registerCircularReview } from './listeners/actions/circular-review.js';
import { registerPlanReviewActions } from './listeners/actions/plan-review.js';
import { registerProgressActions } from './listeners/actions/progress.js';
import { registerPlanCommand } from './listeners/commands/plan.js';
import { registerProgressCommand } from './listeners/commands/progress.js';
import { registerReportCommand } from './listeners/commands/report.js';
import { registerAssistantEvents } from './listeners/events/assistant.js';
import { registerHomeEvents } from './listeners/events/home.js';
import { registerPlanFileEvents } from './listeners/events/plan-file.js';
import { registerQuestionEvents } from './listeners/events/questions.js';
import { registerPlanReviewViews } from './listeners/views/plan-review.js';
import { registerProgressViews } from './listeners/views/progress.js';
import { registerReportViews } from './listeners/views/report.js';
import { dedupeEvents } from './middleware/dedupe.js';
import { ListenerRouter } from './router.js';

/** The longest a request waits for the plans to be re-read before its listener runs (and acknowledges it). */
const PLANS_REFRESH_WAIT_MS = 500;

/** Resolves when `work` does or after `ms`, whichever is first. */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([work, late]);
  clearTimeout(timer);
}

/** One client for every Web API call and response_url post of the process: its connections are reused. */
const httpFetch = createHttpFetch();

export type SlackAppOptions =
  | {
      kind: 'socket';
      botToken: string;
      appToken: string;
      slackApiUrl?: string;
      /** Serve /healthz and /metrics on this port (Socket Mode has no HTTP server otherwise). */
      metricsPort?: number;
    }
  | {
      kind: 'http';
      botToken: string;
      signingSecret: string;
      /** Points the Web API client somewhere else: GovSlack, a proxy, the local workspace's fake Slack. */
      slackApiUrl?: string;
      /** Known bot identity, so Bolt does not ask `auth.test` (used by the local workspace and benchmarks). */
      botId?: string;
      botUserId?: string;
    }
  | {
      /** Requests arrive verified (and mostly acknowledged) from the ingress thread: see src/ingress/. */
      kind: 'forwarded';
      botToken: string;
      receiver: Receiver;
      slackApiUrl?: string;
      botId?: string;
      botUserId?: string;
    };

/** The Bolt app with every listener registered, one `register` per surface. Call `app.init()` before starting. */
export function createSlackApp(deps: Deps, options: SlackAppOptions): App {
  const common = {
    token: options.botToken,
    logger: boltLogger(deps.logger),
    deferInitialization: true,
    // Bolt's conversation store (a middleware that reads and may write per-conversation state on every request) is
    // unused here: planbot keeps what it needs in its database.
    convoStore: false,
    // Socket Mode's own client (apps.connections.open) is given the same options by Bolt.
    clientOptions: {
      fetch: httpFetch,
      ...(options.slackApiUrl
        ? { slackApiUrl: options.slackApiUrl, retryConfig: { retries: 2, factor: 1.5, minTimeout: 50 } }
        : {}),
    },
  } as const;
  const app =
    options.kind === 'socket'
      ? new App({
          ...common,
          socketMode: true,
          appToken: options.appToken,
          ...(options.metricsPort ? { port: options.metricsPort, customRoutes: opsRoutes(deps) } : {}),
        })
      : options.kind === 'forwarded'
        ? new App({
            ...common,
            receiver: options.receiver,
            ...(options.botId && options.botUserId ? { botId: options.botId, botUserId: options.botUserId } : {}),
          })
        : new App({
            ...common,
            signingSecret: options.signingSecret,
            endpoints: '/slack/events',
            customRoutes: opsRoutes(deps),
            ...(options.botId && options.botUserId ? { botId: options.botId, botUserId: options.botUserId } : {}),
          });

  // Count every request's whole processing so the local workspace can wait for it and shutdown can drain it.
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) =>
    deps.tasks.track(async () => {
      countRequest(deps, event);
      try {
        await processEvent(event);
      } catch (error) {
        // Listener errors go to app.error() below, so what reaches here is Bolt reading a body of a shape Slack never
        // sends (`"event": null`, a `view` that is a number…) and throwing a TypeError: answer 200 instead of a 500.
        deps.logger.warn('request of an unexpected shape ignored', { error });
        await event.ack().catch(() => {});
      }
    });

  app.use(dedupeEvents(deps));
  // An import or an approval in another process (the CLI, another replica) is seen within the registry's TTL. A
  // command or an action is acknowledged by its listener, after this: a slow or unreachable database holds the
  // request at most PLANS_REFRESH_WAIT_MS, then it goes on with the plans already read (the refresh finishes alone).
  app.use(async ({ next }) => {
    if (deps.plans.stale) {
      const refreshed = deps.plans.refresh().catch((error) => deps.logger.warn('plans not refreshed', { error }));
      await within(refreshed, PLANS_REFRESH_WAIT_MS);
    }
    await next();
  });

  const router = new ListenerRouter();
  const listeners = router.listeners;
  registerPlanCommand(listeners, deps);
  registerQuestionEvents(listeners, deps);
  registerAssistantEvents(listeners, deps);
  registerAnswerActions(listeners, deps);
  registerProgressCommand(listeners, deps);
  registerReportCommand(listeners, deps);
  registerProgressViews(listeners, deps);
  registerReportViews(listeners, deps);
  registerProgressActions(listeners, deps);
  registerHomeEvents(listeners, deps);
  registerCircularReview(listeners, deps);
  registerPlanFileEvents(listeners, deps);
  registerPlanReviewActions(listeners, deps);
  registerPlanReviewViews(listeners, deps);
  app.use(router.middleware());

  app.error(async (error) => {
    deps.logger.error('unhandled listener error', { error, code: error.code });
  });
  return app;
}

/** Counts the request by kind and times its acknowledgement (the ack is wrapped where Bolt hands it on). */
function countRequest(deps: Deps, event: ReceiverEvent): void {
  const kind = requestKind(event.body);
  const started = performance.now();
  deps.metrics.request(kind);
  const ack = event.ack;
  let timed = false;
  event.ack = (response) => {
    if (!timed) {
      timed = true;
      deps.metrics.acked(kind, (performance.now() - started) / 1000);
    }
    return ack(response);
  };
}

/** Bolt's logger interface over ours, so Bolt's lines are structured and redacted too. */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const join = (msgs: unknown[]) => msgs.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...m: unknown[]) => logger.debug(join(m), { from: 'bolt' }),
    info: (...m: unknown[]) => logger.info(join(m), { from: 'bolt' }),
    warn: (...m: unknown[]) => logger.warn(join(m), { from: 'bolt' }),
    error: (...m: unknown[]) => logger.error(join(m), { from: 'bolt' }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** For the workspace reloader: a bad edit of the workspace file is reported to the admins' channel. */
export function tellAdminsOfRefusedEdit(app: App, deps: Pick<Deps, 'workspace'>): (error: string) => void {
  return (error) =>
    void app.client.chat
      .postMessage({
        channel: deps.workspace.channels.admins,
        text: `工作区配置文件的修改未生效,仍沿用上一版:${error}`,
      })
      .catch(() => {});
}
