/**
 * The model conformance suite: one fake model per habit real models have (Markdown, reasoning blocks, passage
 * markers, citations as fenced or trailing JSON, NOT_IN_PLAN in any dress, a changed figure, tiny chunks), run
 * through `planbot ask` and through Slack streaming, with the same properties asserted in every mode.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeForMatch } from '../../src/answer/citations.js';
import { answerExtractive } from '../../src/answer/extractive.js';
import { unbackedFigures } from '../../src/answer/figures.js';
import { buildIndex } from '../../src/answer/retrieve.js';
import { loadPlan } from '../../src/plan/load.js';
import { HABITS, type Habit, habitHandler, REFUSING, wellBehavedHandler } from '../fakes/model-habits.js';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../fakes/openai-server.js';
import { callsOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

const PLAN = normalizeForMatch(readFileSync('plans/nmg-keji-2015/plan.txt', 'utf8')).text;
/** Questions whose answers carry figures, so a changed figure has something to change. */
const QUESTIONS = [
  '自治区局每年安排多少科研专项经费?',
  '到2017年,全区国家质检中心要达到多少家?',
  '直属技术机构每年科技投入不能低于收入的多少?',
];
/** What must never reach a user, whatever the model wrote. */
const RESIDUE: [string, RegExp][] = [
  ['Markdown bold', /\*\*/],
  ['a reasoning block', /<\/?\s*think/i],
  ['a passage marker', /\[\d+\]|【\d+】/],
  ['an empty source note', /[（(]\s*(?:来源|出处|source)\s*[:：]?\s*[)）]/i],
  ['a Markdown heading', /^#{1,6}\s/m],
  ['the protocol token', /NOT_IN_PLAN/],
  ['citations JSON', /"quote"|<citations>/],
];

interface Shown {
  answer: string;
  grounded: boolean;
  mode: string;
  citations: { section: string; quote: string }[];
}

/** The properties every habit must keep. */
function expectTrustworthy(habit: Habit, shown: Shown, where: string) {
  for (const [what, re] of RESIDUE) expect(shown.answer, `${habit} ${where}: ${what}`).not.toMatch(re);
  for (const c of shown.citations) {
    expect(PLAN.includes(normalizeForMatch(c.quote).text), `${habit} ${where}: verbatim ${c.quote}`).toBe(true);
  }
  if (shown.grounded) {
    // An extractive answer names its sections (`二、(二)1 …`): the labels are not claims.
    const claims = shown.citations.reduce((text, c) => text.split(c.section).join(''), shown.answer);
    const unbacked = unbackedFigures(
      claims,
      shown.citations.map((c) => c.quote),
    );
    expect(
      unbacked.map((f) => f.text),
      `${habit} ${where}: figures not in the quotes`,
    ).toEqual([]);
  }
  if (REFUSING.includes(habit)) expect(shown.grounded, `${habit} ${where}: a refusal is not grounded`).toBe(false);
  if (habit === 'fenced-json' || habit === 'trailing-json' || habit === 'markdown' || habit === 'clean') {
    expect(shown, `${habit} ${where}: citations in any dress are accepted`).toMatchObject({
      mode: 'llm',
      grounded: true,
    });
  }
  if (habit === 'changed-figure') expect(shown.mode, `${habit} ${where}: falls back`).toBe('extractive');
}

let model: FakeOpenAiServer;
let habit: Habit = 'clean';
const tmp = mkdtempSync(join(tmpdir(), 'planbot-habits-'));

beforeAll(async () => {
  let answers = 0;
  // `planbot ask --batch` answers in input order, so the n-th answer request belongs to the n-th question.
  model = await startFakeOpenAiServer({
    handler: habitHandler((body) => {
      if (body.max_tokens === 100) return habit;
      if (cliRun) return HABITS[Math.floor(answers++ / QUESTIONS.length)] ?? 'clean';
      return habit;
    }),
  });
});
afterAll(async () => {
  await model?.close();
  rmSync(tmp, { recursive: true, force: true });
});
let cliRun = false;

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('every model habit, through `planbot ask --batch`', () => {
  it('keeps every answer clean, verbatim, and never grounded on a figure its quotes do not hold', async () => {
    const batch = join(tmp, 'q.jsonl');
    const items = HABITS.flatMap((h) => QUESTIONS.map((q, i) => ({ id: `${h}#${i}`, q })));
    writeFileSync(batch, `${items.map((i) => JSON.stringify(i)).join('\n')}\n`);
    cliRun = true;
    // Not spawnSync: the fake model answers from this very process.
    const out = await run(['bin/planbot.mjs', 'ask', '--batch', batch, '--json'], {
      PATH: process.env.PATH ?? '',
      HOME: tmp,
      PLANBOT_DATA_DIR: join(tmp, 'data'),
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: model.baseURL,
      OPENAI_MODEL: 'fake-habits',
      LOG_LEVEL: 'silent',
    });
    cliRun = false;
    expect(out.status, out.stderr).toBe(0);
    const answers = out.stdout
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Shown & { id: string });
    expect(answers).toHaveLength(items.length);
    for (const a of answers) expectTrustworthy(a.id.split('#')[0] as Habit, a, `ask ${a.id}`);
  }, 180_000);
});

