import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../../src/answer/answer.js';
import { createLlmClient } from '../../../src/answer/llm.js';
import type { Answer, Lang, ScoredPassage } from '../../../src/answer/types.js';
import { silentLogger } from '../../../src/logger.js';
import { type FakeOpenAiServer, reply, startFakeOpenAiServer } from '../../fakes/openai-server.js';

const planText = readFileSync(new URL('../../../plans/nmg-keji-2015/plan.txt', import.meta.url), 'utf8');

/** A real line of the plan, found by a phrase in it, so citations are checked against the real text. */
const line = (phrase: string): string => {
  const found = planText.split('\n').find((l) => l.includes(phrase));
  if (!found) throw new Error(`no plan line contains ${phrase}`);
  return found.trim();
};

const PASSAGES = [
  { id: 'p-kaohe', section: '三、(四) 加强科技工作考核', text: line('建立科技工作考核评价体系') },
  {
    id: 'p-jingfei',
    section: '三、(三) 加大对科技工作的经费支持力度',
    text: line('自治区局每年科研专项经费不少于500万元'),
  },
  { id: 'p-zhibiao', section: '一、(三) 代表性指标', text: line('2015年力争取得自治区科技成果奖') },
  { id: 'p-rencai', section: '二、(四)2 加大人才引进力度', text: line('大力引进高层次创新型科技人才') },
  { id: 'p-jianguan', section: '三、(六) 加强科技工作监管', text: line('建立科技工作推进监管制度') },
] as const;

const detectLang = (t: string): Lang => (/\p{Script=Han}/u.test(t) ? 'zh' : 'en');

/** Scores by shared Chinese characters: crude, but deterministic and over real text. */
function fakeRetrieve(calls: string[]) {
  return (q: string, k: number): ScoredPassage[] => {
    calls.push(q);
    const chars = new Set([...q].filter((c) => /\p{Script=Han}/u.test(c)));
    return PASSAGES.map((p) => ({
      ...p,
      kind: 'paragraph' as const,
      score: [...chars].filter((c) => p.text.includes(c)).length,
    }))
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  };
}

const fakeExtractive = (q: string): Answer => {
  const top = fakeRetrieve([])(q, 1)[0] ?? PASSAGES[0];
  return {
    answer: `EXTRACTIVE: ${top.text}`,
    grounded: true,
    mode: 'extractive',
    citations: [{ section: top.section, quote: top.text }],
    lang: detectLang(q),
  };
};

const block = (claims: { n: number; quote: string }[]) => `\n<citations>${JSON.stringify(claims)}</citations>`;
const inPlan = (quote: string) => planText.includes(quote);

