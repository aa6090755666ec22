/**
 * Offline answering benchmark: index build time and per-question latency (p50, p99) on every fixture plan with
 * its own questions, and on a synthetic plan of 40,000+ characters. Run by hand: `npx tsx bench/answer.ts`.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { answerExtractive } from '../src/answer/extractive.js';
import { buildIndex } from '../src/answer/retrieve.js';
import { loadPlan } from '../src/plan/load.js';
import { type Plan, parsePlan } from '../src/plan/parse.js';
import { qaSets, SHIPPED_PLAN } from '../test/support/qa-sets.js';

const ROUNDS = 5;
const questions = ['dev', 'extra'].flatMap((set) =>
  readFileSync(`test/fixtures/qa/${set}.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q),
);

const DIGITS = '零一二三四五六七八九';
/** 1 → 一, 12 → 十二, 105 → 一百零五, for n < 1000. */
function chineseNumber(n: number): string {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  const head = hundreds ? `${DIGITS[hundreds]}百` : '';
  const mid = tens ? (tens === 1 && !hundreds ? '十' : `${DIGITS[tens]}十`) : hundreds && ones ? '零' : '';
  return `${head}${mid}${ones ? DIGITS[ones] : ''}`;
}

/** The plan's paragraphs, shuffled (seeded) and regrouped into `copies` top-level sections of 20 subsections. */
function synthetic(plan: Plan, copies: number): string {
  const paragraphs = plan.passages.filter((p) => p.kind === 'paragraph').map((p) => p.text);
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const lines = [plan.title];
  for (let k = 1; k <= copies; k++) {
    const shuffled = [...paragraphs].sort(() => random() - 0.5);
    lines.push(`${chineseNumber(k)}、综合任务${k}`);
    shuffled.forEach((p, i) => {
      if (i % 3 === 0) lines.push(`(${chineseNumber(Math.floor(i / 3) + 1)})专题${k}-${i / 3 + 1}`);
      lines.push(p);
    });
  }
  return lines.join('\n');
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function timed(run: () => void): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

function measure(name: string, plan: Plan, questions: string[]) {
  const builds: number[] = [];
  let index = buildIndex(plan);
  for (let i = 0; i < 3; i++) builds.push(timed(() => (index = buildIndex(plan))));
  // Cold: a fresh index has not yet counted any question term.
  const cold = questions.map((q) => timed(() => answerExtractive(index, q))).sort((a, b) => a - b);
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of questions) {
      const t0 = performance.now();
      answerExtractive(index, q);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  return {
    corpus: name,
    chars: plan.text.length,
    sentences: index.sentences.length,
    'build ms': Math.min(...builds).toFixed(1),
    'cold p50 ms': percentile(cold, 50).toFixed(2),
    'cold p99 ms': percentile(cold, 99).toFixed(2),
    'p50 ms': percentile(times, 50).toFixed(2),
    'p99 ms': percentile(times, 99).toFixed(2),
    'max ms': (times[times.length - 1] ?? 0).toFixed(2),
  };
}

const plan = loadPlan('plans/nmg-keji-2015');
// CC-CEDICT is indexed once, on the first English question; time that apart from the per-question figures.
const dictionary = timed(() => answerExtractive(buildIndex(plan), 'How many talent apartments?'));
const copiesFor40k = Math.ceil(40_000 / plan.text.length);
const big = parsePlan(synthetic(plan, copiesFor40k), 'synthetic-40k');
const rows = [
  measure('nmg-keji-2015 (dev+extra)', plan, questions),
  measure(`synthetic ${big.text.length} chars`, big, questions),
];
for (const set of qaSets().filter((s) => s.planDir !== SHIPPED_PLAN)) {
  const own = readFileSync(set.questions, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q);
  rows.push(measure(set.name, loadPlan(set.planDir), own));
}
console.log(`${ROUNDS} rounds, Node ${process.version}; CC-CEDICT first load ${dictionary.toFixed(0)} ms`);
console.table(rows);
