import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLlmClient, type LlmConfig, ModelUnavailableError } from '../../../src/answer/llm.js';
import { silentLogger } from '../../../src/logger.js';
import { type FakeOpenAiServer, reply, startFakeOpenAiServer } from '../../fakes/openai-server.js';

const messages = [{ role: 'user' as const, content: '科研经费有多少?' }];

describe('the model client', () => {
  let server: FakeOpenAiServer;
  const client = (overrides: Partial<LlmConfig> = {}) =>
    createLlmClient(
      { apiKey: 'sk-test-key-000000', baseURL: server.baseURL, model: 'fake-model', retryDelayMs: 10, ...overrides },
      silentLogger,
    );
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => error as ModelUnavailableError,
    );

  beforeEach(async () => {
    server = await startFakeOpenAiServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('streams a completion chunk by chunk and resolves to the whole text', async () => {
    server.enqueue(reply.text('不少于500万元。', { chunks: ['不少于', '500', '万元。'] }));
    const chunks: string[] = [];

    const text = await client().complete(messages, { onDelta: (c) => void chunks.push(c) });

    expect(text).toBe('不少于500万元。');
    expect(chunks).toEqual(['不少于', '500', '万元。']);
    const sent = server.requests[0];
    expect(sent?.body).toMatchObject({ model: 'fake-model', stream: true, messages });
    expect(sent?.headers.authorization).toBe('Bearer sk-test-key-000000');
  });

  it('retries once after a 429 whose Retry-After is small, and succeeds', async () => {
    server.enqueue(reply.rateLimited(0), reply.text('好'));

    await expect(client().complete(messages)).resolves.toBe('好');
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after a second 429, reporting rate limiting and two attempts', async () => {
    server.enqueue(reply.rateLimited(0), reply.rateLimited(0));

    const error = await failure(client().complete(messages));

    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ code: 'model_unavailable', reason: 'rate_limited', attempts: 2 });
  });

  it('does not retry when Retry-After is longer than it is willing to wait', async () => {
    server.enqueue(reply.rateLimited(30));

    const error = await failure(client({ maxRetryAfterMs: 1_000 }).complete(messages));

    expect(error).toMatchObject({ reason: 'rate_limited', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 5xx once', async () => {
    server.enqueue(reply.serverError(503), reply.text('好'));

    await expect(client().complete(messages)).resolves.toBe('好');
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a rejected request (401)', async () => {
    server.enqueue({ kind: 'status', status: 401, message: 'Incorrect API key provided' });

    const error = await failure(client().complete(messages));

    expect(error).toMatchObject({ reason: 'rejected', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('times out a model that never answers, retries once, then reports a timeout', async () => {
    server.setHandler(() => reply.hang());

    const error = await failure(client({ timeoutMs: 300 }).complete(messages));

    expect(error).toMatchObject({ reason: 'timeout', attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a stream that stalls after text was already delivered', async () => {
    server.enqueue({ kind: 'text', text: '不少于500万元。', chunks: ['不少于', '500', '万元。'], stallAfter: 1 });
    const chunks: string[] = [];

    const error = await failure(client({ timeoutMs: 300 }).complete(messages, { onDelta: (c) => void chunks.push(c) }));

    expect(error).toMatchObject({ reason: 'timeout', attempts: 1 });
    expect(chunks).toEqual(['不少于']);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a connection failure when nothing listens at the address', async () => {
    const url = server.baseURL;
    await server.close();

    const error = await failure(
      createLlmClient(
        { apiKey: 'sk-test-key-000000', baseURL: url, model: 'm', retryDelayMs: 10 },
        silentLogger,
      ).complete(messages),
    );

    expect(error).toMatchObject({ reason: 'connection', attempts: 2 });
    server = await startFakeOpenAiServer();
  });
});

describe('the fake OpenAI server', () => {
  it('answers a non-streaming request with a whole chat.completion object', async () => {
    const server = await startFakeOpenAiServer({ handler: () => reply.text('你好') });
    try {
      const res = await fetch(`${server.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      });
      const body = (await res.json()) as { object: string; choices: { message: { content: string } }[] };
      expect(body.object).toBe('chat.completion');
      expect(body.choices[0]?.message.content).toBe('你好');
    } finally {
      await server.close();
    }
  });

  it('ends a stream with data: [DONE] after a finish chunk, as OpenAI does', async () => {
    const server = await startFakeOpenAiServer({ handler: () => reply.text('你好') });
    try {
      const res = await fetch(`${server.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
      const events = (await res.text()).split('\n\n').filter(Boolean);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      expect(events.at(-1)).toBe('data: [DONE]');
      expect(events.at(-2)).toContain('"finish_reason":"stop"');
      expect(events[0]).toContain('"role":"assistant"');
    } finally {
      await server.close();
    }
  });
});
