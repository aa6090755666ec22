/**
 * A stand-in for the way real models bend planbot's output protocol (DeepSeek, Qwen, reasoning models behind vLLM
 * or Ollama), one mode per habit. Each reply is built from the request's own numbered passages, so a
 * well-behaved mode gives a correct, verbatim-quoted answer and every other mode differs from it by one habit.
 */
import type { Answer } from '../../src/answer/types.js';
import type { ChatRequestBody, FakeHandler, FakeReply } from './openai-server.js';
import { reply } from './openai-server.js';

export const HABITS = [
  'clean',
  'markdown',
  'think-inline',
  'reasoning-content',
  'markers',
  'fenced-json',
  'trailing-json',
  'not-in-plan-dressed',
  'refusal-without-token',
  'changed-figure',
  'tiny-chunks',
] as const;
export type Habit = (typeof HABITS)[number];

/** Modes in which the model says the passages do not answer. */
export const REFUSING: readonly Habit[] = ['not-in-plan-dressed', 'refusal-without-token'];

interface Passage {
  n: number;
  text: string;
}

/** The numbered passages of an answer request: `[n] (section) text`. */
export function passagesOf(body: ChatRequestBody): Passage[] {
  const user = body.messages.at(-1)?.content ?? '';
  const out: Passage[] = [];
  for (const m of user.matchAll(/^\[(\d+)\] \((?:[^()\n]|\([^()\n]*\))*\) (.+)$/gm)) {
    out.push({ n: Number(m[1]), text: m[2] ?? '' });
  }
  return out;
}

const questionOf = (body: ChatRequestBody) =>
  (body.messages.at(-1)?.content ?? '').split('Question / 问题:').at(-1)?.trim() ?? '';

/** Character bigrams, to pick the passage sentences that best match the question, as a careful model would. */
const bigrams = (s: string) => {
  const chars = [...s.replace(/[\s\p{P}]/gu, '')];
  return new Set(chars.slice(1).map((c, i) => `${chars[i]}${c}`));
};

/** The one or two sentences of the passages that best answer the question, with their passage numbers. */
export function bestSentences(body: ChatRequestBody, max = 2): Passage[] {
  const q = bigrams(questionOf(body));
  const asksNumber = /多少|几|比例|how many|how much|what share|percent/i.test(questionOf(body));
  const scored = passagesOf(body).flatMap((p) =>
    (p.text.match(/[^。；;!?！？]+[。；;!?！？]?/g) ?? [p.text])
      .map((s) => s.trim())
      .filter((s) => s.length >= 6)
      .map((s) => {
        const b = bigrams(s);
        let overlap = 0;
        for (const g of q) if (b.has(g)) overlap++;
        return { n: p.n, text: s, score: overlap + (asksNumber && /\d/.test(s) ? 2 : 0) - p.n * 0.01 };
      }),
  );
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, max).map(({ n, text }) => ({ n, text: text.slice(0, 150) }));
}

/** Changes the first figure of `text`: 500 → 502, 1:1 → 2:1. */
export function changeFigure(text: string): string {
  return text.replace(/\d+/, (d) => String(Number(d) + 2));
}

const tags = (cites: Passage[]) =>
  `<citations>${JSON.stringify(cites.map((c) => ({ n: c.n, quote: c.text })))}</citations>`;

/** The reply a model with `habit` gives to `body`. Rewrite requests get search terms (with the habit's dress). */
export function habitReply(habit: Habit, body: ChatRequestBody): FakeReply {
  if (body.max_tokens === 100) {
    const terms = '计划 目标 要求';
    if (habit === 'think-inline') return reply.text(`<think>\nThe user asks about the plan.\n</think>\n${terms}`);
    return reply.text(terms);
  }
  const cites = bestSentences(body);
  if (cites.length === 0) return reply.text('NOT_IN_PLAN');
  const prose = `${cites.map((c) => c.text.replace(/[。；;]$/, '')).join(';')}。`;
  const json = JSON.stringify(cites.map((c) => ({ n: c.n, quote: c.text })));
  switch (habit) {
    case 'clean':
      return reply.text(`${prose}\n${tags(cites)}`);
    case 'tiny-chunks':
      return reply.text(`${prose}\n${tags(cites)}`, { chunkSize: 1 });
    case 'markdown':
      return reply.text(
        `## 回答\n\n**根据计划**:\n\n- ${prose}\n- 详见[原文](https://example.org/plan)\n\n${tags(cites)}`,
        { chunkSize: 3 },
      );
    case 'think-inline':
      return reply.text(`<think>\nLet me find the passage. Passage 1 says it.\n</think>\n\n${prose}\n${tags(cites)}`);
    case 'reasoning-content':
      return {
        kind: 'text',
        text: `${prose}\n${tags(cites)}`,
        reasoning: 'The user wants a figure. Passage 1 has it.',
      };
    case 'markers':
      return reply.text(`${prose.replace(/。$/, '')} [1]【1】(来源:[1])。\n${tags(cites)}`, { chunkSize: 2 });
    case 'fenced-json':
      return reply.text(`${prose}\n\n\`\`\`json\n${json}\n\`\`\``);
    case 'trailing-json':
      return reply.text(`${prose}\n\n**Citations:**\n${json}`);
    case 'not-in-plan-dressed':
      return reply.text('**NOT_IN_PLAN**');
    case 'refusal-without-token':
      return reply.text('根据提供的段落,计划原文没有提到这个问题。');
    case 'changed-figure': {
      const changed = cites.map((c) => ({ n: c.n, text: changeFigure(c.text) }));
      const changedProse = `${changed.map((c) => c.text.replace(/[。；;]$/, '')).join(';')}。`;
      return reply.text(`${changedProse}\n${tags(changed)}`);
    }
  }
}

/** A fake-server handler answering in `habit()`'s mode at each request. */
export function habitHandler(habit: (body: ChatRequestBody, index: number) => Habit): FakeHandler {
  return (body, index) => habitReply(habit(body, index), body);
}

/**
 * A well-behaved model: it knows the plan as well as planbot's own extractive answerer does, and answers only from
 * the passages it is shown — the sentences that answer, cited verbatim, or NOT_IN_PLAN when they are not among them.
 * With it, the model path can be compared with the offline one on the same questions.
 */
export function wellBehavedHandler(know: (question: string) => Answer): FakeHandler {
  return (body) => {
    const user = body.messages.at(-1)?.content ?? '';
    const question = questionOf(body);
    const known = know(question);
    if (body.max_tokens === 100) {
      const terms = known.grounded ? (known.citations[0]?.quote ?? question) : question;
      return reply.text(terms.replace(/[，,。；;：:、“”（）()]/g, ' ').slice(0, 60));
    }
    const squash = (s: string) => s.replace(/\s+/g, '');
    const shown = passagesOf(body);
    const cites = known.grounded
      ? known.citations.flatMap((c) => {
          const p = shown.find((x) => squash(x.text).includes(squash(c.quote)));
          return p ? [{ n: p.n, text: c.quote }] : [];
        })
      : [];
    if (cites.length === 0) return reply.text('NOT_IN_PLAN');
    const english = /Answer language: English/.test(user);
    const prose = english
      ? `According to the plan: ${cites.map((c) => c.text).join(' ')}`
      : `${cites.map((c) => c.text.replace(/[。；;]$/, '')).join(';')}。`;
    return reply.text(`${prose}\n${tags(cites)}`);
  };
}
