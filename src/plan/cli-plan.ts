import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client.js';
import { settings } from '../../db/schema.js';
import { createPlanRegistry, databaseTarget } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { isPlanbotError, PlanbotError } from '../errors.js';
import { createLogger, redact } from '../logger.js';
import { CADENCES, type Cadence } from '../progress/periods.js';
import { importPlan } from './import.js';
import { targetText } from './imported.js';
import { parsePlanSettings } from './plan-settings.js';
import { readDocumentFile } from './read/index.js';
import { type PlanEntry, type PlanRegistry, planStatus } from './registry.js';
import { setIndicatorStatus, setPlanSettings } from './store.js';

/** `planbot plan add|list|show|approve|reject` (CONTRACT §8). */

export const PLAN_HELP = `Usage: planbot plan add FILE [--slug SLUG] [--title TITLE] [--cadence C]
       planbot plan list [--json]
       planbot plan show SLUG [--json]
       planbot plan approve SLUG (--all | KEY...)
       planbot plan reject SLUG (--all | KEY...)
       planbot plan rules SLUG [FILE]

  add      import a plan document (.txt, .docx, .pdf, .html): its text, sections and drafted targets, stored in
           DATABASE_URL or ./data; prints {"slug","title","sections","indicators"}
           --cadence monthly | quarterly | half-yearly (default) | yearly: how often units report on it
  list     the deployment's plans: the shipped one and every imported one
  show     a plan's span, cadence and indicators with their review status
  approve  approve drafted indicators: only approved ones take updates
  reject   reject drafted indicators
  rules    set an imported plan's report topics and rules from a YAML FILE (report_topics:, rules: — the same
           fields and checks as a catalogue.yaml; every quote verbatim in the plan); without FILE, print them`;

/** Who did it, in the audit log, when it is done from the command line. */
const OPERATOR = 'cli';

