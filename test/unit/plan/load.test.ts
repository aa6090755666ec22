import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlanbotError } from '../../../src/errors.js';
import { loadPlan } from '../../../src/plan/load.js';

describe('loadPlan', () => {
  it('takes the slug from the folder name', () => {
    const plan = loadPlan('plans/nmg-keji-2015');
    expect(plan.slug).toBe('nmg-keji-2015');
    expect(plan.sections.length).toBeGreaterThan(30);
  });

  it('when plan.txt is missing, it fails with plan_invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'planbot-plan-'));
    let error: unknown;
    try {
      loadPlan(dir);
    } catch (e) {
      error = e;
    }
    expect(isPlanbotError(error) && error.code).toBe('plan_invalid');
  });

  it('when the text has no numbered sections, it fails with plan_invalid', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'planbot-plan-')), 'empty-plan');
    mkdirSync(dir);
    writeFileSync(join(dir, 'plan.txt'), '只有一行文字\n');
    expect(() => loadPlan(dir)).toThrow(/no numbered sections/);
  });
});
