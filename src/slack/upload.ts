import type { WebClient } from '@slack/web-api';

export interface FileToShare {
  channel: string;
  bytes: Buffer;
  filename: string;
  title: string;
  /** Read out by screen readers for an image. */
  altText?: string;
  initialComment?: string;
  threadTs?: string;
}

/**
 * Shares a file in a channel with Slack's three steps (get an upload URL, post the bytes, complete the upload).
 * WebClient's filesUploadV2 sends the alt text as `alt_text`, which files.getUploadURLExternal does not take (its
 * argument is `alt_txt`), so Slack drops it without an error; this sends the documented arguments only.
 * Returns the shared file's id.
 */
export async function shareFile(client: WebClient, file: FileToShare): Promise<string> {
  const target = await client.files.getUploadURLExternal({
    filename: file.filename,
    length: file.bytes.length,
    ...(file.altText ? { alt_txt: file.altText } : {}),
  } as never);
  if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal returned no upload URL');
  const posted = await fetch(target.upload_url, { method: 'POST', body: new Uint8Array(file.bytes) });
  if (!posted.ok) throw new Error(`file upload failed: HTTP ${posted.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: file.title }],
    channel_id: file.channel,
    ...(file.initialComment ? { initial_comment: file.initialComment } : {}),
    ...(file.threadTs ? { thread_ts: file.threadTs } : {}),
  } as never);
  return target.file_id;
}
