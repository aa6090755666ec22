import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPlanbotError } from '../../../src/errors.js';
import { type FakeSlack, startFakeSlack } from '../../../src/sandbox/fake-slack.js';
import { fetchSharedFile, trustedFileUrl } from '../../../src/slack/shared-file.js';

const directory = {
  users: [
    { id: 'U_ADMIN', name: 'admin', realName: '科技处管理员' },
    { id: 'U_OTHER', name: 'other', realName: '其他人' },
  ],
  channels: [{ id: 'C_PRIVATE', name: 'private', members: ['U_ADMIN', 'U_OTHER'] }],
};

let slack: FakeSlack;
let client: WebClient;

beforeEach(async () => {
  slack = await startFakeSlack({ directory, now: () => new Date('2024-09-20T09:00:00+08:00') });
  client = new WebClient('xoxb-sandbox', {
    slackApiUrl: slack.url,
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 0 },
  });
});
afterEach(async () => {
  await slack.close();
});

const share = (channel: string, name = 'plan.txt', text = '一、目标\n到2025年建成10个。') =>
  slack.shareFile({ channel, user: 'U_ADMIN', name, bytes: Buffer.from(text) });

describe('files people share with the bot, in the fake Slack', () => {
  it('a file shared in a DM arrives as a file_share message and files.info describes it with its private urls', async () => {
    const message = share(slack.dmChannel('U_ADMIN'));
    expect(message.subtype).toBe('file_share');
    const id = message.files?.[0]?.id ?? '';
    const info = (await client.files.info({ file: id })) as unknown as { file: Record<string, unknown> };
    expect(info.file).toMatchObject({
      id,
      name: 'plan.txt',
      mimetype: 'text/plain',
      size: Buffer.byteLength('一、目标\n到2025年建成10个。'),
    });
    expect(String(info.file.url_private)).toContain(new URL(slack.url).origin);
  });

  it('files.info refuses an unknown file, a file the bot cannot see and an argument it does not take', async () => {
    await expect(client.files.info({ file: 'F_NOPE' })).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    const hidden = share('C_PRIVATE').files?.[0]?.id ?? '';
    await expect(client.files.info({ file: hidden })).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    const id = share(slack.dmChannel('U_ADMIN')).files?.[0]?.id ?? '';
    await expect(client.apiCall('files.info', { file: id, channel: 'C_PRIVATE' })).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
  });

  it('the download needs the token: without it Slack sends the sign-in page, with it the bytes', async () => {
    const id = share(slack.dmChannel('U_ADMIN')).files?.[0]?.id ?? '';
    const info = (await client.files.info({ file: id })) as { file: { url_private: string } };
    const anonymous = await fetch(info.file.url_private, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    const shared = await fetchSharedFile(client, id, 'xoxb-sandbox');
    expect(new TextDecoder().decode(shared.bytes)).toBe('一、目标\n到2025年建成10个。');
    expect(shared.name).toBe('plan.txt');
  });

  it('a file over the size limit is refused before it is downloaded', async () => {
    const id = slack.shareFile({
      channel: slack.dmChannel('U_ADMIN'),
      user: 'U_ADMIN',
      name: 'huge.pdf',
      bytes: Buffer.alloc(21 * 1024 * 1024),
    }).files?.[0]?.id;
    const error = await fetchSharedFile(client, id ?? '', 'xoxb-sandbox').catch((e: unknown) => e);
    expect(isPlanbotError(error) && error.code).toBe('document_unusable');
    expect(isPlanbotError(error) && error.userMessage.zh).toContain('超过 20 MB');
  });
});

describe('where the bot token may be sent', () => {
  it('to Slack’s file hosts and to the host SLACK_API_URL names, and nowhere else', () => {
    const api = 'https://slack.com/api/';
    expect(trustedFileUrl('https://files.slack.com/files-pri/T-F/plan.docx', api)).toBe(true);
    expect(trustedFileUrl('https://files.slack-gov.com/files-pri/T-F/plan.docx', api)).toBe(true);
    expect(trustedFileUrl('http://127.0.0.1:4000/files-pri/T-F/plan.docx', 'http://127.0.0.1:4000/api/')).toBe(true);
    expect(trustedFileUrl('https://evil.example/files.slack.com/plan.docx', api)).toBe(false);
    expect(trustedFileUrl('https://files.slack.com.evil.example/plan.docx', api)).toBe(false);
    expect(trustedFileUrl('http://files.slack.com/plan.docx', api)).toBe(false);
  });
});
