import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLlmClient } from '../../../../src/answer/llm.js';
import { silentLogger } from '../../../../src/logger.js';
import { draftTargets, refineDraft } from '../../../../src/plan/draft/index.js';
import { parsePlan } from '../../../../src/plan/parse.js';
import { type FakeOpenAiServer, reply, startFakeOpenAiServer } from '../../../fakes/openai-server.js';

const text = [
  '某市人才工作方案',
  '2019年1月10日',
  '一、主要目标',
  '5年内选拔100名正职后备人才，建成20家以上技能大师工作室。（市委组织部负责）',
].join('\n');
const plan = parsePlan(text, 'made-up');
const draft = draftTargets(plan);

describe('refining the draft with a model', () => {
  let server: FakeOpenAiServer;
  const llm = () =>
    createLlmClient(
      { apiKey: 'sk-test-key-000000', baseURL: server.baseURL, model: 'fake-model', retryDelayMs: 10 },
      silentLogger,
    );

  beforeEach(async () => {
    server = await startFakeOpenAiServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends the draft and takes a better name that is the plan’s own words', async () => {
    server.enqueue(reply.text('```json\n[{"key": "t01", "name": "正职后备人才"}]\n```'));

    const result = await refineDraft(plan, draft, llm());

    expect(result.applied).toBe(1);
    expect(result.indicators[0]?.name).toBe('正职后备人才');
    expect(result.indicators[1]).toEqual(draft[1]);
    const sent = server.requests[0]?.body.messages.map((m) => m.content).join('\n') ?? '';
    expect(sent).toContain('5年内选拔100名正职后备人才');
  });

  it('rejects names not in the plan and quotes that are not verbatim or not about the same target', async () => {
    server.enqueue(
      reply.text(
        JSON.stringify([
          { key: 't01', name: '后备干部储备' },
          { key: 't01', quote: '5年内选拔200名正职后备人才' },
          { key: 't02', quote: '5年内选拔100名正职后备人才' },
          { key: 't09', name: '正职后备人才' },
          { key: 't02', quote: '建成20家以上技能大师工作室。（市委组织部负责）' },
        ]),
      ),
    );

    const result = await refineDraft(plan, draft, llm());

    expect(result.rejected).toBe(4);
    expect(result.applied).toBe(1);
    expect(result.indicators[0]).toEqual(draft[0]);
    expect(result.indicators[1]?.quote).toBe('建成20家以上技能大师工作室。（市委组织部负责）');
    for (const d of result.indicators) expect(text).toContain(d.quote);
  });

  it('keeps the offline draft when the model fails or answers something else', async () => {
    server.enqueue(reply.serverError(500), reply.serverError(500));
    expect((await refineDraft(plan, draft, llm())).indicators).toEqual(draft);

    server.enqueue(reply.text('I cannot help with that.'));
    const odd = await refineDraft(plan, draft, llm());
    expect(odd.indicators).toEqual(draft);
    expect(odd.rejected).toBe(1);
  });

  it('without a model, returns the draft unchanged', async () => {
    expect((await refineDraft(plan, draft, null)).indicators).toEqual(draft);
    expect(server.requests).toHaveLength(0);
  });
});
