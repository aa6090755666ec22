import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { draftedCount, OTHER_PLAN_TEXT } from '../integration/plans-support.js';
import { makeDocx } from '../unit/plan/read/make-documents.js';

const tmp = mkdtempSync(join(tmpdir(), 'planbot-plan-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh machine's environment with its own PGlite directory: every command sees what the previous one stored. */
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmp, PLANBOT_DATA_DIR: join(tmp, 'data') };

function planbot(args: string[], command = 'plan') {
  return spawnSync(process.execPath, ['bin/planbot.mjs', command, ...args], {
    env,
    encoding: 'utf8',
    timeout: 240_000,
  });
}

describe('planbot plan (CONTRACT §8)', () => {
  it('adds a .docx plan, refuses bad files with one line, shows and approves its draft', {
    timeout: 900_000,
  }, async () => {
    const docx = join(tmp, 'zhihui-nongye.docx');
    writeFileSync(docx, await makeDocx(OTHER_PLAN_TEXT.trim().split('\n')));
    const added = planbot(['add', docx]);
    expect(added.status, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toEqual({
      slug: 'zhihui-nongye',
      title: '某市推进智慧农业发展三年行动方案',
      sections: 4,
      indicators: draftedCount(OTHER_PLAN_TEXT),
    });

    const empty = join(tmp, 'empty.pdf');
    writeFileSync(empty, '');
    const refused = planbot(['add', empty, '--slug', 'empty']);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([expect.stringContaining('empty.pdf')]);

    const shown = planbot(['show', 'zhihui-nongye', '--json']);
    expect(shown.status, shown.stderr).toBe(0);
    const plan = JSON.parse(shown.stdout);
    expect(Object.keys(plan).sort()).toEqual(['cadence', 'indicators', 'slug', 'span', 'title']);
    expect(plan.span).toEqual({ from: expect.stringMatching(/^\d{4}H1$/), to: '2025H2' });
    expect(Object.keys(plan.indicators[0]).sort()).toEqual(
      ['comparator', 'deadline', 'key', 'lead', 'measure', 'name', 'quote', 'section', 'status', 'target'].sort(),
    );
    expect(plan.indicators.every((i: { status: string }) => i.status === 'draft')).toBe(true);

    // `ask --plan SLUG` answers from the imported plan, read back from the same database.
    const asked = planbot(['--plan', 'zhihui-nongye', '--json', '--offline', '高标准农田要新建多少亩？'], 'ask');
    expect(asked.status, asked.stderr).toBe(0);
    const answer = JSON.parse(asked.stdout);
    expect(answer.grounded).toBe(true);
    expect(answer.citations[0]).toEqual({ section: '二、(一) 基础设施', quote: expect.stringContaining('12万亩') });
    const unknown = planbot(['--plan', 'no-such-plan', '--json', '--offline', '目标是什么？'], 'ask');
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('planbot plan list');

    // Report topics and rules for the imported plan, from a YAML file; a bad one is refused and changes nothing.
    const rulesFile = join(tmp, 'rules.yaml');
    writeFileSync(
      rulesFile,
      'report_topics:\n  - { key: fields, label: 农田建设, label_en: Farmland, max_length: 1000, section: 二、(一) 基础设施, quote: 新建高标准农田不少于12万亩 }\nrules:\n  words: { region: 全市, issuer: 市农业农村局 }\n',
    );
    const badRules = join(tmp, 'bad-rules.yaml');
    writeFileSync(
      badRules,
      'rules:\n  words: { region: 全市 }\n  yellow_card: { enabled: true, quote: 排名后三名亮黄牌 }\n',
    );
    const refusedRules = planbot(['rules', 'zhihui-nongye', badRules]);
    expect(refusedRules.status).toBe(1);
    expect(refusedRules.stderr.trim().split('\n')).toEqual([expect.stringContaining('排名后三名亮黄牌')]);
    const setRules = planbot(['rules', 'zhihui-nongye', rulesFile]);
    expect(setRules.status, setRules.stderr).toBe(0);
    const shownRules = JSON.parse(planbot(['rules', 'zhihui-nongye', '--json']).stdout);
    expect(shownRules.report_topics.map((t: { key: string }) => t.key)).toEqual(['fields']);
    expect(shownRules.rules.words).toMatchObject({ region: '全市', issuer: '市农业农村局' });

    const approved = planbot(['approve', 'zhihui-nongye', '--all']);
    expect(approved.status, approved.stderr).toBe(0);
    const listed = planbot(['list', '--json']);
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ slug: 'nmg-keji-2015', status: 'approved' }),
      {
        slug: 'zhihui-nongye',
        title: '某市推进智慧农业发展三年行动方案',
        status: 'approved',
        sections: 4,
        indicators: draftedCount(OTHER_PLAN_TEXT),
      },
    ]);
  });
});