describe('every model habit, streamed into Slack', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({
      env: { OPENAI_API_KEY: 'sk-fake', OPENAI_BASE_URL: model.baseURL, OPENAI_MODEL: 'fake-habits' },
    });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('shows nothing of the habit, in the stream or in the final message', async () => {
    for (const h of HABITS) {
      habit = h;
      const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', mention: QUESTIONS[0] });
      const streamCalls = [
        ...callsOf(events, 'chat.startStream'),
        ...callsOf(events, 'chat.appendStream'),
        ...callsOf(events, 'chat.stopStream'),
      ];
      const streamed = streamCalls
        .flatMap(
          (c) => (c.args.chunks as { text?: string }[] | undefined) ?? [{ text: c.args.markdown_text as string }],
        )
        .map((c) => c.text ?? '')
        .join('');
      for (const [what, re] of RESIDUE) expect(streamed, `${h} stream: ${what}`).not.toMatch(re);
      const final = [...callsOf(events, 'chat.stopStream'), ...callsOf(events, 'chat.postMessage')]
        .map((c) => JSON.stringify(c.args.blocks ?? c.args.text ?? ''))
        .join('\n');
      expect(final, `${h}: an answer was shown`).not.toBe('');
      for (const [what, re] of RESIDUE.slice(0, 5)) expect(final, `${h} final: ${what}`).not.toMatch(re);
      const stored = (await sandbox.booted.deps.db.query.questions.findMany()).at(-1);
      expect(stored, h).toBeDefined();
      if (stored) {
        expectTrustworthy(h, { ...stored, citations: stored.citations as Shown['citations'] }, 'slack');
        if (h === 'changed-figure') expect(stored.fallback).toBe('figures');
      }
    }
  });
});

describe('a well-behaved model on the development questions', () => {
  it('scores no lower than the offline answers, and its answers stay model answers', async () => {
    const index = buildIndex(loadPlan('plans/nmg-keji-2015'));
    const good = await startFakeOpenAiServer({ handler: wellBehavedHandler((q) => answerExtractive(index, q)) });
    try {
      const questions = 'test/fixtures/qa/dev.jsonl';
      const out = await run(['bin/planbot.mjs', 'ask', '--batch', questions, '--json'], {
        PATH: process.env.PATH ?? '',
        HOME: tmp,
        PLANBOT_DATA_DIR: join(tmp, 'data-dev'),
        OPENAI_API_KEY: 'sk-fake',
        OPENAI_BASE_URL: good.baseURL,
        LOG_LEVEL: 'silent',
      });
      expect(out.status, out.stderr).toBe(0);
      const offline = readFileSync(questions, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { id: string; q: string })
        .map((q) => JSON.stringify({ id: q.id, ...answerExtractive(index, q.q) }))
        .join('\n');
      const score = (answers: string) => {
        const file = join(tmp, `answers-${Math.random()}.jsonl`);
        writeFileSync(file, answers);
        const lines = execFileSync(
          'node',
          ['test/fixtures/qa/score.mjs', questions, file, 'plans/nmg-keji-2015/plan.txt'],
          { encoding: 'utf8' },
        )
          .trim()
          .split('\n');
        return JSON.parse(lines.at(-1) ?? '{}') as Record<string, number | string>;
      };
      const withModel = score(out.stdout);
      const without = score(offline);
      for (const key of ['zh_pct', 'en_pct', 'section_pct', 'negative_pct']) {
        expect(withModel[key], key).toBeGreaterThanOrEqual(without[key] as number);
      }
      expect(withModel.quotes_verbatim).toMatch(/^(\d+)\/\1$/);
      const modes = out.stdout.split('\n').filter((l) => l.includes('"grounded":true'));
      expect(modes.every((l) => l.includes('"mode":"llm"'))).toBe(true);
    } finally {
      await good.close();
    }
  }, 180_000);
});
