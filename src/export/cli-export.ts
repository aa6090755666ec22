import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client.js';
import { settings } from '../../db/schema.js';
import { databaseTarget } from '../bootstrap.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { isPlanbotError } from '../errors.js';
import { createLogger, redact } from '../logger.js';
import { loadCatalogue } from '../plan/catalogue.js';
import type { ProgressDeps } from '../progress/deps.js';
import { parsePeriod } from '../progress/periods.js';
import type { Actor } from '../progress/types.js';
import { personNames } from '../progress/units.js';
import { buildPeriodReportPoints } from '../schedule/circular-points.js';
import { toCsv } from './csv.js';
import { reportPointsSheets } from './points-sheets.js';
import { exportRows, whyEmpty } from './rows.js';
import { toXlsx } from './xlsx.js';

export const EXPORT_HELP = `Usage: planbot export --period 2016H1 [--format csv|xlsx] [--out FILE] [--lang zh]

  --period P   the half-year to export: 2016H1 (上半年) or 2016H2 (下半年)
  --format F   csv (default, or xlsx when FILE ends in .xlsx) or xlsx
  --out FILE   write to FILE; without it, csv goes to standard output (xlsx needs --out)
  --lang zh    Chinese column headers and people's names instead of their Slack ids

Writes the period's current (not withdrawn) updates of every unit from the database the app uses
(DATABASE_URL, or the PGlite directory ./data), with the columns
period, unit_id, unit, indicator_key, indicator, value, measure, note, submitted_by, submitted_at. CSV files start with a UTF-8 byte-order mark.
A period outside the plan is refused (exit 1); a period with no updates yet is said on standard error.`;

/** The bureau's operator runs the CLI: it exports every unit, as an admin would. */
const OPERATOR: Actor = { userId: 'cli', isAdmin: true, units: [] };

/** `planbot export`: 0 on success, 2 on a usage error, 1 when the export fails. */
export async function runExportCommand(args: string[]): Promise<number> {
  let values: { period?: string; format?: string; out?: string; lang?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        period: { type: 'string', short: 'p' },
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${EXPORT_HELP}\n`);
    return 0;
  }
  if (!values.period) return usage('--period is required');
  const period = parsePeriod(values.period);
  if (!period) return usage(`"${values.period}" is not a period; write it as 2016H1 or 2016H2`);
  const format = values.format ?? (values.out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
  if (format !== 'csv' && format !== 'xlsx') return usage(`--format must be csv or xlsx, not "${format}"`);
  if (format === 'xlsx' && !values.out) return usage('xlsx needs --out FILE (it is a binary file)');
  if (values.lang !== undefined && values.lang !== 'zh') return usage(`--lang takes zh, not "${values.lang}"`);

  try {
    const config = loadConfig();
    const logger = createLogger({
      level: config.logLevel === 'info' ? 'warn' : config.logLevel,
      secrets: config.secrets,
    });
    const catalogue = loadCatalogue(resolve(config.planDir));
    const database = await openDatabase(databaseTarget(config));
    try {
      const [tz] = await database.db.select().from(settings).where(eq(settings.key, 'timezone')).limit(1);
      const timezone = typeof tz?.value === 'string' ? tz.value : catalogue.periods.timezone;
      const deps: ProgressDeps = { db: database.db, clock: systemClock, logger, catalogue, timezone };
      const rows = await exportRows(deps, OPERATOR, period);
      const empty = whyEmpty(catalogue.periods, period, rows.length);
      if (empty?.kind === 'outside') {
        process.stderr.write(
          `planbot export: ${period} is outside the plan (${empty.first} to ${empty.last}); nothing exported\n`,
        );
        return 1;
      }
      if (empty)
        process.stderr.write(`planbot export: no updates recorded for ${period} yet; only the header written\n`);
      const options = values.lang
        ? {
            lang: 'zh' as const,
            names: await personNames(
              database.db,
              rows.map((r) => r.submitted_by),
            ),
          }
        : {};
      if (format === 'xlsx' && values.out) {
        // The circular's report points, a sheet per topic (offline: an export never waits on a model).
        const points = await buildPeriodReportPoints({ db: database.db, catalogue, logger }, period, null);
        writeFileSync(
          values.out,
          await toXlsx(rows, { ...options, sheet: period, sheets: reportPointsSheets(points) }),
        );
      } else if (values.out) {
        writeFileSync(values.out, toCsv(rows, options), 'utf8');
      } else {
        process.stdout.write(toCsv(rows, options));
      }
      if (values.out) process.stderr.write(`${rows.length} rows of ${period} written to ${values.out}\n`);
      return 0;
    } finally {
      await database.close();
    }
  } catch (error) {
    const reason = isPlanbotError(error) ? error.message : ((error as Error).message ?? String(error));
    process.stderr.write(`planbot export: ${redact(reason)}\n`);
    return 1;
  }
}

function usage(problem: string): number {
  process.stderr.write(`planbot export: ${problem}\n${EXPORT_HELP}\n`);
  return 2;
}
