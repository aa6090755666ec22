import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { isPlanbotError } from '../../src/errors.js';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (isPlanbotError(error)) return error.message;
    throw error;
  }
  throw new Error('expected the environment to be refused');
}

describe('the environment', () => {
  it('when nothing is set, runs the local workspace on PGlite under ./data with offline answers', () => {
    const config = loadConfig({});
    expect(config.slack).toEqual({ kind: 'local' });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(config.llm).toBeNull();
  });

  it('when a bot token and an app token are set, connects over Socket Mode', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_APP_TOKEN: 'xapp-1-2' }).slack.kind).toBe('socket');
  });

  it('when a bot token and a signing secret are set, serves HTTP on PORT, 3000 by default', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 'abcdef0123456789' };
    expect(loadConfig(env).slack).toMatchObject({ kind: 'http', port: 3000 });
    expect(loadConfig({ ...env, PORT: '8080' }).slack).toMatchObject({ kind: 'http', port: 8080 });
  });

  it('when SLACK_API_URL is set, both modes call the Web API there (a slash added), and METRICS_PORT is kept', () => {
    const socket = { SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_APP_TOKEN: 'xapp-1-2' };
    expect(loadConfig({ ...socket, SLACK_API_URL: 'https://slack-gov.com/api', METRICS_PORT: '9464' }).slack).toEqual({
      ...{ kind: 'socket', botToken: 'xoxb-1-2', appToken: 'xapp-1-2' },
      ...{ slackApiUrl: 'https://slack-gov.com/api/', metricsPort: 9464 },
    });
    const http = { SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 'abcdef0123456789' };
    expect(loadConfig({ ...http, SLACK_API_URL: 'http://127.0.0.1:9/api/' }).slack).toMatchObject({
      slackApiUrl: 'http://127.0.0.1:9/api/',
    });
    expect(loadConfig(http).slack).not.toHaveProperty('slackApiUrl');
    expect(() => loadConfig({ ...http, SLACK_API_URL: 'slack.com' })).toThrow(/SLACK_API_URL must be an http\(s\) URL/);
  });

  it('when DATABASE_URL is set, uses that PostgreSQL server', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/planbot' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/planbot',
    });
  });

  it('when an OpenAI key is set, answers with a model, gpt-4o-mini unless OPENAI_MODEL says otherwise', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' }).llm).toMatchObject({ model: 'gpt-4o-mini', timeoutMs: 20_000 });
    expect(
      loadConfig({ OPENAI_API_KEY: 'k', OPENAI_MODEL: 'qwen-plus', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' }).llm,
    ).toMatchObject({
      model: 'qwen-plus',
      baseURL: 'http://127.0.0.1:1/v1',
    });
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN'],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is missing'],
    [{ SLACK_BOT_TOKEN: 'abc', SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN must be a bot token'],
    [{ DATABASE_URL: 'mysql://root@localhost/db' }, 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of debug, info, warn, error, silent'],
    [{ PORT: 'eighty' }, 'PORT must be a port number'],
    [{ OPENAI_MODEL: 'gpt-4o' }, 'OPENAI_API_KEY is missing'],
  ])('when the environment is half-configured (%o), it stops with one line naming the variable', (env, expected) => {
    const message = configError(env as Record<string, string>);
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  it('keeps every secret in the list the logger redacts', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-secret-1',
      SLACK_SIGNING_SECRET: 'signing-secret-value',
      OPENAI_API_KEY: 'sk-abcdefgh12',
    });
    expect(config.secrets).toEqual(expect.arrayContaining(['xoxb-secret-1', 'signing-secret-value', 'sk-abcdefgh12']));
  });
});