describe('answering with the model', () => {
  let server: FakeOpenAiServer;
  let retrieveCalls: string[];
  const answerer = (overrides: { timeoutMs?: number } = {}) =>
    createAnswerer({
      retrieve: fakeRetrieve(retrieveCalls),
      extractive: fakeExtractive,
      detectLang,
      planText,
      llm: createLlmClient(
        { apiKey: 'sk-test-key-000000', baseURL: server.baseURL, model: 'fake-model', retryDelayMs: 10, ...overrides },
        silentLogger,
      ),
      logger: silentLogger,
    });

  beforeEach(async () => {
    server = await startFakeOpenAiServer();
    retrieveCalls = [];
  });
  afterEach(async () => {
    await server.close();
  });

  it('streams the answer in deltas without the citations block, and the final answer matches the stream', async () => {
    const prose = '直属技术机构的科技工作考核分值不少于20分,排名靠后的单位会被亮黄牌。';
    server.enqueue(
      reply.text(`${prose}${block([{ n: 1, quote: '年度考核分值百分制占分不少于20分' }])}`, { chunkSize: 3 }),
    );
    const deltas: string[] = [];

    const answer = await answerer().ask('科技工作考核占多少分?', { onDelta: (d) => void deltas.push(d) });

    expect(answer.mode).toBe('llm');
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toBe(prose);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(answer.answer);
    expect(deltas.join('')).not.toMatch(/citations|"quote"/);
    expect(answer.citations).toEqual([
      { section: '三、(四) 加强科技工作考核', quote: '年度考核分值百分制占分不少于20分' },
    ]);
    expect(server.requests[0]?.body.stream).toBe(true);
  });

  it('drops a fabricated quote, repairs a near-verbatim one, and re-cuts a full-width one to the plan text', async () => {
    server.enqueue(
      reply.text(
        `排名后三名的单位亮黄牌。${block([
          { n: 1, quote: '各单位每年必须完成十次无人机巡检任务' },
          { n: 1, quote: '每年对直属技术机构科研工作考核排队，给予排名后三名的单位亮黄牌并约谈单位负责人' },
          { n: 1, quote: '把科技工作作为直属技术机构年终考核的重要内容， 年度考核分值百分制占分不少于20分' },
        ])}`,
      ),
    );

    const answer = await answerer().ask('考核排名靠后的单位会怎样?');

    expect(answer.mode).toBe('llm');
    expect(answer.citations).toHaveLength(2);
    for (const c of answer.citations) expect(inPlan(c.quote)).toBe(true);
    expect(answer.citations[0]?.quote).toContain('给予排名后三名的单位亮黄牌');
    expect(answer.citations[1]?.quote).toBe(
      '把科技工作作为直属技术机构年终考核的重要内容,年度考核分值百分制占分不少于20分',
    );
    expect(answer.citations.some((c) => c.quote.includes('无人机'))).toBe(false);
  });

  it('falls back to the extractive answer, with a note, when no citation survives the check', async () => {
    server.enqueue(reply.fabricatedCitation());

    const answer = await answerer().ask('科技工作考核怎么做?');

    expect(answer.mode).toBe('extractive');
    expect(answer.answer).toMatch(/^EXTRACTIVE: /);
    expect(answer.note).toContain('无法用计划原文核实');
  });

  it('falls back to the extractive answer when the model gives prose but no citations block', async () => {
    server.enqueue(reply.text('考核分值不少于20分。'));

    const answer = await answerer().ask('科技工作考核占多少分?');

    expect(answer.mode).toBe('extractive');
    expect(answer.note).toBeDefined();
  });

  it('answers extractively with a note when the model times out twice (one retry)', async () => {
    server.setHandler(() => reply.hang());

    const answer = await answerer({ timeoutMs: 300 }).ask('科研经费有多少?');

    expect(answer.mode).toBe('extractive');
    expect(answer.note).toContain('语言模型暂时无法使用');
    expect(server.requests).toHaveLength(2);
  });

  it('uses the model answer when a 429 is followed by success (one retry)', async () => {
    server.enqueue(
      reply.rateLimited(0),
      reply.text(`每年科研专项经费不少于500万元。${block([{ n: 1, quote: '自治区局每年科研专项经费不少于500万元' }])}`),
    );

    const answer = await answerer().ask('自治区局每年科研专项经费有多少?');

    expect(answer.mode).toBe('llm');
    expect(answer.citations[0]?.section).toBe('三、(三) 加大对科技工作的经费支持力度');
    expect(server.requests).toHaveLength(2);
  });

  it('answers extractively after a 429 twice', async () => {
    server.enqueue(reply.rateLimited(0), reply.rateLimited(0));

    const answer = await answerer().ask('科研经费有多少?');

    expect(answer.mode).toBe('extractive');
    expect(answer.note).toContain('语言模型暂时无法使用');
    expect(server.requests).toHaveLength(2);
  });

  it('does not wait out a long Retry-After: it answers extractively at once', async () => {
    server.enqueue(reply.rateLimited(60));

    const answer = await answerer().ask('科研经费有多少?');

    expect(answer.mode).toBe('extractive');
    expect(server.requests).toHaveLength(1);
  });

  it('answers extractively after a 500 and its retry', async () => {
    server.setHandler(() => reply.serverError(500));

    const answer = await answerer().ask('科研经费有多少?');

    expect(answer.mode).toBe('extractive');
    expect(answer.note).toBeDefined();
    expect(server.requests).toHaveLength(2);
  });

  it('answers an English question in English: rewrites it to Chinese terms and asks for English', async () => {
    const english = 'The regional bureau sets aside at least 5 million yuan of research funding every year.';
    server.setHandler((body) =>
      body.messages[0]?.content.includes('search terms')
        ? reply.text('科研专项经费 自治区局 经费')
        : reply.text(`${english}${block([{ n: 1, quote: '自治区局每年科研专项经费不少于500万元' }])}`),
    );

    const answer = await answerer().ask('How much research funding does the bureau provide each year?');

    expect(server.requests).toHaveLength(2);
    expect(retrieveCalls[0]).toBe('科研专项经费 自治区局 经费');
    const sent = server.requests[1]?.body.messages.at(-1)?.content ?? '';
    expect(sent).toContain('Answer language: English');
    expect(sent).toContain('[1] (三、(三) 加大对科技工作的经费支持力度)');
    expect(answer).toMatchObject({ lang: 'en', mode: 'llm', grounded: true, answer: english });
  });

  it('rewrites a vague follow-up using the thread history', async () => {
    server.setHandler((body) =>
      body.messages[0]?.content.includes('search terms')
        ? reply.text('引进博士 科研经费')
        : reply.text(`每年不少于20万元。${block([{ n: 1, quote: '每年须为其提供不少于20万元的科研经费' }])}`),
    );

    const answer = await answerer().ask('那博士呢?', {
      history: [
        { role: 'user', text: '引进人才有什么支持?' },
        { role: 'assistant', text: '计划要求大力引进高层次创新型科技人才。' },
      ],
    });

    expect(server.requests[0]?.body.messages[1]?.content).toContain('引进人才有什么支持');
    expect(retrieveCalls[0]).toBe('引进博士 科研经费');
    expect(answer.mode).toBe('llm');
    expect(answer.citations[0]?.section).toBe('二、(四)2 加大人才引进力度');
  });

  it('neutralises @channel and <!here> the model emits, in the stream and in the answer', async () => {
    server.enqueue(
      reply.text(`<!here> @channel 请注意<@U123ABC>:考核不少于20分。${block([{ n: 1, quote: '占分不少于20分' }])}`, {
        chunkSize: 2,
      }),
    );
    const deltas: string[] = [];

    const answer = await answerer().ask('考核占多少分?', { onDelta: (d) => void deltas.push(d) });

    for (const text of [answer.answer, deltas.join('')]) {
      expect(text).not.toMatch(/<[!@]/);
      expect(text).not.toMatch(/@(channel|here|U123ABC)/);
      expect(text).toContain('考核不少于20分');
    }
    expect(answer.mode).toBe('llm');
  });

  it('says the plan does not cover it (grounded false, nearest sections) when the model answers NOT_IN_PLAN', async () => {
    server.enqueue(reply.text('NOT_IN_PLAN', { chunkSize: 3 }));
    const deltas: string[] = [];

    const answer = await answerer().ask('质监局食堂几点开饭?', { onDelta: (d) => void deltas.push(d) });

    expect(answer.grounded).toBe(false);
    expect(answer.mode).toBe('llm');
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toContain('没有涉及');
    expect(answer.nearest?.length).toBeGreaterThan(0);
    expect(deltas).toEqual([]);
  });

  it('says so in English when an English question is not covered', async () => {
    server.setHandler((body) =>
      body.messages[0]?.content.includes('search terms') ? reply.text('食堂 时间') : reply.text('NOT_IN_PLAN'),
    );

    const answer = await answerer().ask('When does the canteen open?');

    expect(answer).toMatchObject({ grounded: false, lang: 'en' });
    expect(answer.answer).toMatch(/^The plan does not cover this question\./);
  });

  it('skips the model entirely when asked offline', async () => {
    const answer = await answerer().ask('科技工作考核占多少分?', { offline: true });

    expect(answer.mode).toBe('extractive');
    expect(server.requests).toHaveLength(0);
  });

  it('offline, reads an elliptical follow-up the plan does not answer with the question asked before it in the thread', async () => {
    const asked: string[] = [];
    // Grounded only when the question names its subject (考核), as the plan's text needs.
    const extractive = (q: string): Answer => {
      asked.push(q);
      return q.includes('考核')
        ? fakeExtractive(q)
        : { answer: '原文没有涉及这个问题。', grounded: false, mode: 'extractive', citations: [], lang: detectLang(q) };
    };
    const offline = createAnswerer({
      retrieve: fakeRetrieve([]),
      extractive,
      detectLang,
      planText,
      llm: null,
      logger: silentLogger,
    });
    const history = [
      { role: 'user' as const, text: '科技工作考核占多少分?' },
      { role: 'assistant' as const, text: '不少于20分。' },
    ];

    const followUp = await offline.ask('那什么时候考?', { history });
    expect(followUp).toMatchObject({ grounded: true, mode: 'extractive' });
    expect(asked).toEqual(['那什么时候考?', '科技工作考核占多少分? 那什么时候考?']);

    // Not in a thread, or in another language than the question before it: the question alone is answered.
    asked.length = 0;
    expect(await offline.ask('那什么时候考?')).toMatchObject({ grounded: false });
    expect(await offline.ask('When is it?', { history })).toMatchObject({ grounded: false });
    expect(asked).toEqual(['那什么时候考?', 'When is it?']);
  });

  it('answers extractively when no model is configured', async () => {
    const answer = await createAnswerer({
      retrieve: fakeRetrieve([]),
      extractive: fakeExtractive,
      detectLang,
      planText,
      llm: null,
      logger: silentLogger,
    }).ask('科技工作考核占多少分?');

    expect(answer.mode).toBe('extractive');
    expect(answer.note).toBeUndefined();
  });

  it('still answers when the caller’s onDelta callback throws', async () => {
    server.enqueue(reply.text(`考核不少于20分。${block([{ n: 1, quote: '占分不少于20分' }])}`));

    const answer = await answerer().ask('考核占多少分?', {
      onDelta: () => {
        throw new Error('slack update failed');
      },
    });

    expect(answer.mode).toBe('llm');
  });
});
