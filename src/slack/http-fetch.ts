import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * The `fetch` the Web API client and Bolt's `respond` are given: a POST of a string body over node:http with
 * connections kept alive, answered with a standard `Response`. Node's own `fetch` (undici) costs about a millisecond
 * of CPU per call in clones, web streams and its dispatcher — under load, as much as a request's database work; this
 * path costs a fraction of that. Anything it does not cover (a stream or form body, a redirect) goes to the global
 * `fetch` unchanged.
 */
export function createHttpFetch(options: { maxSockets?: number } = {}): typeof fetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const agents = { 'http:': new HttpAgent(agentOptions), 'https:': new HttpsAgent(agentOptions) };
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : undefined;
    const body = init?.body;
    if (
      !url ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      (body != null && typeof body !== 'string' && !(body instanceof Uint8Array)) ||
      (init?.redirect !== undefined && init.redirect !== 'error' && init.redirect !== 'follow')
    ) {
      return fetch(input, init);
    }
    return post(url, init ?? {}, agents[url.protocol]);
  }) as typeof fetch;
}

/** Errors of a post whose kept-alive connection the server closed as the post went out on it. */
const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE']);

/**
 * Posts once more (at most twice) when the connection the post went out on was a reused one the server had just
 * closed: a server drops an idle kept-alive connection after its own timeout (Node's default is 5 s), and a post
 * leaving on it at that moment is reset unread. Node's documentation gives this retry for exactly this race. A post
 * reset on a new connection, or after any part of an answer came, is never sent again.
 */
function post(url: URL, init: RequestInit, agent: HttpAgent, retries = 2): Promise<Response> {
  return postOnce(url, init, agent).catch((error: unknown) => {
    const stale = error instanceof StaleConnection;
    if (stale && retries > 0 && !init.signal?.aborted) return post(url, init, agent, retries - 1);
    throw stale ? error.failure : error;
  });
}

class StaleConnection extends Error {
  constructor(readonly failure: TypeError) {
    super(failure.message);
  }
}

function postOnce(url: URL, init: RequestInit, agent: HttpAgent): Promise<Response> {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, key) => {
    headers[key] = value;
  });
  const body = init.body as string | Uint8Array | null | undefined;
  if (body != null) headers['content-length'] ??= String(Buffer.byteLength(body));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const req = send(
      url,
      { method: init.method ?? 'GET', headers, agent, ...(init.signal ? { signal: init.signal } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 500;
          if (status >= 300 && status < 400 && res.headers.location) {
            // Followed (or refused) exactly as the global fetch does it; nothing was done at the first address.
            if (init.redirect === 'error') reject(new TypeError('fetch failed', { cause: new Error('redirect') }));
            else resolve(fetch(url, init));
            return;
          }
          resolve(toResponse(url, res, Buffer.concat(chunks)));
        });
      },
    );
    let answered = false;
    req.on('response', () => {
      answered = true;
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const failure = new TypeError('fetch failed', { cause: error });
      const stale = req.reusedSocket && !answered && STALE_CONNECTION.has(error.code ?? '');
      reject(stale ? new StaleConnection(failure) : failure);
    });
    req.end(body ?? undefined);
  });
}

/**
 * What the callers read of a response — status, headers, the body as text, JSON or bytes — without a WHATWG
 * `Response`, whose construction (web streams, body extraction) costs as much as the rest of the post.
 */
function toResponse(url: URL, res: IncomingMessage, bytes: Buffer): Response {
  const status = res.statusCode ?? 500;
  const headers = new ReceivedHeaders(res.headers);
  let used = false;
  const read = () => {
    if (used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    used = true;
    return Promise.resolve(bytes);
  };
  const response = {
    status,
    statusText: res.statusMessage ?? '',
    ok: status >= 200 && status < 300,
    url: url.href,
    redirected: false,
    type: 'basic',
    headers,
    get bodyUsed() {
      return used;
    },
    text: () => read().then((b) => b.toString('utf8')),
    json: () => read().then((b) => JSON.parse(b.toString('utf8')) as unknown),
    arrayBuffer: () => read().then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
    bytes: () => read().then((b) => new Uint8Array(b)),
    blob: () => read().then((b) => new Blob([new Uint8Array(b)])),
    clone: () => toResponse(url, res, bytes),
  };
  return response as unknown as Response;
}

/** The read side of `Headers` over Node's parsed headers (names already lower-case). */
class ReceivedHeaders {
  constructor(private readonly raw: IncomingMessage['headers']) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  keys(): IterableIterator<string> {
    return Array.from(this.entries(), ([k]) => k)[Symbol.iterator]();
  }

  values(): IterableIterator<string> {
    return Array.from(this.entries(), ([, v]) => v)[Symbol.iterator]();
  }

  forEach(callback: (value: string, name: string, parent: ReceivedHeaders) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
