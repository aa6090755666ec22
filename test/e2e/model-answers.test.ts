import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { questions } from '../../db/schema.js';
import {
  type ChatRequestBody,
  type FakeOpenAiServer,
  type FakeReply,
  reply,
  startFakeOpenAiServer,
} from '../fakes/openai-server.js';
import { callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

let model: FakeOpenAiServer;
let sandbox: TestSandbox;
/** What the model answers to an answer request; rewrite requests get search terms. */
let answerReplies: FakeReply[] = [];

const isAnswerRequest = (body: ChatRequestBody) => body.messages.some((m) => m.content.includes('Answer language'));
const cite = (prose: string, quote: string) => `${prose}\n<citations>${JSON.stringify([{ n: 1, quote }])}</citations>`;

beforeAll(async () => {
  model = await startFakeOpenAiServer({
    handler: (body) =>
      isAnswerRequest(body) ? (answerReplies.shift() ?? reply.serverError()) : reply.text('国家质检中心 数量 2017年'),
  });
  sandbox = await startTestSandbox({
    env: {
      OPENAI_API_KEY: 'sk-test-key-for-fake',
      OPENAI_BASE_URL: model.baseURL,
      OPENAI_MODEL: 'fake-model',
      OPENAI_TIMEOUT_MS: '1500',
    },
  });
});
afterAll(async () => {
  await sandbox?.close();
  await model?.close();
});
beforeEach(() => {
  answerReplies = [];
});

const lastQuestion = async () =>
  (await sandbox.booted.deps.db.select().from(questions).orderBy(desc(questions.id)).limit(1))[0];

describe('answers with a language model behind an OpenAI-compatible server', () => {
  it('when someone mentions planbot, the model answer streams into the thread and ends with the checked citations', async () => {
    const prose =
      '根据计划,科技工作是直属技术机构年终考核的重要内容,在年度考核中按百分制计算,占分不少于20分,并重点评价科研创新、人才培养和科研基础建设等方面的成绩。';
    answerReplies.push(reply.text(cite(prose, '年度考核分值百分制占分不少于20分'), { chunkSize: 7 }));
    const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', mention: '年度考核里科技工作占多少分?' });
    const start = callsOf(events, 'chat.startStream')[0];
    expect(start?.args).toMatchObject({ channel: 'C_JLY', recipient_user_id: 'U_JLY_1' });
    const streamed = [
      ...callsOf(events, 'chat.startStream'),
      ...callsOf(events, 'chat.appendStream'),
      ...callsOf(events, 'chat.stopStream'),
    ]
      .flatMap(
        (c) =>
          (c.args.chunks as Array<{ text?: string }> | undefined) ?? [
            { text: c.args.markdown_text as string | undefined },
          ],
      )
      .map((c) => c.text ?? '')
      .join('');
    expect(streamed).toBe(prose);
    const stop = callsOf(events, 'chat.stopStream')[0];
    expect(JSON.stringify(stop?.args.blocks)).toContain('年度考核分值百分制占分不少于20分');
    expect(JSON.stringify(stop?.args.blocks)).toContain('加强科技工作考核');
    expect(callsOf(events, 'chat.postMessage')).toEqual([]);
    expect(await lastQuestion()).toMatchObject({ mode: 'llm', grounded: true });
  });

  it("when the model invents a citation, the answer is replaced by the plan's own words and says why", async () => {
    answerReplies.push(
      reply.fabricatedCitation(
        '计划要求每个直属技术机构每年开展十次无人机巡检,并把巡检结果纳入考核,这一要求适用于全系统的所有技术机构。',
      ),
    );
    const events = await sandbox.run({
      as: 'U_SHY_1',
      channel: 'C_SHY',
      mention: '每个直属技术机构每年要完成几项合作科技项目?',
    });
    const update = callsOf(events, 'chat.update')[0] ?? callsOf(events, 'chat.postMessage')[0];
    const shown = JSON.stringify(update?.args);
    expect(shown).not.toContain('无人机');
    expect(shown).toContain('一项合作科技项目');
    expect(shown).toContain('无法用计划原文核实');
    expect(await lastQuestion()).toMatchObject({ mode: 'extractive', grounded: true });
  });

  it('when the model does not answer in time, the extractive answer is posted with a note', async () => {
    answerReplies.push(reply.hang(), reply.hang());
    const events = await sandbox.run({ as: 'U_TJY_1', dm: '自治区局每年安排多少科研专项经费?' });
    const [post] = callsOf(events, 'chat.postMessage');
    expect(String(post?.args.text)).toContain('500万元');
    expect(JSON.stringify(post?.args.blocks)).toContain('语言模型暂时无法使用');
  });

  it('when the model answers 429 once, it is asked again and its answer is used', async () => {
    answerReplies.push(
      reply.rateLimited(0),
      reply.text(cite('自治区局每年科研专项经费不少于500万元。', '自治区局每年科研专项经费不少于500万元')),
    );
    const events = await sandbox.run({
      as: 'U_XJJ_1',
      channel: 'C_XJJ',
      command: '/plan',
      text: '自治区局每年安排多少科研专项经费?',
    });
    const [answer] = responsesOf(events);
    expect(String(answer?.text)).toBe('自治区局每年科研专项经费不少于500万元。');
    expect(await lastQuestion()).toMatchObject({ mode: 'llm' });
  });

  it('when the question is in English, the model is told to answer in English and the answer is English', async () => {
    answerReplies.push(
      reply.text(
        cite(
          'By the end of 2017 the region should have 10 national inspection centres.',
          '2017年我区国家质检中心达到10家',
        ),
      ),
    );
    const before = model.requests.length;
    const events = await sandbox.run({
      as: 'U_BZY_1',
      dm: 'How many national inspection centers should the region have by 2017?',
    });
    const sent = model.requests
      .slice(before)
      .map((r) => r.body)
      .find(isAnswerRequest);
    expect(JSON.stringify(sent?.messages)).toContain('Answer language: English');
    const [post] = callsOf(events, 'chat.postMessage');
    expect(String(post?.args.text)).toContain('10 national inspection centres');
    expect(JSON.stringify(post?.args.blocks)).toContain('Sources');
  });
});
