import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlanbotError } from '../../src/errors.js';
import { parseCatalogue } from '../../src/plan/catalogue.js';
import { ScriptAction } from '../../src/sandbox/actions.js';
import { runScript } from '../../src/sandbox/script.js';
import type { SandboxSession } from '../../src/sandbox/session.js';
import { parseWorkspace } from '../../src/workspace/file.js';

/**
 * The files an operator edits by hand, mutated every way a slip of the keyboard can: each either loads, or fails
 * with the project's own error and a one-line message that names the place. Never another exception.
 */
const RUNS = { workspace: 3500, catalogue: 450, scriptActions: 3000, scriptLines: 600 };

const WORKSPACE = readFileSync('workspaces/demo.yaml', 'utf8');
const CATALOGUE = readFileSync('plans/nmg-keji-2015/catalogue.yaml', 'utf8');
const PLAN = readFileSync('plans/nmg-keji-2015/plan.txt', 'utf8');

/** Characters that mean something to YAML, plus some that mean something to people. */
const nasty = fc.constantFrom(
  ...':-[]{},#&*!|>\'"%@`?\n\t \\',
  '\u0000',
  '\u200b',
  '\ufeff',
  '全',
  '😀',
  'null',
  '~',
  '- ',
  ': ',
  '<<: *a',
  '&a ',
  '!!binary ',
  '0x1F',
  '1e309',
  '.nan',
  'yes',
);

type Mutation =
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'swap-lines'; at: number; with: number }
  | { op: 'indent'; at: number; by: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replace-char'; at: number; text: string }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(nasty, fc.string({ maxLength: 8 })) }),
  fc.record({
    op: fc.constant('replace-char' as const),
    at: fc.nat(),
    text: fc.oneof(nasty, fc.string({ unit: 'binary', minLength: 1, maxLength: 2 })),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const lines = out.split('\n');
    const i = m.at % Math.max(1, lines.length);
    const pos = m.at % Math.max(1, out.length);
    switch (m.op) {
      case 'delete-line':
        lines.splice(i, 1);
        out = lines.join('\n');
        break;
      case 'duplicate-line':
        lines.splice(i, 0, lines[i] ?? '');
        out = lines.join('\n');
        break;
      case 'swap-lines': {
        const j = m.with % Math.max(1, lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        out = lines.join('\n');
        break;
      }
      case 'indent':
        lines[i] = m.by >= 0 ? ' '.repeat(m.by) + (lines[i] ?? '') : (lines[i] ?? '').slice(-m.by);
        out = lines.join('\n');
        break;
      case 'insert':
        out = out.slice(0, pos) + m.text + out.slice(pos);
        break;
      case 'replace-char':
        out = out.slice(0, pos) + m.text + out.slice(pos + 1);
        break;
      case 'truncate':
        out = out.slice(0, pos);
        break;
    }
  }
  return out;
}

/** Loads, or throws a PlanbotError of `code` whose message is one non-empty line. */
function loadsOrExplains(load: () => unknown, code: string): 'loaded' | 'refused' {
  try {
    load();
    return 'loaded';
  } catch (error) {
    if (!isPlanbotError(error))
      throw new Error(
        `not a PlanbotError: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      );
    expect(error.code).toBe(code);
    expect(error.message.trim().length).toBeGreaterThan(0);
    expect(error.message, 'one line').not.toMatch(/[\r\n]/);
    return 'refused';
  }
}

describe('when the workspace file is mangled', () => {
  it('it loads or is refused with one clear line naming the place, never another exception', () => {
    const seen = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        seen[loadsOrExplains(() => parseWorkspace(mutate(WORKSPACE, mutations), 'demo.yaml'), 'workspace_invalid')]++;
      }),
      { numRuns: RUNS.workspace },
    );
    // Both outcomes happen: the mutations are neither all harmless nor all fatal.
    expect(seen.loaded).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('arbitrary text, not YAML at all, is refused the same way', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        loadsOrExplains(() => parseWorkspace(text), 'workspace_invalid');
      }),
      { numRuns: 500 },
    );
  });
});

describe('when the plan catalogue is mangled', () => {
  it('it loads or is refused with one clear line, never another exception', () => {
    const seen = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        seen[loadsOrExplains(() => parseCatalogue(mutate(CATALOGUE, mutations), { planText: PLAN }), 'plan_invalid')]++;
      }),
      { numRuns: RUNS.catalogue },
    );
    expect(seen.loaded).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});

const validActions = [
  { as: 'U_JLY_1', dm: '科技投入不低于多少?' },
  { as: 'U_JLY_1', channel: 'C_JLY', mention: '硕士要引进多少人?' },
  { as: 'U_JLY_1', channel: 'C_JLY', thread: 'last', text: '还有呢?' },
  { as: 'U_JLY_1', channel: 'C_JLY', command: '/plan', text: 'help' },
  { as: 'U_JLY_1', submit: { 科技制度落实: '已落实' } },
  { as: 'U_JLY_1', click: '有帮助' },
  { clock: '2016-06-20T09:00:00+08:00' },
  { redeliver: true },
];

/** A valid action with one field dropped, retyped or added. */
const nearlyValid = fc
  .tuple(
    fc.constantFrom(...validActions),
    fc.nat(),
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('drop', 'retype', 'add'),
  )
  .map(([action, k, value, how]) => {
    const copy: Record<string, unknown> = { ...action };
    const keys = Object.keys(copy);
    const key = keys[k % keys.length] as string;
    if (how === 'drop') delete copy[key];
    else if (how === 'retype') copy[key] = value;
    else copy[`x${k % 5}`] = value;
    return copy;
  });

describe('when a sandbox script holds anything at all', () => {
  it('ScriptAction accepts or rejects every value without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(nearlyValid, fc.jsonValue({ maxDepth: 3 }), fc.object()), (value) => {
        const parsed = ScriptAction.safeParse(value);
        if (!parsed.success) expect(parsed.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS.scriptActions },
    );
  });

  it('each bad line of a script is reported as one error and the script goes on', async () => {
    // Only lines that fail to parse are generated, so no action reaches the (absent) session.
    const session = {} as SandboxSession;
    const badLine = fc.oneof(
      fc.string({ maxLength: 60 }).filter((s) => s.trim() !== '' && !s.trim().startsWith('//') && !parsesAsAction(s)),
      nearlyValid.map((a) => JSON.stringify(a)).filter((s) => !parsesAsAction(s)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(badLine, { minLength: 1, maxLength: 5 }), async (lines) => {
        const printed: Array<Record<string, unknown>> = [];
        const errors = await runScript(session, lines.join('\n'), (l) => printed.push(l));
        const realLines = lines
          .flatMap((l) => l.split('\n'))
          .filter((l) => l.trim() && !l.trim().startsWith('//') && !parsesAsAction(l));
        expect(errors).toBe(realLines.length);
        for (const line of printed) expect(String(line.error)).toMatch(/^line \d+: /);
      }),
      { numRuns: RUNS.scriptLines },
    );
  });
});

function parsesAsAction(line: string): boolean {
  try {
    return ScriptAction.safeParse(JSON.parse(line)).success;
  } catch {
    return false;
  }
}
