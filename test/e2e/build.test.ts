import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The compiled app, as `npm run build` makes it, runs without tsx. The build goes to a directory of its own inside
 * the package (node_modules/.cache), so the test neither touches dist/ nor loses the package's node_modules.
 */
const outDir = join('node_modules', '.cache', `planbot-build-test-${process.pid}`);
const tmp = mkdtempSync(join(tmpdir(), 'planbot-build-'));
const bareEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmp, PLANBOT_DATA_DIR: join(tmp, 'data') };

beforeAll(() => {
  const tsc = spawnSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir],
    { encoding: 'utf8', timeout: 180_000 },
  );
  expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
}, 200_000);
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs the compiled command from another directory, so nothing is found relative to the working directory. */
function built(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--enable-source-maps', join(process.cwd(), outDir, 'src', 'cli.js'), ...args], {
    cwd: tmp,
    env: { ...bareEnv, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

describe('the build', () => {
  it('compiles every source file to JavaScript with a source map beside it', () => {
    for (const file of ['src/main.js', 'src/cli.js', 'db/client.js']) {
      expect(existsSync(join(outDir, file)), file).toBe(true);
      expect(existsSync(join(outDir, `${file}.map`)), `${file}.map`).toBe(true);
    }
  });

  it('answers `ask` from the shipped plan, started outside the package', () => {
    const out = built(['ask', '--offline', '--json', '到2017年,全区国家质检中心要达到多少家?']);
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ grounded: true, mode: 'extractive' });
  });

  it('runs a sandbox script on a migrated database: a DM gets its reply', () => {
    const script = join(tmp, 'dm.jsonl');
    writeFileSync(script, '{"as":"U_JLY_1","dm":"学科带头人分为几个等级?"}\n');
    const out = built(['sandbox', '--memory', '--script', script]);
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.call === 'chat.postMessage')).toBe(true);
  });
});
