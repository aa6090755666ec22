import { App, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';
import { registerAnswerActions } from './listeners/actions/answer.js';
import { registerCircularReview } from './listeners/actions/circular-review.js';
import { registerProgressActions } from './listeners/actions/progress.js';
import { registerPlanCommand } from './listeners/commands/plan.js';
import { registerProgressCommand } from './listeners/commands/progress.js';
import { registerReportCommand } from './listeners/commands/report.js';
import { registerAssistantEvents } from './listeners/events/assistant.js';
import { registerHomeEvents } from './listeners/events/home.js';
import { registerQuestionEvents } from './listeners/events/questions.js';
import { registerProgressViews } from './listeners/views/progress.js';
import { registerReportViews } from './listeners/views/report.js';
import { dedupeEvents } from './middleware/dedupe.js';

export type SlackAppOptions =
  | { kind: 'socket'; botToken: string; appToken: string }
  | {
      kind: 'http';
      botToken: string;
      signingSecret: string;
      /** Points the Web API client somewhere else: the local workspace's fake Slack. */
      slackApiUrl?: string;
      /** Known bot identity, so Bolt does not ask `auth.test` (used by the local workspace and benchmarks). */
      botId?: string;
      botUserId?: string;
    };

/** The Bolt app with every listener registered, one `register` per surface. Call `app.init()` before starting. */
export function createSlackApp(deps: Deps, options: SlackAppOptions): App {
  const common = {
    token: options.botToken,
    logger: boltLogger(deps.logger),
    deferInitialization: true,
  } as const;
  const app =
    options.kind === 'socket'
      ? new App({ ...common, socketMode: true, appToken: options.appToken })
      : new App({
          ...common,
          signingSecret: options.signingSecret,
          endpoints: '/slack/events',
          ...(options.botId && options.botUserId ? { botId: options.botId, botUserId: options.botUserId } : {}),
          clientOptions: options.slackApiUrl
            ? { slackApiUrl: options.slackApiUrl, retryConfig: { retries: 2, factor: 1.5, minTimeout: 50 } }
            : {},
        });

  // Count every request's whole processing so the local workspace can wait for it and shutdown can drain it.
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) =>
    deps.tasks.track(async () => {
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
  // An import or an approval in another process (the CLI, another replica) is seen within the registry's TTL.
  app.use(async ({ next }) => {
    await deps.plans.refresh().catch((error) => deps.logger.warn('plans not refreshed', { error }));
    await next();
  });

  registerPlanCommand(app, deps);
  registerQuestionEvents(app, deps);
  registerAssistantEvents(app, deps);
  registerAnswerActions(app, deps);
  registerProgressCommand(app, deps);
  registerReportCommand(app, deps);
  registerProgressViews(app, deps);
  registerReportViews(app, deps);
  registerProgressActions(app, deps);
  registerHomeEvents(app, deps);
  registerCircularReview(app, deps);

  app.error(async (error) => {
    deps.logger.error('unhandled listener error', { error, code: error.code });
  });
  return app;
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
