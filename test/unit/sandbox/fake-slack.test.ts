import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../../src/sandbox/fake-slack.js';

const directory = {
  users: [
    { id: 'U_ADMIN', name: 'admin', realName: '科技处管理员' },
    { id: 'U_JLY_LEAD', name: 'jly-lead', realName: '计量院负责人' },
  ],
  channels: [
    { id: 'C_KEJI', name: 'keji', members: ['U_ADMIN', 'U_JLY_LEAD'] },
    { id: 'C_JLY', name: 'jly', members: ['U_JLY_LEAD'] },
  ],
};

const modal = {
  type: 'modal' as const,
  callback_id: 'progress_update',
  title: { type: 'plain_text' as const, text: '填报进展' },
  submit: { type: 'plain_text' as const, text: '提交' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'value',
      label: { type: 'plain_text' as const, text: '数值' },
      element: { type: 'number_input' as const, action_id: 'value', is_decimal_allowed: false },
    },
  ],
};

let slack: FakeSlack;
let client: WebClient;

beforeEach(async () => {
  slack = await startFakeSlack({ directory, now: () => new Date('2016-06-20T09:00:00+08:00') });
  client = new WebClient('xoxb-sandbox', {
    slackApiUrl: slack.url,
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 },
  });
});

afterEach(async () => {
  await slack.close();
});

