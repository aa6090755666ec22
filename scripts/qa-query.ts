/** Prints how a question is parsed and ranked against one set's plan. Run: `npx tsx scripts/qa-query.ts SET QUESTION`. */
import { buildIndex, parseQuery, rank } from '../src/answer/retrieve.js';
import { loadPlan } from '../src/plan/load.js';
import { heldoutSets, qaSets } from '../test/support/qa-sets.js';

const [name, question = ''] = process.argv.slice(2);
const set = [...qaSets(), ...heldoutSets()].find((s) => s.name === name);
if (!set) throw new Error(`no set ${name}`);
const index = buildIndex(loadPlan(set.planDir));
const query = parseQuery(question, index);
console.log(JSON.stringify({ ...query, alternatives: undefined }));
for (const c of rank(index, query).slice(0, 6))
  console.log(c.score.toFixed(2), c.relevance.toFixed(2), c.coverage.toFixed(2), c.passage.section, c.passage.text.slice(0, 60));
