import { describe, expect, it } from 'vitest';
import { heldoutDocuments, heldoutSets, percent, type SetScore, scoreAllSets } from '../../support/qa-sets.js';

/**
 * The offline answers on every question set: the shipped plan's dev, extra (and colloquial, when present) sets and
 * every real document under test/fixtures/plans/, scored by test/fixtures/qa/score.mjs. The thresholds are what the
 * general rules reach today (scripts/qa-scores.ts prints the table); raise them as answers improve, never lower.
 */
const rows = scoreAllSets();
const all = rows.find((r) => r.name === 'all') as SetScore;
const dev = rows.find((r) => r.name === 'dev') as SetScore;
const misses = rows.flatMap((r) => r.misses.map((m) => `${r.name}: ${m}`)).join('\n');
const table = rows
  .map(
    (r) =>
      `${r.name}: ${Object.entries(r.tally)
        .map(([k, [a, b]]) => `${k} ${a}/${b}`)
        .join(', ')}`,
  )
  .join('\n');

describe('the offline answers over every plan and question set', () => {
  it('state the Chinese facts (≥ 95% overall)', () => {
    console.log(table);
    expect(percent(all.tally.zh), misses).toBeGreaterThanOrEqual(95);
  });

  it('cite the expected sections (≥ 90% overall)', () => {
    expect(percent(all.tally.section), misses).toBeGreaterThanOrEqual(90);
  });

  it('refuse what the documents do not say (≥ 90% overall)', () => {
    expect(percent(all.tally.negative), misses).toBeGreaterThanOrEqual(90);
  });

  it('answer English questions through the general dictionary (≥ 65% overall)', () => {
    expect(percent(all.tally.en), misses).toBeGreaterThanOrEqual(65);
  });

  it('quote every plan verbatim', () => {
    const [good, total] = all.tally.quotes;
    expect(good, misses).toBe(total);
  });

  it('keep the shipped plan’s development set whole: 18/18 Chinese, 2/2 English, 20/20 sections, 2/2 refusals', () => {
    expect(dev.tally, misses).toEqual({
      zh: [18, 18],
      en: [2, 2],
      section: [20, 20],
      negative: [2, 2],
      quotes: [dev.tally.quotes[1], dev.tally.quotes[1]],
    });
  });
});

/**
 * Questions written by someone who saw neither the answering code nor the sets above (test/fixtures/heldout/), first
 * scored at 86% / 40% / 74% / 87% (zh, en, sections, negatives); kept as a floor so a rule tuned to the sets above
 * cannot quietly cost the questions it was not tuned on.
 */
describe('the offline answers on the held-out questions', () => {
  const held = scoreAllSets(heldoutSets()).find((r) => r.name === 'all') as SetScore;
  const heldMisses = () => JSON.stringify(held.tally);

  it('state the Chinese facts (≥ 85%), the sections (≥ 80%) and refuse what is not said (≥ 85%)', () => {
    expect(percent(held.tally.zh), heldMisses()).toBeGreaterThanOrEqual(85);
    expect(percent(held.tally.section), heldMisses()).toBeGreaterThanOrEqual(80);
    expect(percent(held.tally.negative), heldMisses()).toBeGreaterThanOrEqual(85);
  });

  it('answer English (≥ 50%) and quote verbatim', () => {
    expect(percent(held.tally.en), heldMisses()).toBeGreaterThanOrEqual(50);
    expect(held.tally.quotes[0]).toBe(held.tally.quotes[1]);
  });
});

/**
 * The second held-out round (test/fixtures/heldout/<slug>/): three documents found and questioned by someone who saw
 * neither the code nor any set — a 13-measure national notice, a points-based residence 办法 with its scoring table,
 * a housing-security notice with full-width numbering. First scored at 36/60, 5/15, 39/73, 8/12 (zh, en, sections,
 * negatives); the general rules this round (abbreviations spelled out, document layout, synonyms in retrieval) bring
 * 48/60, 6/15, 49/73, 8/12. Kept as a floor.
 */
describe('the offline answers on documents no rule was written on', () => {
  const held = scoreAllSets(heldoutDocuments()).find((r) => r.name === 'all') as SetScore;
  const tally = () => JSON.stringify(held.tally);

  it('state the Chinese facts (≥ 75%), the sections (≥ 60%) and refuse what is not said (≥ 65%)', () => {
    expect(percent(held.tally.zh), tally()).toBeGreaterThanOrEqual(75);
    expect(percent(held.tally.section), tally()).toBeGreaterThanOrEqual(60);
    expect(percent(held.tally.negative), tally()).toBeGreaterThanOrEqual(65);
  });

  it('answer English (≥ 35%) and quote verbatim', () => {
    expect(percent(held.tally.en), tally()).toBeGreaterThanOrEqual(35);
    expect(held.tally.quotes[0]).toBe(held.tally.quotes[1]);
  });
});