export async function runPlanCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
  } catch (error) {
    return usage((error as Error).message);
  }
  if (parsed.values.help || !sub || sub === 'help') return print(PLAN_HELP, sub ? 0 : 2);
  const config = loadConfig();
  const logger = createLogger({
    level: config.logLevel === 'info' ? 'warn' : config.logLevel,
    secrets: config.secrets,
  });
  try {
    const database = await openDatabase(databaseTarget(config));
    try {
      const [tz] = await database.db.select().from(settings).where(eq(settings.key, 'timezone')).limit(1);
      const timezone = typeof tz?.value === 'string' ? tz.value : undefined;
      const registry = createPlanRegistry(config, logger, database.db, {
        offline: true,
        ...(timezone ? { timezone } : {}),
      });
      await registry.refresh(true);
      const { values, positionals } = parsed;
      switch (sub) {
        case 'add': {
          const [file] = positionals;
          if (!file || positionals.length > 1) return usage('plan add takes one FILE');
          const cadence = values.cadence;
          if (cadence !== undefined && !(CADENCES as readonly string[]).includes(cadence)) {
            return usage(`--cadence must be one of ${CADENCES.join(', ')}`);
          }
          const result = await importPlan(database.db, {
            document: await readDocumentFile(file),
            fileName: basename(file),
            ...(values.slug ? { slug: values.slug } : {}),
            ...(values.title ? { title: values.title } : {}),
            ...(cadence ? { cadence: cadence as Cadence } : {}),
            by: OPERATOR,
            now: new Date(),
            timezone: timezone ?? registry.shipped.catalogue.periods.timezone,
            reserved: [registry.shipped.slug],
          });
          return print(JSON.stringify(result));
        }
        case 'list':
          return print(listText(registry, Boolean(values.json)));
        case 'show': {
          const entry = found(registry, positionals[0]);
          return print(values.json ? JSON.stringify(showJson(entry)) : showText(entry));
        }
        case 'approve':
        case 'reject': {
          const [slug, ...keys] = positionals;
          const entry = found(registry, slug);
          if (entry.builtIn) return usage(`${entry.slug} is the shipped plan: its catalogue is approved as shipped`);
          if (!values.all && !keys.length) return usage(`plan ${sub} needs --all or the indicators' keys`);
          const status = sub === 'approve' ? 'approved' : 'rejected';
          const changed = await setIndicatorStatus(
            database.db,
            entry.slug,
            values.all ? 'all' : keys,
            status,
            OPERATOR,
            new Date(),
          );
          return print(`${changed} indicator${changed === 1 ? '' : 's'} of ${entry.slug} ${status}`);
        }
        case 'rules': {
          const [slug, file, ...extra] = positionals;
          const entry = found(registry, slug);
          if (extra.length) return usage('plan rules takes SLUG and at most one FILE');
          if (!file) {
            const { report_topics, rules } = entry.catalogue;
            return print(JSON.stringify({ report_topics, rules }, null, values.json ? 0 : 2));
          }
          if (entry.builtIn) return usage(`${entry.slug} is the shipped plan: its rules are in its catalogue.yaml`);
          const settings = parsePlanSettings(readFileSync(file, 'utf8'), {
            planText: entry.plan.text,
            indicatorKeys: entry.indicators.map((i) => i.key),
            source: basename(file),
          });
          await setPlanSettings(database.db, entry.slug, settings, OPERATOR, new Date());
          return print(
            `rules of ${entry.slug} saved: ${settings.report_topics.length} report topic(s), scoring ${settings.rules.scoring.enabled ? 'on' : 'off'}, card ${settings.rules.yellow_card.enabled ? 'on' : 'off'}`,
          );
        }
        default:
          return usage(`unknown plan command "${sub}"`);
      }
    } finally {
      await database.close();
    }
  } catch (error) {
    const reason = isPlanbotError(error) ? error.message : ((error as Error).message ?? String(error));
    process.stderr.write(`planbot plan: ${redact(reason).split('\n')[0]}\n`);
    return 1;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      title: { type: 'string' },
      cadence: { type: 'string' },
      json: { type: 'boolean' },
      all: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function found(registry: PlanRegistry, slug: string | undefined): PlanEntry {
  const entry = slug ? registry.get(slug) : undefined;
  if (!entry) throw new PlanbotError('not_found', `no plan "${slug ?? ''}"; see planbot plan list`);
  return entry;
}

function listText(registry: PlanRegistry, json: boolean): string {
  const rows = registry.all().map((e) => ({
    slug: e.slug,
    title: e.title,
    status: planStatus(e),
    sections: e.sections,
    indicators: e.indicators.length,
  }));
  if (json) return JSON.stringify(rows);
  return rows.map((r) => `${r.slug}\t${r.status}\t${r.indicators} indicators\t${r.title}`).join('\n');
}

export function showJson(entry: PlanEntry) {
  const { first, last } = entry.catalogue.periods;
  return {
    slug: entry.slug,
    title: entry.title,
    span: { from: first, to: last },
    cadence: entry.cadence,
    indicators: entry.indicators.map(({ targetMax: _, ...contract }) => contract),
  };
}

function showText(entry: PlanEntry): string {
  const { first, last } = entry.catalogue.periods;
  const lines = [`${entry.title} (${entry.slug}), ${entry.cadence}, ${first}–${last}`];
  for (const i of entry.indicators) {
    const figure = targetText(i) ?? 'milestone';
    lines.push(`  [${i.status}] ${i.key} ${i.name}: ${figure}${i.deadline ? ` by ${i.deadline}` : ''}`);
    lines.push(`      ${i.section}:「${i.quote}」`);
  }
  return lines.join('\n');
}

function print(text: string, code = 0): number {
  process.stdout.write(`${text}\n`);
  return code;
}

function usage(problem: string): number {
  process.stderr.write(`planbot plan: ${problem}\n${PLAN_HELP}\n`);
  return 2;
}
