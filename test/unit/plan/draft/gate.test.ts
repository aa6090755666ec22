import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { draftTargets } from '../../../../src/plan/draft/index.js';
import { parsePlan } from '../../../../src/plan/parse.js';
import { catalogueTargets, findsCatalogueTarget, goldPlans, type PlanScore, scorePlan } from './score.js';

const pct = (a: number, b: number) => (b === 0 ? 100 : (100 * a) / b);

/**
 * The offline draft against the real documents' hand-listed targets (test/fixtures/plans/*\/targets.jsonl): a gold
 * target is found when a drafted quote overlaps it and states the same figure (a gold milestone: a drafted
 * milestone overlapping it); a drafted item is right when it finds some gold target. Aggregated over all plans.
 */
describe('the drafted targets of the real plans', () => {
  const scores: PlanScore[] = goldPlans().map((p) =>
    scorePlan(p.slug, draftTargets(parsePlan(p.text, p.slug)), p.gold),
  );
  const found = scores.reduce((n, s) => n + s.found, 0);
  const gold = scores.reduce((n, s) => n + s.gold, 0);
  const right = scores.reduce((n, s) => n + s.right, 0);
  const drafted = scores.reduce((n, s) => n + s.drafted, 0);
  const report = [
    ...scores.map(
      (s) =>
        `${s.slug}: recall ${s.found}/${s.gold}, precision ${s.right}/${s.drafted}` +
        s.missed.map((m) => `\n  missed ${m.number ?? 'milestone'}: ${m.quote}`).join('') +
        s.extra.map((x) => `\n  extra ${x.target ?? 'milestone'}${x.measure ?? ''}: ${x.quote}`).join(''),
    ),
    `all: recall ${found}/${gold} (${pct(found, gold).toFixed(1)}%), precision ${right}/${drafted} (${pct(right, drafted).toFixed(1)}%)`,
  ].join('\n');
  console.log(report);

  it('there are plans with gold targets to measure against', () => {
    expect(scores.length).toBeGreaterThanOrEqual(6);
  });

  it('finds at least 85% of the gold targets', () => {
    expect(pct(found, gold), report).toBeGreaterThanOrEqual(85);
  });

  it('at least 80% of what it drafts are gold targets', () => {
    expect(pct(right, drafted), report).toBeGreaterThanOrEqual(80);
  });

  it('every quote is a verbatim span of its plan and every key is unique', () => {
    for (const p of goldPlans()) {
      const items = draftTargets(parsePlan(p.text, p.slug));
      for (const d of items) expect(p.text.includes(d.quote), d.quote).toBe(true);
      expect(new Set(items.map((d) => d.key)).size).toBe(items.length);
    }
  });
});

describe('the drafted targets of the shipped plan', () => {
  const dir = 'plans/nmg-keji-2015';
  const drafted = draftTargets(parsePlan(readFileSync(`${dir}/plan.txt`, 'utf8'), 'nmg-keji-2015'));
  const targets = catalogueTargets(readFileSync(`${dir}/catalogue.yaml`, 'utf8'), parseYaml);

  it('find at least 85% of the hand-written catalogue’s targets and milestones', () => {
    const missed = targets.filter((t) => !findsCatalogueTarget(drafted, t));
    const recall = pct(targets.length - missed.length, targets.length);
    console.log(`shipped plan: recall ${targets.length - missed.length}/${targets.length} (${recall.toFixed(1)}%)`);
    expect(recall, missed.map((t) => t.quotes[0]).join('\n')).toBeGreaterThanOrEqual(85);
  });
});
