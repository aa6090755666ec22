import { pino } from 'pino';
import { prettyFactory } from 'pino-pretty';

/**
 * The log, on pino: one JSON object a line (for journald, Loki, any collector), or pino-pretty's readable lines when
 * standard error is a terminal. Slack tokens, signing secrets, API keys and database passwords are redacted from
 * every line after it is serialised, so no field, message or error text can carry one out.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const TOKEN_PATTERNS: RegExp[] = [
  /\bxox[abposr]-[A-Za-z0-9-]+/g,
  /\bxapp-[A-Za-z0-9-]+/g,
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /(postgres(?:ql)?:\/\/[^:/\s]+:)[^@\s]+@/g,
];

/** Replaces every token-shaped string and every known secret value with a marker. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  for (const pattern of TOKEN_PATTERNS) {
    out = out.replace(pattern, (_m, keep?: string) => (typeof keep === 'string' ? `${keep}[redacted]@` : '[redacted]'));
  }
  return out;
}

export interface LoggerOptions {
  level?: LogLevel;
  secrets?: readonly string[];
  /** Where each (redacted) line goes; default standard error. */
  write?: (line: string) => void;
  /** `json` (default when standard error is not a terminal, or `write` is given) or `pretty`. */
  format?: 'json' | 'pretty';
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? [];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const format = options.format ?? (!options.write && process.stderr.isTTY ? 'pretty' : 'json');
  const prettify = format === 'pretty' ? prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss' }) : null;
  const destination = {
    write(chunk: string) {
      const line = redact(chunk.trimEnd(), secrets);
      write(prettify ? prettify(line).trimEnd() : line);
    },
  };
  const log = pino(
    {
      level: options.level ?? 'info',
      // Level names, not numbers, and ISO times: a line reads the same in a file, a collector and a test.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  const emit = (at: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: Record<string, unknown>) =>
    fields ? log[at](serialize(fields), msg) : log[at](msg);
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

function serialize(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? describeError(v) : v;
  }
  return out;
}

/** An error for the log: its name, message and code, and its cause's (a driver error wrapped by Drizzle, say). */
function describeError(e: Error, depth = 0): Record<string, unknown> {
  const cause = (e as { cause?: unknown }).cause;
  return {
    name: e.name,
    message: e.message,
    code: (e as { code?: unknown }).code,
    ...(cause instanceof Error && depth < 3 ? { cause: describeError(cause, depth + 1) } : {}),
  };
}

export const silentLogger: Logger = createLogger({ level: 'silent', format: 'json' });
