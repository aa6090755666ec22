/**
 * The language model behind an OpenAI-compatible chat-completions endpoint. The SDK's own retries are off: this
 * file retries once, itself, so what happens on a timeout, a 429 or a 5xx is explicit and testable.
 */
import OpenAI, { APIError } from 'openai';
import { PlanbotError } from '../errors.js';
import type { Logger } from '../logger.js';

export interface LlmConfig {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Waiting for the first token, or between tokens, longer than this fails the attempt. Default 20 s. */
  timeoutMs?: number;
  /** Pause before the one retry when the server gives no Retry-After. Default 1 s. */
  retryDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the caller answers without the model. Default 5 s. */
  maxRetryAfterMs?: number;
  temperature?: number;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompleteOptions {
  /** Receives the raw model text as it streams. Once a chunk has been delivered the request is not retried. */
  onDelta?: (chunk: string) => void;
  maxTokens?: number;
}

export interface LlmClient {
  /** Streams a chat completion and resolves to its whole text; rejects with `ModelUnavailableError`. */
  complete(messages: ChatMessage[], options?: CompleteOptions): Promise<string>;
}

export type ModelFailure = 'timeout' | 'rate_limited' | 'server_error' | 'connection' | 'rejected';

export class ModelUnavailableError extends PlanbotError {
  readonly reason: ModelFailure;
  readonly attempts: number;
  constructor(reason: ModelFailure, attempts: number, cause: unknown) {
    super(
      'model_unavailable',
      `model unavailable (${reason}) after ${attempts} attempt(s)`,
      {
        zh: '语言模型暂时无法使用,以下为计划原文摘录。',
        en: 'The language model is unavailable right now; here are the relevant passages of the plan instead.',
      },
      { cause },
    );
    this.reason = reason;
    this.attempts = attempts;
  }
}

const DEFAULT_TIMEOUT_MS = 20_000;

export function createLlmClient(config: LlmConfig, logger: Logger): LlmClient {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retryDelayMs = config.retryDelayMs ?? 1_000;
  const maxRetryAfterMs = config.maxRetryAfterMs ?? 5_000;
  const client = new OpenAI({
    apiKey: config.apiKey,
    // Explicit, so the SDK never falls back to reading OPENAI_BASE_URL itself: config.ts owns the environment.
    baseURL: config.baseURL ?? 'https://api.openai.com/v1',
    maxRetries: 0,
    // Our own idle timer governs; the SDK's is only a backstop against a connection that never opens.
    timeout: timeoutMs * 2,
  });

  const attempt = async (messages: ChatMessage[], options: CompleteOptions, delivered: { any: boolean }) => {
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    };
    arm();
    try {
      const stream = await client.chat.completions.create(
        {
          model: config.model,
          messages,
          stream: true,
          ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
          ...(options.maxTokens === undefined ? {} : { max_tokens: options.maxTokens }),
        },
        { signal: controller.signal, maxRetries: 0 },
      );
      let text = '';
      for await (const chunk of stream) {
        arm();
        const delta = chunk.choices[0]?.delta?.content;
        if (!delta) continue;
        text += delta;
        delivered.any = true;
        options.onDelta?.(delta);
      }
      // The SDK ends the iteration quietly when aborted mid-stream: a stalled stream must not pass as a whole answer.
      if (timedOut) throw new TimeoutError(timeoutMs, undefined);
      return text;
    } catch (error) {
      throw timedOut ? new TimeoutError(timeoutMs, error) : error;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async complete(messages, options = {}) {
      const delivered = { any: false };
      for (let attemptNo = 1; ; attemptNo++) {
        try {
          return await attempt(messages, options, delivered);
        } catch (error) {
          const reason = classify(error);
          const wait = retryWait(error, retryDelayMs);
          const retryable = reason !== 'rejected' && !delivered.any && attemptNo === 1;
          if (retryable && wait <= maxRetryAfterMs) {
            logger.warn('model request failed; retrying once', { reason, waitMs: wait, error: asError(error) });
            await sleep(wait);
            continue;
          }
          logger.warn('model request failed; giving up', { reason, attempts: attemptNo, error: asError(error) });
          throw new ModelUnavailableError(reason, attemptNo, error);
        }
      }
    },
  };
}

class TimeoutError extends Error {
  constructor(ms: number, cause: unknown) {
    super(`no model output for ${ms} ms`, { cause });
    this.name = 'TimeoutError';
  }
}

function classify(error: unknown): ModelFailure {
  if (error instanceof TimeoutError) return 'timeout';
  if (error instanceof APIError) {
    const status = error.status;
    if (status === undefined) return error.name === 'APIConnectionTimeoutError' ? 'timeout' : 'connection';
    if (status === 429) return 'rate_limited';
    if (status >= 500) return 'server_error';
    if (status === 408 || status === 409) return 'server_error';
    return 'rejected';
  }
  return 'connection';
}

/** Milliseconds to wait before the retry: the server's `retry-after-ms` or `Retry-After` if given, else our own. */
export function retryWait(error: unknown, fallbackMs: number): number {
  const headers = error instanceof APIError ? error.headers : undefined;
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const header = headers?.get('retry-after');
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    // An HTTP-date is wall-clock time on the server's side, so it is compared with the real clock, not the app's.
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(0, at - Date.now());
  }
  return fallbackMs;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));
