/**
 * Scores the offline answers on every question set in one go and prints a table: each plan folder under
 * test/fixtures/plans/ (its questions.jsonl), the shipped plan's dev, extra and colloquial sets, then the aggregate.
 * Answers are scored by test/fixtures/qa/score.mjs, as an outside evaluation would.
 * With `--heldout`, the held-out sets in test/fixtures/heldout/ instead.
 * Run: `npx tsx scripts/qa-scores.ts [--heldout] [--misses]`.
 */
import { heldoutSets, qaSets, scoreAllSets, type SetScore } from '../test/support/qa-sets.js';

const showMisses = process.argv.includes('--misses');
const rows = scoreAllSets(process.argv.includes('--heldout') ? heldoutSets() : qaSets());
const cell = ([a, b]: [number, number]) => (b ? `${a}/${b} ${Math.round((100 * a) / b)}%` : '—');
const header = ['set', 'zh facts', 'en facts', 'sections', 'negatives', 'quotes'];
const line = (r: SetScore) => [
  r.name,
  cell(r.tally.zh),
  cell(r.tally.en),
  cell(r.tally.section),
  cell(r.tally.negative),
  cell(r.tally.quotes),
];
const table = [header, ...rows.map(line)];
const widths = header.map((_, i) => Math.max(...table.map((r) => [...(r[i] ?? '')].length)));
for (const r of table) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
if (showMisses) for (const r of rows) for (const m of r.misses) console.log(`${r.name}: ${m}`);
