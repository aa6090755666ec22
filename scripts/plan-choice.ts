/**
 * With every question set's plan running at once (the shipped plan, the fixture plans), how often a question is
 * answered from its own plan, chosen as planbot chooses in Slack. Questions about the document itself (文号, 哪天印发)
 * fit every plan alike and are the usual misses. Run: `npx tsx scripts/plan-choice.ts [--misses]`.
 */
import { scorePlanChoice } from '../test/support/qa-sets.js';

const { chosen, asked, misses } = scorePlanChoice();
console.log(`answered from their own plan: ${chosen}/${asked} (${((100 * chosen) / asked).toFixed(1)} %)`);
if (process.argv.includes('--misses')) for (const m of misses) console.log(m);
