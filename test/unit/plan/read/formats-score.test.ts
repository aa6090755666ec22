import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerExtractive } from '../../../../src/answer/extractive.js';
import { buildIndex } from '../../../../src/answer/retrieve.js';
import { parsePlan } from '../../../../src/plan/parse.js';
import { readDocumentBytes } from '../../../../src/plan/read/index.js';
import { makeDocx, makeHtml, makePdf } from './make-documents.js';

const PLANS = ['gwy-wangzhan-jiyue-2018', 'gwy-xiongan-guihua-2018'];

/** Answers a plan's questions offline from `text` and scores them with the shared scorer against plan.txt. */
function score(dir: string, text: string): Record<string, unknown> {
  const questionsFile = join(dir, 'questions.jsonl');
  const index = buildIndex(parsePlan(text, 'plan'));
  const answers = readFileSync(questionsFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; q: string })
    .map((q) => JSON.stringify({ id: q.id, ...answerExtractive(index, q.q) }));
  const file = join(mkdtempSync(join(tmpdir(), 'planbot-formats-')), 'answers.jsonl');
  writeFileSync(file, `${answers.join('\n')}\n`);
  const out = execFileSync('node', ['test/fixtures/qa/score.mjs', questionsFile, file, join(dir, 'plan.txt')], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

describe.each(PLANS)('the plan %s read from .docx, .pdf and .html', (slug) => {
  const dir = join('test/fixtures/plans', slug);
  const text = readFileSync(join(dir, 'plan.txt'), 'utf8');
  const lines = text.split('\n').filter((l) => l.trim());
  const read: Record<string, string> = {};
  let fromText: Record<string, unknown> = {};

  beforeAll(async () => {
    read.docx = (await readDocumentBytes(await makeDocx(lines), 'plan.docx')).text;
    read.html = (await readDocumentBytes(new TextEncoder().encode(makeHtml(lines)), 'plan.html')).text;
    const pdf = await makePdf(lines, { header: '国务院文件', pageNumber: (n) => `— ${n} —` });
    read.pdf = (await readDocumentBytes(pdf, 'plan.pdf')).text;
    fromText = score(dir, text);
  }, 120_000);

  it.each(['docx', 'pdf', 'html'])('scores the same from its .%s as from its text', (format) => {
    const fromFile = score(dir, read[format] ?? '');
    expect(fromFile).toEqual(fromText);
    expect(Number(fromText.section_pct)).toBeGreaterThan(0);
  });
});
