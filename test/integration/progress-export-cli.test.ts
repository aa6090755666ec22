import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '../../db/client.js';
import { ManualClock } from '../../src/clock.js';
import { runExportCommand } from '../../src/export/cli-export.js';
import { silentLogger } from '../../src/logger.js';
import { loadCatalogue } from '../../src/plan/catalogue.js';
import {
  type ExportRow,
  exportRows,
  type ProgressDeps,
  recordUpdate,
  resolveActor,
  toCsv,
  withdrawUpdate,
} from '../../src/progress/use-cases.js';
import { loadWorkspace } from '../../src/workspace/file.js';
import { syncWorkspace } from '../../src/workspace/sync.js';
import { openFreshPostgres } from '../fakes/db.js';
import { readXlsx } from '../fakes/xlsx.js';

/** The CLI opens the database the app uses, from the environment: a PGlite directory, or DATABASE_URL. */
interface CliTarget {
  name: string;
  /** Seeds through `seed`, then leaves the database for the CLI; returns the environment that points at it. */
  prepare(seed: (db: Database) => Promise<void>): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>;
}

const targets: CliTarget[] = [
  {
    name: 'pglite',
    async prepare(seed) {
      const dir = mkdtempSync(join(tmpdir(), 'planbot-export-'));
      const database = await openDatabase({ kind: 'pglite', dataDir: dir });
      await seed(database).finally(() => database.close());
      return { env: { PLANBOT_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  targets.push({
    name: 'postgres',
    async prepare(seed) {
      const database = await openFreshPostgres(serverUrl);
      await seed(database);
      return { env: { DATABASE_URL: database.url }, cleanup: () => database.close() };
    },
  });
}

const catalogue = loadCatalogue('plans/nmg-keji-2015');
const at = (local: string) => new Date(`${local}+08:00`);

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await runExportCommand(args), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe.each(targets)('planbot export on $name', (target) => {
  let expected: ExportRow[] = [];
  let cleanup: () => Promise<void> = async () => {};
  const saved = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), 'planbot-export-out-'));

  beforeAll(async () => {
    const prepared = await target.prepare(async (database) => {
      await syncWorkspace(database.db, loadWorkspace('workspaces/demo.yaml'), at('2016-01-04T09:00:00'));
      const clock = new ManualClock(at('2016-06-20T09:00:00'));
      const deps: ProgressDeps = { db: database.db, clock, logger: silentLogger, catalogue, timezone: 'Asia/Shanghai' };
      const member = await resolveActor(database.db, 'U_JLY_1');
      await recordUpdate(deps, member, {
        unitId: 'jly',
        indicatorKey: 'doctorates',
        period: '2016H1',
        value: 2,
        note: '博士, "两名"',
      });
      clock.advance(60_000);
      const wrong = await recordUpdate(deps, member, {
        unitId: 'jly',
        indicatorKey: 'masters',
        period: '2016H1',
        value: 40,
      });
      if (wrong.ok) await withdrawUpdate(deps, await resolveActor(database.db, 'U_JLY_LEAD'), wrong.update.id, '填错');
      await recordUpdate(deps, await resolveActor(database.db, 'U_SHY_1'), {
        unitId: 'shy',
        indicatorKey: 'rd_spending_share',
        period: '2016H1',
        value: 5.5,
      });
      await recordUpdate(deps, member, { unitId: 'jly', indicatorKey: 'doctorates', period: '2015H2', value: 1 });
      expected = await exportRows(deps, await resolveActor(database.db, 'U_ADMIN'), '2016H1');
    });
    cleanup = prepared.cleanup;
    delete process.env.DATABASE_URL;
    delete process.env.PLANBOT_DATA_DIR;
    Object.assign(process.env, prepared.env, { LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    process.env = saved;
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the period’s current updates as CSV to standard output', async () => {
    const { code, out } = await run(['--period', '2016H1']);
    expect(code).toBe(0);
    expect(expected.map((r) => [r.unit_id, r.indicator_key, r.value])).toEqual([
      ['jly', 'doctorates', 2],
      ['shy', 'rd_spending_share', 5.5],
    ]);
    expect(out).toBe(toCsv(expected));
    expect(out.split('\r\n')[1]).toBe(
      '2016H1,jly,内蒙古自治区计量测试研究院,doctorates,培养和引进博士,2,人,"博士, ""两名""",U_JLY_1,2016-06-20T09:00:00+08:00',
    );
  });

  it('writes an .xlsx file with --out, and a CSV file when asked for csv', async () => {
    const xlsx = join(dir, '2016H1.xlsx');
    const done = await run(['--period', '2016H1', '--out', xlsx]);
    expect(done).toMatchObject({ code: 0, err: expect.stringContaining('2 rows of 2016H1') });
    const book = await readXlsx(readFileSync(xlsx));
    expect(book.name).toBe('2016H1');
    expect(book.rows.slice(1).map((r) => [r[1], r[3], r[5]])).toEqual(
      expected.map((r) => [r.unit_id, r.indicator_key, r.value]),
    );
    const csv = join(dir, 'out.csv');
    expect((await run(['--period', '2016H1', '--format', 'csv', '--out', csv])).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe(toCsv(expected));
  });

  it('a period of the plan with no updates exports just the header and says so', async () => {
    const { code, out, err } = await run(['--period', '2017H1']);
    expect(code).toBe(0);
    expect(out).toBe(toCsv([]));
    expect(err).toContain('no updates recorded for 2017H1');
  });

  it('a period outside the plan is refused with exit 1 and nothing written', async () => {
    const { code, out, err } = await run(['--period', '2019H1']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/2019H1 is outside the plan \(\d{4}H[12] to \d{4}H[12]\)/);
  });

  it('with --lang zh, writes Chinese headers and people’s names', async () => {
    const { code, out } = await run(['--period', '2016H1', '--lang', 'zh']);
    expect(code).toBe(0);
    const lines = out.slice(1).split('\r\n');
    expect(lines[0]?.split(',')[8]).toBe('填报人');
    expect(lines[1]).not.toContain('U_JLY_1');
  });

  it.each([
    [[], '--period is required'],
    [['--period', 'soon'], 'is not a period'],
    [['--period', '2016H1', '--format', 'pdf'], '--format must be csv or xlsx'],
    [['--period', '2016H1', '--format', 'xlsx'], 'xlsx needs --out'],
    [['--period', '2016H1', '--bogus'], 'Unknown option'],
  ])('with %j, prints the usage and exits 2', async (args, problem) => {
    const { code, err, out } = await run(args);
    expect(code).toBe(2);
    expect(err).toContain(problem);
    expect(err).toContain('Usage: planbot export');
    expect(out).toBe('');
  });
});
