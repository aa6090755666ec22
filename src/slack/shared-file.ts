import type { WebClient } from '@slack/web-api';
import { isPlanbotError, PlanbotError } from '../errors.js';
import { MAX_DOCUMENT_BYTES, unusable } from '../plan/read/unusable.js';

/**
 * A file a person shared with the bot, fetched as Slack serves it: files.info for its name, size and private URL,
 * then the URL with the bot token. The token goes only to Slack's own file hosts or to the host the Web API client
 * is pointed at (SLACK_API_URL: GovSlack, a proxy, the local workspace's fake Slack), never to a URL of any other host.
 */

export interface SharedFile {
  name: string;
  bytes: Uint8Array;
}

const DOWNLOAD_TIMEOUT_MS = 120_000;
const SLACK_FILE_HOSTS = /(^|\.)(slack\.com|slack-gov\.com)$/;

function couldNotFetch(name: string, why: string, cause?: unknown): PlanbotError {
  return new PlanbotError(
    'not_found',
    `cannot fetch the shared file ${name}: ${why}`,
    {
      zh: `无法从 Slack 取得文件“${name}”,请稍后重新发送。`,
      en: `The file "${name}" could not be fetched from Slack; please share it again in a moment.`,
    },
    cause ? { cause } : undefined,
  );
}

/** Whether the bot token may be sent to this URL. */
export function trustedFileUrl(url: string, slackApiUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const api = new URL(slackApiUrl);
  if (target.origin === api.origin) return true;
  return target.protocol === 'https:' && SLACK_FILE_HOSTS.test(target.hostname);
}

const FileInfo = (value: unknown) => {
  const file = (value as { file?: Record<string, unknown> } | undefined)?.file ?? {};
  const str = (k: string) => (typeof file[k] === 'string' ? (file[k] as string) : undefined);
  return {
    name: str('name') ?? str('title') ?? 'file',
    size: typeof file.size === 'number' ? file.size : undefined,
    url: str('url_private_download') ?? str('url_private'),
  };
};

export async function fetchSharedFile(client: WebClient, fileId: string, token: string): Promise<SharedFile> {
  const info = FileInfo(await client.files.info({ file: fileId }));
  // Too large is refused before a byte is downloaded.
  if (info.size !== undefined && info.size > MAX_DOCUMENT_BYTES) throw unusable('too_large', info.name);
  if (!info.url) throw couldNotFetch(info.name, 'files.info gave no url_private');
  if (!trustedFileUrl(info.url, client.slackApiUrl)) throw couldNotFetch(info.name, `untrusted host in ${info.url}`);
  let response: Response;
  try {
    response = await fetch(info.url, {
      headers: { authorization: `Bearer ${token}` },
      redirect: 'manual',
      // A download that stalls is given up rather than holding the request for ever.
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
  } catch (cause) {
    throw couldNotFetch(info.name, 'download failed', cause);
  }
  // Slack answers a request it does not accept with a redirect to its sign-in page, not with the file.
  if (response.status !== 200) throw couldNotFetch(info.name, `download answered ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_DOCUMENT_BYTES) throw unusable('too_large', info.name);
  return { name: info.name, bytes: await readCapped(response, info.name) };
}

/** The body, read a chunk at a time and given up as soon as it passes the limit (whatever content-length said). */
async function readCapped(response: Response, name: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength;
      if (total > MAX_DOCUMENT_BYTES) {
        await response.body?.cancel().catch(() => {});
        throw unusable('too_large', name);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (isPlanbotError(error)) throw error;
    throw couldNotFetch(name, 'download failed', error);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
