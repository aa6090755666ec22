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

function post(url: URL, init: RequestInit, agent: HttpAgent): Promise<Response> {
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
    req.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
    req.end(body ?? undefined);
  });
}

function toResponse(url: URL, res: IncomingMessage, bytes: Buffer): Response {
  const headers = new Headers();
  for (const [key, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
  }
  const status = res.statusCode ?? 500;
  // A Response cannot carry a body with these statuses.
  const empty = status === 204 || status === 205 || status === 304;
  const response = new Response(empty ? null : (bytes as Uint8Array<ArrayBuffer>), {
    status,
    statusText: res.statusMessage ?? '',
    headers,
  });
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}
