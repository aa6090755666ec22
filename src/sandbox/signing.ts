import { createHmac } from 'node:crypto';

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequest {
  body: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  headers?: Record<string, string>;
}

/** Posts a request to the app's receiver as Slack does, signed now (or at the given time). */
export async function postSigned(
  url: string,
  secret: string,
  req: SignedRequest,
  options: { timestamp?: number; signature?: string | null } = {},
): Promise<{ status: number; body: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': req.contentType,
    'x-slack-request-timestamp': String(timestamp),
    ...req.headers,
  };
  const signature = options.signature === undefined ? slackSignature(secret, timestamp, req.body) : options.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  const res = await fetch(url, { method: 'POST', headers, body: req.body });
  return { status: res.status, body: await res.text() };
}
