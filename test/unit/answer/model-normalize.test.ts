import { describe, expect, it } from 'vitest';
import { markdownToMrkdwn, removeCitationMarkers, stripReasoning } from '../../../src/answer/model-normalize.js';
import { createVisibleStream, parseModelOutput } from '../../../src/answer/model-output.js';

const streamOf = (raw: string, size: number) => {
  const deltas: string[] = [];
  const stream = createVisibleStream((c) => deltas.push(c));
  for (let i = 0; i < raw.length; i += size) stream.push(raw.slice(i, i + size));
  stream.finish(raw);
  return deltas.join('');
};

describe('what real models write, made fit for Slack', () => {
  it('drops a reasoning block, closed, unclosed, or with only its close tag', () => {
    expect(stripReasoning('<think>考虑一下</think>\n答案。')).toBe('\n答案。');
    expect(stripReasoning('答案。<think>还在想')).toBe('答案。');
    expect(stripReasoning('the user asks…</think>答案。')).toBe('答案。');
  });

  it('turns Markdown into mrkdwn: one-star bold, no headings, bullets, links', () => {
    expect(markdownToMrkdwn('## 回答\n**目标**是10家\n- 第一\n* 第二\n[原文](https://x.org/a)')).toBe(
      '*回答*\n*目标*是10家\n• 第一\n• 第二\n<https://x.org/a|原文>',
    );
  });

  it('removes passage markers and the source notes they leave empty', () => {
    expect(removeCitationMarkers('达到10家[1]【2】(来源:[1])。')).toBe('达到10家。');
    expect(removeCitationMarkers('达到10家（来源：段落2）。')).toBe('达到10家。');
    expect(removeCitationMarkers('达到10家 [passage 1, 2] (Source: ).')).toBe('达到10家.');
  });

  it('accepts citations as a fenced JSON array, and the prose stays a model answer', () => {
    const out = parseModelOutput('目标是10家。\n\n```json\n[{"n": 1, "quote": "达到10家"}]\n```');
    expect(out).toEqual({ answer: '目标是10家。', notInPlan: false, citations: [{ n: 1, quote: '达到10家' }] });
  });

  it('accepts a trailing JSON block, with or without a label line above it', () => {
    expect(parseModelOutput('目标是10家。\n**Citations:**\n[{"n":2,"quote":"达到10家"}]')).toEqual({
      answer: '目标是10家。',
      notInPlan: false,
      citations: [{ n: 2, quote: '达到10家' }],
    });
    expect(parseModelOutput('目标是10家。\n{"citations": [{"n":"1","quote":"甲乙"}]}').citations).toEqual([
      { n: 1, quote: '甲乙' },
    ]);
  });

  it('recognises NOT_IN_PLAN in any dress, and a refusal without it', () => {
    for (const raw of ['**NOT_IN_PLAN**', '`NOT_IN_PLAN`', 'not in plan', 'NOT_IN_PLAN。', '# NOT IN PLAN']) {
      expect(parseModelOutput(raw).notInPlan, raw).toBe(true);
    }
    expect(parseModelOutput('根据提供的段落,计划原文没有提到这个问题。').notInPlan).toBe(true);
    expect(parseModelOutput('The passages do not mention any budget.').notInPlan).toBe(true);
    expect(parseModelOutput('原文没有规定具体金额。<citations>[{"n":1,"quote":"甲乙"}]</citations>').notInPlan).toBe(
      false,
    );
  });

  it('streams only what stays: no stars, think tags, markers or token ever shown, whatever the chunk size', () => {
    const raw =
      '<think>\nLet me see.\n</think>\n## 回答\n**目标**:到2017年达到*10家* [1](来源:[2])。\n- 其次\n<citations>[{"n":1,"quote":"达到10家"}]</citations>';
    for (const size of [1, 2, 3, 7, 50]) {
      const shown = streamOf(raw, size);
      expect(shown, `chunks of ${size}`).toBe(parseModelOutput(raw).answer);
      expect(shown).not.toMatch(/\*\*|<think|\[\d\]|来源|#|citations/);
    }
    expect(streamOf('**NOT_IN_PLAN**', 1)).toBe('');
  });
});
