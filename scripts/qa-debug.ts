/**
 * Prints each question of one set with its offline answer, for looking at misses by hand.
 * Run: `npx tsx scripts/qa-debug.ts SET [ID…]` (SET as named by scripts/qa-scores.ts).
 */
import { readFileSync } from 'node:fs';
import { answerExtractive } from '../src/answer/extractive.js';
import { buildIndex } from '../src/answer/retrieve.js';
import { loadPlan } from '../src/plan/load.js';
import { heldoutSets, qaSets } from '../test/support/qa-sets.js';

const [name, ...ids] = process.argv.slice(2);
const set = [...qaSets(), ...heldoutSets()].find((s) => s.name === name);
if (!set) throw new Error(`no set ${name}`);
const index = buildIndex(loadPlan(set.planDir));
const questions = readFileSync(set.questions, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { id: string; q: string; expect_any?: string[]; sections?: string[]; negative?: boolean });
for (const q of questions) {
  if (ids.length && !ids.includes(q.id)) continue;
  const a = answerExtractive(index, q.q);
  const want = q.negative ? 'NEGATIVE' : `${(q.expect_any ?? []).join('|')} @ ${(q.sections ?? []).join('/')}`;
  console.log(`## ${q.id} ${q.q}\n   want: ${want}\n   got(${a.grounded}): ${a.answer}`);
  for (const c of a.citations) console.log(`   cite [${c.section}] ${c.quote.slice(0, 80)}`);
}
