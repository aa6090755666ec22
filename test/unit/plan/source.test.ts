import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlanbotError } from '../../../src/errors.js';
import { resolvePlanSource, slugFromFileName } from '../../../src/plan/source.js';

const dir = mkdtempSync(join(tmpdir(), 'planbot-source-'));
const page = `<html><body><nav>首页</nav><h1>某县全民健身实施计划</h1><p>为推动全民健身，制定本计划。</p>
<h2>一、发展目标</h2><p>到2025年，建成健身步道120公里。</p></body></html>`;
const htmlFile = join(dir, 'Fitness Plan.html');
writeFileSync(htmlFile, page);

describe('resolvePlanSource (planbot ask --plan)', () => {
  it('reads a plan folder through its plan.txt', async () => {
    const plan = await resolvePlanSource('plans/nmg-keji-2015');
    expect(plan.slug).toBe('nmg-keji-2015');
    expect(plan.sections.some((s) => s.label === '二、(一)2 计量')).toBe(true);
  });

  it('reads a plan file of any supported format, the slug from its name', async () => {
    const plan = await resolvePlanSource(htmlFile);
    expect(plan.slug).toBe(slugFromFileName(htmlFile));
    expect(plan.slug).toBe('fitness-plan');
    expect(plan.title).toBe('某县全民健身实施计划');
    expect(plan.passages.find((p) => p.text.includes('120公里'))?.section).toBe('一、发展目标');
  });

  it('when the path is neither a file nor a folder, it says what to give', async () => {
    const error = await resolvePlanSource(join(dir, 'missing')).catch((e: unknown) => e);
    expect(isPlanbotError(error) && error.userMessage.zh).toContain('找不到计划');
  });

  it('planbot ask --plan FILE answers from the file alone: no database, catalogue or workspace', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'ask', '--plan', htmlFile, '--json', '--offline', '健身步道要建多少公里？'],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, PLANBOT_PLAN: join(dir, 'no-plan'), PLANBOT_WORKSPACE: join(dir, 'no.yaml') },
      },
    );
    const answer = JSON.parse(out) as { grounded: boolean; citations: { section: string; quote: string }[] };
    expect(answer.grounded).toBe(true);
    expect(answer.citations[0]?.section).toBe('一、发展目标');
  }, 60_000);
});
