import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerExtractive } from '../../../src/answer/extractive.js';
import { buildIndex } from '../../../src/answer/retrieve.js';
import { loadPlan } from '../../../src/plan/load.js';

const FIXTURES = 'test/fixtures/qa';
const PLAN_DIR = 'plans/nmg-keji-2015';
const index = buildIndex(loadPlan(PLAN_DIR));

interface Summary {
  zh_pct: number;
  en_pct: number;
  section_pct: number;
  negative_pct: number;
  quotes_verbatim: string;
}

/** Answers a question set offline and scores it with the shared scorer, as an outside evaluation would. */
function score(set: string): { summary: Summary; misses: string[] } {
  const questions = readFileSync(join(FIXTURES, `${set}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; q: string });
  const answers = questions.map((q) => JSON.stringify({ id: q.id, ...answerExtractive(index, q.q) }));
  const file = join(mkdtempSync(join(tmpdir(), 'planbot-qa-')), `${set}.answers.jsonl`);
  writeFileSync(file, `${answers.join('\n')}\n`);
  const out = execFileSync(
    'node',
    [join(FIXTURES, 'score.mjs'), join(FIXTURES, `${set}.jsonl`), file, join(PLAN_DIR, 'plan.txt')],
    {
      encoding: 'utf8',
    },
  )
    .trim()
    .split('\n');
  return { summary: JSON.parse(out[out.length - 1] ?? '{}') as Summary, misses: out.slice(0, -1) };
}

const allQuotesVerbatim = (s: Summary) => {
  const [good, all] = s.quotes_verbatim.split('/');
  return good === all;
};

describe.each(['dev', 'extra'])('the offline answers to the %s questions', (set) => {
  const { summary, misses } = score(set);

  it('state the Chinese facts (≥ 90%) and cite their sections (≥ 90%)', () => {
    expect(summary.zh_pct, misses.join('\n')).toBeGreaterThanOrEqual(90);
    expect(summary.section_pct, misses.join('\n')).toBeGreaterThanOrEqual(90);
  });

  it('state the English facts (≥ 90%)', () => {
    expect(summary.en_pct, misses.join('\n')).toBeGreaterThanOrEqual(90);
  });

  it('when a question is about something the plan does not cover, it is refused', () => {
    expect(summary.negative_pct, misses.join('\n')).toBe(100);
  });

  it('quote the plan verbatim', () => {
    expect(allQuotesVerbatim(summary), summary.quotes_verbatim).toBe(true);
  });
});