describe('fake Slack Web API', () => {
  it('serves WebClient on loopback at an /api/ url', () => {
    expect(slack.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('answers auth.test with the bot identity Bolt reads', async () => {
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: 'U_PLANBOT', bot_id: 'B_PLANBOT', team_id: 'T_SANDBOX' });
  });

  it('when the bot posts twice, each message gets a unique, increasing ts and the call is recorded with decoded blocks', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*国家质检中心* 目标 3 个' } }];
    const first = await client.chat.postMessage({ channel: 'C_KEJI', text: '进展', blocks });
    const second = await client.chat.postMessage({ channel: 'C_KEJI', text: '第二条' });

    // The clock's second; microseconds from a base that differs by session, then 100 apart.
    expect(first.ts).toMatch(/^1466384400\.\d{6}$/);
    expect(Number(second.ts) - Number(first.ts)).toBeCloseTo(0.0001, 6);
    expect(first).toMatchObject({
      ok: true,
      channel: 'C_KEJI',
      message: { text: '进展', user: 'U_PLANBOT', bot_id: 'B_PLANBOT' },
    });
    expect(slack.calls[0]).toEqual({ method: 'chat.postMessage', args: { channel: 'C_KEJI', text: '进展', blocks } });
    expect(slack.messages('C_KEJI').map((m) => m.text)).toEqual(['进展', '第二条']);
  });

  it('when a reply names a thread, the parent counts the reply and conversations.replies returns the thread', async () => {
    const parent = await client.chat.postMessage({ channel: 'C_JLY', text: '本期填报开始' });
    await client.chat.postMessage({ channel: 'C_JLY', text: '收到', thread_ts: parent.ts as string });

    const replies = await client.conversations.replies({ channel: 'C_JLY', ts: parent.ts as string });
    expect(replies.messages?.map((m) => m.text)).toEqual(['本期填报开始', '收到']);
    expect(replies.messages?.[0]).toMatchObject({ reply_count: 1, thread_ts: parent.ts });
    const history = await client.conversations.history({ channel: 'C_JLY' });
    expect(history.messages?.map((m) => m.text)).toEqual(['本期填报开始']);
  });

  it('when chat.postMessage has neither text nor blocks, it is refused with no_text', async () => {
    await expect(client.chat.postMessage({ channel: 'C_KEJI', text: '' })).rejects.toMatchObject({
      data: { error: 'no_text' },
    });
  });

  it('when the channel is unknown, chat.postMessage is refused with channel_not_found', async () => {
    await expect(client.chat.postMessage({ channel: 'C_NOWHERE', text: '你好' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'channel_not_found' },
    });
  });

  it('opens a DM with conversations.open on a D… id that stays the same for the person', async () => {
    const opened = await client.conversations.open({ users: 'U_JLY_LEAD' });
    const again = await client.conversations.open({ users: 'U_JLY_LEAD' });
    const posted = await client.chat.postMessage({ channel: opened.channel?.id as string, text: '请填报本期进展' });

    expect(opened.channel?.id).toBe('D_JLY_LEAD');
    expect(again).toMatchObject({ channel: { id: 'D_JLY_LEAD' }, already_open: true });
    expect(slack.dmChannel('U_JLY_LEAD')).toBe('D_JLY_LEAD');
    expect(posted.channel).toBe('D_JLY_LEAD');
    const info = await client.conversations.info({ channel: 'D_JLY_LEAD' });
    expect(info.channel).toMatchObject({ is_im: true, user: 'U_JLY_LEAD' });
  });

  it('when chat.postMessage names a user as the channel, it lands in the DM with that user', async () => {
    const posted = await client.chat.postMessage({ channel: 'U_ADMIN', text: '提醒' });
    expect(posted.channel).toBe('D_ADMIN');
    expect(slack.messages('D_ADMIN')).toHaveLength(1);
  });

  it('opens a modal with views.open, then views.update by id replaces it and changes the hash', async () => {
    const opened = await client.views.open({ trigger_id: '1337.42.abcd', view: modal });
    const view = opened.view as { id: string; hash: string; state: unknown };
    expect(view.id).toMatch(/^V/);
    expect(view.state).toEqual({ values: {} });
    expect(slack.views.get(view.id)).toMatchObject({ openedBy: 'views.open', triggerId: '1337.42.abcd' });
    expect(slack.calls[0]?.args.view).toEqual(modal);

    const updated = await client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: { ...modal, title: { type: 'plain_text', text: '已提交' } },
    });
    expect(updated.view).toMatchObject({ id: view.id, title: { text: '已提交' } });
    expect(updated.view?.hash).not.toBe(view.hash);
    expect(slack.views.get(view.id)?.view.title).toEqual({ type: 'plain_text', text: '已提交' });
  });

  it('when views.update names an unknown view, it is refused with not_found', async () => {
    await expect(client.views.update({ view_id: 'V_GONE', view: modal })).rejects.toMatchObject({
      data: { error: 'not_found' },
    });
    await expect(client.views.update({ external_id: 'nope', view: modal })).rejects.toMatchObject({
      data: { error: 'not_found' },
    });
  });

  it('when views.update carries a stale hash, it is refused with hash_conflict', async () => {
    const opened = await client.views.open({ trigger_id: 't1', view: modal });
    await expect(
      client.views.update({ view_id: opened.view?.id as string, hash: 'stale', view: modal }),
    ).rejects.toMatchObject({
      data: { error: 'hash_conflict' },
    });
  });

  it('when a modal title is longer than Slack allows, views.open is refused with the reason Slack gives', async () => {
    const long = {
      ...modal,
      title: { type: 'plain_text' as const, text: '内蒙古自治区市场监督管理局科技工作三年行动计划进展填报' },
    };
    await expect(client.views.open({ trigger_id: 't1', view: long })).rejects.toMatchObject({
      data: {
        error: 'invalid_arguments',
        response_metadata: { messages: [expect.stringContaining('/view/title/text')] },
      },
    });
  });

  it('publishes App Home once per user: a second views.publish keeps the same view id', async () => {
    const home = {
      type: 'home' as const,
      blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: '你好' } }],
    };
    const first = await client.views.publish({ user_id: 'U_ADMIN', view: home });
    const second = await client.views.publish({ user_id: 'U_ADMIN', view: home });
    expect(second.view?.id).toBe(first.view?.id);
    await expect(client.views.publish({ user_id: 'U_NOBODY', view: home })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('uploads a file end to end through files.uploadV2, keeping its bytes, name, title and channel', async () => {
    const csv = 'period,unit_id,unit\n2016H1,jly,计量院\n';
    const result = await client.files.uploadV2({
      channel_id: 'C_KEJI',
      file: Buffer.from(csv, 'utf8'),
      filename: '2016H1.csv',
      title: '2016年上半年进展',
      initial_comment: '本期导出',
    });

    expect(result.ok).toBe(true);
    expect(slack.uploads).toHaveLength(1);
    const upload = slack.uploads[0];
    expect(upload?.bytes.toString('utf8')).toBe(csv);
    expect(upload).toMatchObject({
      filename: '2016H1.csv',
      title: '2016年上半年进展',
      channel: 'C_KEJI',
      completed: true,
    });
    expect(slack.calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(slack.calls[1]?.args.files).toEqual([{ id: upload?.id, title: '2016年上半年进展' }]);
    expect(slack.messages('C_KEJI')[0]).toMatchObject({
      text: '本期导出',
      files: [{ id: upload?.id, name: '2016H1.csv' }],
    });
  });

  it('refuses an argument the method does not document, naming it — Slack itself would silently drop it', async () => {
    const refused = await client.files
      .getUploadURLExternal({ filename: 'chart.png', length: 3, alt_text: '图表' } as never)
      .catch((error: { data?: { error?: string; response_metadata?: { messages?: string[] } } }) => error.data);
    expect(refused?.error).toBe('invalid_arguments');
    expect(refused?.response_metadata?.messages?.[0]).toContain('"alt_text"');
    expect(refused?.response_metadata?.messages?.[0]).toContain('alt_txt');

    const accepted = await client.files.getUploadURLExternal({
      filename: 'chart.png',
      length: 3,
      alt_txt: '图表',
    } as never);
    expect(accepted.ok).toBe(true);
  });

  it('finds a person by e-mail with users.lookupByEmail and answers users_not_found for an unknown address', async () => {
    await slack.close();
    slack = await startFakeSlack({
      directory: {
        ...directory,
        users: [{ id: 'U_ZHANG', name: 'zhang', realName: '张敏', email: 'zhang@bureau.example' }],
      },
    });
    client = new WebClient('xoxb-sandbox', { slackApiUrl: slack.url, logLevel: LogLevel.ERROR });
    const found = await client.users.lookupByEmail({ email: 'Zhang@Bureau.example' });
    expect(found.user?.id).toBe('U_ZHANG');
    expect(found.user?.profile?.email).toBe('zhang@bureau.example');
    const missing = await client.users
      .lookupByEmail({ email: 'nobody@bureau.example' })
      .catch((error: { data?: { error?: string } }) => error.data?.error);
    expect(missing).toBe('users_not_found');
  });

  it('builds one message from the chat streaming methods called by client.chatStream', async () => {
    const parent = await client.chat.postMessage({ channel: 'C_KEJI', text: '计量院的目标是什么？' });
    const streamer = client.chatStream({ channel: 'C_KEJI', thread_ts: parent.ts as string, buffer_size: 4 });
    await streamer.append({ markdown_text: '**目标**：' });
    await streamer.append({ markdown_text: '建成国家质检中心 3 个。' });
    await streamer.stop({ blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: '来源：一、(三)' }] }] });

    expect(slack.calls.map((c) => c.method)).toEqual([
      'chat.postMessage',
      'chat.startStream',
      'chat.appendStream',
      'chat.stopStream',
    ]);
    const reply = slack.messages('C_KEJI').find((m) => m.ts === streamer.ts);
    expect(reply).toMatchObject({ text: '**目标**：建成国家质检中心 3 个。', thread_ts: parent.ts, streaming: false });
    expect(reply?.blocks).toHaveLength(1);
  });

  it('when a stream was stopped, appending again is refused with message_not_in_streaming_state', async () => {
    const started = await client.chat.startStream({
      channel: 'C_KEJI',
      thread_ts: '1466384400.000100',
      markdown_text: '好',
    });
    await client.chat.stopStream({ channel: 'C_KEJI', ts: started.ts as string });
    await expect(
      client.chat.appendStream({ channel: 'C_KEJI', ts: started.ts as string, markdown_text: '再' }),
    ).rejects.toMatchObject({
      data: { error: 'message_not_in_streaming_state' },
    });
  });

  it('edits and deletes the bot’s message with chat.update and chat.delete', async () => {
    const posted = await client.chat.postMessage({ channel: 'C_KEJI', text: '草稿' });
    await client.chat.update({ channel: 'C_KEJI', ts: posted.ts as string, text: '定稿' });
    expect(slack.messages('C_KEJI')[0]).toMatchObject({ text: '定稿', edited: { user: 'U_PLANBOT' } });
    await client.chat.delete({ channel: 'C_KEJI', ts: posted.ts as string });
    expect(slack.messages('C_KEJI')).toEqual([]);
  });

  it('when Slack rate-limits a call, WebClient waits out Retry-After and the retry succeeds', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const posted = await client.chat.postMessage({ channel: 'C_KEJI', text: '限流之后' });

    expect(posted.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postMessage']);
    expect(slack.messages('C_KEJI')).toHaveLength(1);
  });

  it('when a fault is queued as an error, only the next call fails with it', async () => {
    slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    await expect(client.chat.postMessage({ channel: 'C_KEJI', text: '一' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { error: 'not_in_channel' },
    });
    await expect(client.chat.postMessage({ channel: 'C_KEJI', text: '二' })).resolves.toMatchObject({ ok: true });
  });

  it('when Slack answers 500 once, WebClient retries and succeeds', async () => {
    slack.failNext('users.info', { status: 500 });
    await expect(client.users.info({ user: 'U_ADMIN' })).resolves.toMatchObject({ ok: true });
    expect(slack.calls).toHaveLength(2);
  });

  it('looks users up in the directory and refuses unknown ones with user_not_found', async () => {
    const known = await client.users.info({ user: 'U_JLY_LEAD' });
    expect(known.user).toMatchObject({ id: 'U_JLY_LEAD', name: 'jly-lead', real_name: '计量院负责人', is_bot: false });
    await expect(client.users.info({ user: 'U_STRANGER' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('lists users page by page with Slack cursors', async () => {
    const first = await client.users.list({ limit: 2 });
    expect(first.members).toHaveLength(2);
    const next = first.response_metadata?.next_cursor as string;
    expect(next).not.toBe('');
    const rest = await client.users.list({ limit: 2, cursor: next });
    expect(rest.members?.map((u) => u.id)).toEqual(['U_PLANBOT']);
    expect(rest.response_metadata?.next_cursor).toBe('');
  });

  it('when no token is sent, every method answers not_authed', async () => {
    const anonymous = new WebClient(undefined, { slackApiUrl: slack.url, logLevel: LogLevel.ERROR });
    await expect(anonymous.auth.test()).rejects.toMatchObject({ data: { ok: false, error: 'not_authed' } });
  });

  it('when the method does not exist, it answers unknown_method', async () => {
    await expect(client.apiCall('chat.postTelegram', { channel: 'C_KEJI' })).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
  });

  it('records the assistant thread calls with their prompts decoded', async () => {
    const dm = slack.dmChannel('U_ADMIN');
    await client.assistant.threads.setStatus({
      channel_id: dm,
      thread_ts: '1466384400.000100',
      status: '正在查找计划原文…',
    });
    await client.assistant.threads.setSuggestedPrompts({
      channel_id: dm,
      thread_ts: '1466384400.000100',
      prompts: [{ title: '代表性指标', message: '代表性指标有哪些？' }],
    });
    await client.assistant.threads.setTitle({ channel_id: dm, thread_ts: '1466384400.000100', title: '指标问答' });

    expect(slack.calls[0]?.args).toEqual({
      channel_id: 'D_ADMIN',
      thread_ts: '1466384400.000100',
      status: '正在查找计划原文…',
    });
    expect(slack.calls.at(-2)?.args.prompts).toEqual([{ title: '代表性指标', message: '代表性指标有哪些？' }]);
  });

  it('counts a request in flight while it is being answered and resolves whenIdle once it is', async () => {
    const duringCall: number[] = [];
    slack.onCall(() => duringCall.push(slack.inFlight));
    await client.chat.postMessage({ channel: 'C_KEJI', text: '并发' });
    await slack.whenIdle();
    expect(duringCall).toEqual([1]);
    expect(slack.inFlight).toBe(0);
  });

  it('tells listeners about each call with the answer sent back', async () => {
    const seen: string[] = [];
    const stop = slack.onCall((call, response) => seen.push(`${call.method}:${String(response.ok)}`));
    await client.auth.test();
    stop();
    await client.auth.test();
    expect(seen).toEqual(['auth.test:true']);
  });

  it('records a person’s message so history and replies include it', async () => {
    const question = slack.addMessage({ channel: 'C_JLY', user: 'U_JLY_LEAD', text: '@planbot 计量院的目标？' });
    await client.chat.postMessage({ channel: 'C_JLY', thread_ts: question.ts, text: '三个国家质检中心。' });
    const replies = await client.conversations.replies({ channel: 'C_JLY', ts: question.ts });
    expect(replies.messages?.map((m) => m.user)).toEqual(['U_JLY_LEAD', 'U_PLANBOT']);
  });
});
