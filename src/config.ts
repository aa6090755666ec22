import { z } from 'zod';
import { PlanbotError } from './errors.js';
import { packagePath } from './package-root.js';

/** The one place that reads the environment. Everything else gets a typed `Config`. */

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string())
  .optional()
  .transform((s) => (s ? s : undefined));

const integer = (message: string, min: number, max: number) =>
  z.string().regex(/^\d+$/, message).transform(Number).pipe(z.number().int().min(min, message).max(max, message));

const EnvSchema = z
  .object({
    SLACK_BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^xoxb-/, 'must be a bot token that starts with xoxb-')
        .optional(),
    ),
    SLACK_APP_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^xapp-/, 'must be an app-level token that starts with xapp-')
        .optional(),
    ),
    SLACK_SIGNING_SECRET: optionalString.pipe(z.string().min(8, 'looks too short for a signing secret').optional()),
    PORT: optionalString.pipe(integer('must be a port number (1-65535)', 1, 65535).optional()),
    METRICS_PORT: optionalString.pipe(integer('must be a port number (1-65535)', 1, 65535).optional()),
    SLACK_API_URL: optionalString.pipe(z.url('must be an http(s) URL such as https://slack.com/api/').optional()),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres:// or postgresql:// URL')
        .refine((u) => URL.canParse(u), 'is not a valid URL')
        .optional(),
    ),
    PLANBOT_DATA_DIR: optionalString,
    PLANBOT_WORKSPACE: optionalString,
    PLANBOT_PLAN: optionalString,
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString.pipe(z.url('must be an http(s) URL').optional()),
    OPENAI_MODEL: optionalString,
    OPENAI_TIMEOUT_MS: optionalString.pipe(
      integer('must be milliseconds between 100 and 300000', 100, 300_000).optional(),
    ),
    LOG_LEVEL: optionalString.pipe(
      z
        .enum(['debug', 'info', 'warn', 'error', 'silent'], {
          error: 'must be one of debug, info, warn, error, silent',
        })
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP) is',
      });
    }
    if (!env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET)) {
      const which = env.SLACK_APP_TOKEN ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET';
      ctx.addIssue({ code: 'custom', path: [which], message: 'is set but SLACK_BOT_TOKEN is missing' });
    }
    if ((env.OPENAI_BASE_URL || env.OPENAI_MODEL) && !env.OPENAI_API_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_API_KEY'],
        message:
          'is missing while OPENAI_BASE_URL or OPENAI_MODEL is set (use any non-empty key for servers that need none)',
      });
    }
  });

export type SlackMode =
  | {
      kind: 'socket';
      botToken: string;
      appToken: string;
      slackApiUrl?: string;
      /** Where /healthz and /metrics are served; Socket Mode has no port of its own. */
      metricsPort?: number;
    }
  | { kind: 'http'; botToken: string; signingSecret: string; port: number; slackApiUrl?: string }
  | { kind: 'local' };

export interface Config {
  slack: SlackMode;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  workspacePath: string;
  planDir: string;
  llm: { apiKey: string; baseURL?: string; model: string; timeoutMs: number } | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Values that must never reach a log line. */
  secrets: string[];
}

export const DEFAULT_WORKSPACE = 'workspaces/demo.yaml';
export const DEFAULT_PLAN_DIR = 'plans/nmg-keji-2015';
export const DEFAULT_MODEL = 'gpt-4o-mini';

/** Parses the environment; a bad one throws a `config_invalid` error whose message is one line. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const name = String(first?.path[0] ?? 'environment');
    const message = `${name} ${first?.message ?? 'is invalid'}`;
    throw new PlanbotError('config_invalid', `invalid environment: ${message}`);
  }
  const e = parsed.data;
  // WebClient joins method names onto the base, so the base must end in a slash.
  const slackApiUrl = e.SLACK_API_URL?.replace(/\/?$/, '/');
  const slack: SlackMode = e.SLACK_BOT_TOKEN
    ? e.SLACK_APP_TOKEN
      ? {
          kind: 'socket',
          botToken: e.SLACK_BOT_TOKEN,
          appToken: e.SLACK_APP_TOKEN,
          ...(slackApiUrl ? { slackApiUrl } : {}),
          ...(e.METRICS_PORT ? { metricsPort: e.METRICS_PORT } : {}),
        }
      : {
          kind: 'http',
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET ?? '',
          port: e.PORT ?? 3000,
          ...(slackApiUrl ? { slackApiUrl } : {}),
        }
    : { kind: 'local' };
  return {
    slack,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.PLANBOT_DATA_DIR ?? './data' },
    // The shipped defaults are found in the package, wherever it is started from; given paths are the caller's.
    workspacePath: e.PLANBOT_WORKSPACE ?? packagePath(DEFAULT_WORKSPACE),
    planDir: e.PLANBOT_PLAN ?? packagePath(DEFAULT_PLAN_DIR),
    llm: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL ?? DEFAULT_MODEL,
          timeoutMs: e.OPENAI_TIMEOUT_MS ?? 20_000,
        }
      : null,
    logLevel: e.LOG_LEVEL ?? 'info',
    secrets: [e.SLACK_BOT_TOKEN, e.SLACK_APP_TOKEN, e.SLACK_SIGNING_SECRET, e.OPENAI_API_KEY, e.DATABASE_URL].filter(
      (s): s is string => Boolean(s),
    ),
  };
}

/** The secrets to keep out of a last-resort error line, even when the configuration itself failed to load. */
export function environmentSecrets(env: Record<string, string | undefined> = process.env): string[] {
  const names = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'OPENAI_API_KEY', 'DATABASE_URL'];
  return names.map((n) => env[n]?.trim() ?? '').filter(Boolean);
}
