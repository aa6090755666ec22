import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerVotes, questions } from '../../db/schema.js';
import { acksOf, adminPlan, callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

const textOf = (args: Record<string, unknown>) => JSON.stringify(args.blocks ?? '') + String(args.text ?? '');

describe('answering questions about the plan in Slack', () => {
  it('when someone mentions planbot in a channel, it answers in the thread of the mention with the section and quote', async () => {
    const events = await sandbox.run({
      as: 'U_JLY_1',
      channel: 'C_JLY',
      mention: '到2017年全区国家质检中心要达到多少家?',
    });
    const [post] = callsOf(events, 'chat.postMessage');
    const mention = sandbox.session.fake.messages('C_JLY').find((m) => m.user === 'U_JLY_1');
    expect(post?.args).toMatchObject({ channel: 'C_JLY', thread_ts: mention?.ts });
    expect(String(post?.args.text)).toContain('10家');
    expect(textOf(post?.args ?? {})).toContain('依据');
    expect(textOf(post?.args ?? {})).toContain('代表性指标');
    expect(callsOf(events, 'assistant.threads.setStatus')).toHaveLength(1);
  });

  it('when someone replies in that thread without a mention, planbot answers the follow-up there', async () => {
    const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', thread: 'last', text: '硕士要引进多少人?' });
    const [post] = callsOf(events, 'chat.postMessage');
    expect(post?.args.channel).toBe('C_JLY');
    expect(post?.args.thread_ts).toBeDefined();
    expect(String(post?.args.text)).toContain('硕士40人');
  });

  it('when a person writes in a thread planbot never answered, it stays quiet', async () => {
    const root = sandbox.session.fake.addMessage({ channel: 'C_SHY', user: 'U_SHY_1', text: '大家好' });
    sandbox.session.lastBotMessage.set('C_SHY', { ts: root.ts });
    const events = await sandbox.run({ as: 'U_SHY_1', channel: 'C_SHY', thread: 'last', text: '明天开会' });
    expect(callsOf(events, 'chat.postMessage')).toEqual([]);
  });

  it('when someone sends a direct message, planbot answers in the DM', async () => {
    const events = await sandbox.run({ as: 'U_SHY_1', dm: '直属技术机构每年科技投入不能低于收入的多少?' });
    const [post] = callsOf(events, 'chat.postMessage');
    expect(post?.args.channel).toBe(sandbox.session.fake.dmChannel('U_SHY_1'));
    expect(String(post?.args.text)).toContain('5%');
  });

  it('when a question is asked in English, the answer and its labels are in English', async () => {
    const events = await sandbox.run({
      as: 'U_SHY_1',
      dm: 'How many national inspection centers should the region have by 2017?',
    });
    const [post] = callsOf(events, 'chat.postMessage');
    expect(String(post?.args.text)).toContain('10');
    expect(textOf(post?.args ?? {})).toContain('Sources');
  });

  it('when the plan does not cover the question, planbot says so plainly instead of guessing', async () => {
    const events = await sandbox.run({ as: 'U_SHY_1', dm: '计划里对无人机检测提出了什么要求?' });
    const [post] = callsOf(events, 'chat.postMessage');
    expect(String(post?.args.text)).toMatch(/没有|未/);
    const [row] = await sandbox.booted.deps.db
      .select()
      .from(questions)
      .where(eq(questions.question, '计划里对无人机检测提出了什么要求?'));
    expect(row?.grounded).toBe(false);
  });

  it('when someone uses /plan, the answer is visible only to them, with a button to share it in the channel', async () => {
    const events = await sandbox.run({
      as: 'U_TJY_1',
      channel: 'C_TJY',
      command: '/plan',
      text: '年度考核里科技工作占多少分?',
    });
    expect(acksOf(events)).toEqual([null]);
    const [reply] = responsesOf(events);
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(String(reply?.text)).toContain('20分');
    expect(JSON.stringify(reply?.blocks)).toContain('分享到频道');

    const shared = await sandbox.run({ as: 'U_TJY_1', click: '分享到频道' });
    const [post] = callsOf(shared, 'chat.postMessage');
    expect(post?.args.channel).toBe('C_TJY');
    expect(textOf(post?.args ?? {})).toContain('<@U_TJY_1>');
    expect(responsesOf(shared)).toContainEqual({ delete_original: true });
  });

  it('when someone votes on an answer twice, only their latest vote is kept', async () => {
    await sandbox.run({ as: 'U_XJJ_1', dm: '学科带头人分为几个等级?' });
    const up = await sandbox.run({ as: 'U_XJJ_1', click: '有帮助' });
    expect(String(responsesOf(up)[0]?.text)).toContain('感谢反馈');
    await sandbox.run({ as: 'U_XJJ_1', click: '没帮助' });
    const votes = await sandbox.booted.deps.db.select().from(answerVotes).where(eq(answerVotes.userId, 'U_XJJ_1'));
    expect(votes).toHaveLength(1);
    expect(votes[0]?.vote).toBe(-1);
  });

  it('when Slack redelivers an event, the question is answered once', async () => {
    const first = await sandbox.run({ as: 'U_BZY_1', dm: '计量领域重点研究哪些方向?' });
    expect(callsOf(first, 'chat.postMessage')).toHaveLength(1);
    const again = await sandbox.run({ redeliver: true });
    expect(acksOf(again)).toEqual([null]);
    expect(callsOf(again, 'chat.postMessage')).toEqual([]);
  });

  it('when an admin asks for statistics, they see the most asked, the ungrounded and the down-voted; others are refused', async () => {
    const refused = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/plan', text: 'stats' });
    expect(String(responsesOf(refused)[0]?.text)).toContain('只有管理员');
    const stats = JSON.stringify((await adminPlan(sandbox, 'stats'))[0]?.blocks);
    expect(stats).toContain('无人机');
    expect(stats).toContain('学科带头人分为几个等级');
    expect(stats).toContain('👎 1');
  });

  it('when a DM names the bot, it is still answered (Slack sends no app_mention in DMs)', async () => {
    const events = await sandbox.run({ as: 'U_JLY_1', dm: '<@U_PLANBOT> 计划要求培养和引进多少名博士?' });
    const [post] = callsOf(events, 'chat.postMessage');
    expect(String(post?.args.text)).toContain('博士8人');
  });

  it('when a question carries Slack markup (a link, an escaped &), it is answered on its words and stored as typed', async () => {
    const question = '请问 <https://example.com/a.pdf|这个文件> 里 博士 &amp; 硕士 的目标是多少?';
    const events = await sandbox.run({ as: 'U_JLY_1', dm: question });
    expect(String(callsOf(events, 'chat.postMessage')[0]?.args.text)).toContain('硕士40人');
    const [row] = await sandbox.booted.deps.db
      .select()
      .from(questions)
      .where(eq(questions.question, '请问 这个文件 里 博士 & 硕士 的目标是多少?'));
    expect(row?.grounded).toBe(true);
  });

  it('when a mention says only "help" or nothing, planbot explains itself instead of searching the plan', async () => {
    for (const mention of ['help', '']) {
      const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', mention });
      const [post] = callsOf(events, 'chat.postMessage');
      expect(String(post?.args.text)).toContain('planbot 使用说明');
    }
  });

  it('when someone votes on an English answer, the thanks is in English', async () => {
    await sandbox.run({ as: 'U_BZY_1', dm: 'How many masters should be recruited by 2017?' });
    const events = await sandbox.run({ as: 'U_BZY_1', click: 'Helpful' });
    expect(String(responsesOf(events)[0]?.text)).toBe('Thanks, recorded as helpful.');
  });

  it('when someone asks for help, the commands are explained', async () => {
    const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/plan', text: 'help' });
    expect(String(responsesOf(events)[0]?.text)).toContain('/plan');
  });
});
