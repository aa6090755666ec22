/**
 * The offline question sets and their scoring, shared by the QA gate (test/unit/answer/qa-gate.test.ts) and
 * scripts/qa-scores.ts: every plan folder under test/fixtures/plans/ with its questions.jsonl, and the shipped
 * plan's sets in test/fixtures/qa/. Answers are scored by test/fixtures/qa/score.mjs, as an outside evaluation would.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerExtractive, bestFit } from '../../src/answer/extractive.js';
import { buildIndex } from '../../src/answer/retrieve.js';
import { loadPlan } from '../../src/plan/load.js';

const QA = 'test/fixtures/qa';
const PLANS = 'test/fixtures/plans';
/** Questions written afterwards by someone who never saw the answering code nor the sets above: a held-out check. */
const HELDOUT = 'test/fixtures/heldout';
export const SHIPPED_PLAN = 'plans/nmg-keji-2015';

export interface QaSet {
  name: string;
  questions: string;
  planDir: string;
}

type Pair = [number, number];
export interface Tally {
  zh: Pair;
  en: Pair;
  section: Pair;
  negative: Pair;
  quotes: Pair;
}

export interface SetScore {
  name: string;
  tally: Tally;
  misses: string[];
}

/** The held-out sets (`heldout/<plan>`), one a plan, on the shipped plan or a fixture plan of that name. */
export function heldoutSets(): QaSet[] {
  if (!existsSync(HELDOUT)) return [];
  return readdirSync(HELDOUT)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => {
      const plan = f.replace(/\.jsonl$/, '');
      const planDir = SHIPPED_PLAN.endsWith(`/${plan}`) ? SHIPPED_PLAN : join(PLANS, plan);
      return { name: `heldout/${plan}`, questions: join(HELDOUT, f), planDir };
    });
}

/**
 * The second held-out round (`heldout/<slug>/`): whole documents no rule was written on, each with its plan.txt and
 * questions written by someone who saw neither the answering code nor any set.
 */
export function heldoutDocuments(): QaSet[] {
  if (!existsSync(HELDOUT)) return [];
  return readdirSync(HELDOUT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(HELDOUT, d.name, 'questions.jsonl')))
    .map((d) => d.name)
    .sort()
    .map((slug) => ({
      name: `heldout/${slug}`,
      questions: join(HELDOUT, slug, 'questions.jsonl'),
      planDir: join(HELDOUT, slug),
    }));
}

/** The shipped plan's sets (those present), then one set per fixture plan folder, in name order. */
export function qaSets(): QaSet[] {
  const shipped = ['dev', 'extra', 'colloquial']
    .map((name) => ({ name, questions: join(QA, `${name}.jsonl`), planDir: SHIPPED_PLAN }))
    .filter((s) => existsSync(s.questions));
  const folders = readdirSync(PLANS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(PLANS, d.name, 'questions.jsonl')))
    .map((d) => d.name)
    .sort();
  return [
    ...shipped,
    ...folders.map((name) => ({
      name,
      questions: join(PLANS, name, 'questions.jsonl'),
      planDir: join(PLANS, name),
    })),
  ];
}

const pair = (s: unknown): Pair => {
  const [a, b] = String(s ?? '0/0').split('/');
  return [Number(a), Number(b)];
};

/** A set's questions, one JSON object a line. */
function readQuestions(path: string): { id: string; q: string; negative?: boolean }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; q: string; negative?: boolean });
}

/** Answers one set offline, scores it with score.mjs. */
export function scoreSet(set: QaSet): SetScore {
  const index = buildIndex(loadPlan(set.planDir));
  const questions = readQuestions(set.questions);
  const answers = questions.map((q) => JSON.stringify({ id: q.id, ...answerExtractive(index, q.q) }));
  const file = join(mkdtempSync(join(tmpdir(), 'planbot-qa-')), `${set.name.replace(/\W/g, '-')}.answers.jsonl`);
  writeFileSync(file, `${answers.join('\n')}\n`);
  const out = execFileSync('node', [join(QA, 'score.mjs'), set.questions, file, join(set.planDir, 'plan.txt')], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
  const summary = JSON.parse(out[out.length - 1] ?? '{}') as Record<string, string>;
  return {
    name: set.name,
    tally: {
      zh: pair(summary.zh_facts),
      en: pair(summary.en_facts),
      section: pair(summary.sections),
      negative: pair(summary.negatives),
      quotes: pair(summary.quotes_verbatim),
    },
    misses: out.slice(0, -1),
  };
}

/** Every set scored, then their sum as a last row named `all`. */
export function scoreAllSets(sets: QaSet[] = qaSets()): SetScore[] {
  const rows = sets.map(scoreSet);
  const keys = ['zh', 'en', 'section', 'negative', 'quotes'] as const;
  const total = Object.fromEntries(
    keys.map((k) => [k, rows.reduce<Pair>((s, r) => [s[0] + r.tally[k][0], s[1] + r.tally[k][1]], [0, 0])]),
  ) as unknown as Tally;
  return [...rows, { name: 'all', tally: total, misses: [] }];
}

export const percent = ([a, b]: Pair): number => (b ? (100 * a) / b : 100);

export interface PlanChoiceScore {
  chosen: number;
  asked: number;
  misses: string[];
}

/**
 * With every set's plan running at once, how many of the questions the plans do answer are answered from their own
 * plan, chosen as planbot chooses in Slack (`bestFit` of the plans' offline answers).
 */
export function scorePlanChoice(
  sets: QaSet[] = [...qaSets(), ...heldoutSets(), ...heldoutDocuments()],
): PlanChoiceScore {
  const dirs = [...new Set(sets.map((s) => s.planDir))];
  const indexes = dirs.map((dir) => ({ dir, index: buildIndex(loadPlan(dir)) }));
  const score: PlanChoiceScore = { chosen: 0, asked: 0, misses: [] };
  for (const set of sets) {
    for (const q of readQuestions(set.questions)) {
      if (q.negative) continue;
      const chosen = bestFit(indexes.map(({ dir, index }) => [dir, answerExtractive(index, q.q)] as const));
      score.asked++;
      if (chosen === set.planDir) score.chosen++;
      else score.misses.push(`${set.name}: ${q.q} → ${chosen}`);
    }
  }
  return score;
}
