/**
 * Scores the offline answers on every question set in one go and prints a table: each plan folder under
 * test/fixtures/plans/ (its questions.jsonl), the shipped plan's dev, extra and colloquial sets, then the aggregate.
 * Answers are scored by test/fixtures/qa/score.mjs, as an outside evaluation would.
 * With `--heldout`, the held-out question sets on those plans (test/fixtures/heldout/*.jsonl) instead; with
 * `--heldout-documents`, the held-out documents (test/fixtures/heldout/<slug>/).
 * Run: `npx tsx scripts/qa-scores.ts [--heldout | --heldout-documents] [--misses]`.
 */
import { heldoutDocuments, heldoutSets, qaSets, scoreAllSets, type SetScore } from '../test/support/qa-sets.js';

const showMisses = process.argv.includes('--misses');
const sets = process.argv.includes('--heldout')
  ? heldoutSets()
  : process.argv.includes('--heldout-documents')
    ? heldoutDocuments()
    : qaSets();
const rows = scoreAllSets(sets);
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
