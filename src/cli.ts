import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Answer } from './answer/types.js';
import { buildAnswerer, databaseTarget } from './bootstrap.js';
import { loadConfig } from './config.js';
import { isPlanbotError } from './errors.js';
import { runExportCommand } from './export/cli-export.js';
import { createLogger, redact } from './logger.js';
import { DB_HELP, runDbCommand } from './ops/cli-db.js';
import { runPlanCommand } from './plan/cli-plan.js';
import { resolvePlanSource } from './plan/source.js';
import { runSandbox } from './sandbox/run.js';
import { runJobCommand } from './schedule/cli-job.js';
import { runPeopleCommand } from './workspace/cli-people.js';

const HELP: Record<string, string> = {
  main: `planbot — the plan's Slack bot

Usage: planbot <command> [options]

Commands:
  ask         answer a question about the plan from its text
  sandbox     run the bot against a local, fake Slack workspace (interactive or scripted)
  db          migrate, copy to PostgreSQL, back up or restore the database
  job run     run or preview a scheduled job: reminders or the half-year circular
  people import  add people from a CSV file (name, email or Slack id, unit, role) to the workspace file
  export      write a period's progress updates as CSV or XLSX
  plan        import a plan document, list, show, approve or reject its drafted targets
Run "planbot <command> --help" for a command's options.`,
  ask: `Usage: planbot ask "<question>" [--json] [--offline] [--plan PATH|SLUG]
       planbot ask --batch FILE [--json] [--offline] [--plan PATH|SLUG]

  --json      print {"answer","grounded","mode","citations"} (one object a line with --batch, plus "id")
  --offline   extractive answers only, even when OPENAI_API_KEY is set
  --batch F   answer every line of F, a JSON object with "id" and "q", in order
  --plan P    answer from this plan alone: a .txt, .docx, .pdf or .html file, or a plan folder (its plan.txt),
              which needs no database, catalogue or workspace; or the slug of the shipped plan or of a plan
              imported with "planbot plan add" (read from DATABASE_URL or ./data) (default: PLANBOT_PLAN or the
              shipped plan)`,
  sandbox: `Usage: planbot sandbox [--workspace FILE] [--script FILE] [--memory]

  --workspace F  the workspace file (default: PLANBOT_WORKSPACE or workspaces/demo.yaml)
  --script F     run the JSON actions of F (one a line) and print JSONL; without it, an interactive prompt
  --memory       use a throw-away in-memory database instead of ./data or DATABASE_URL`,
  db: DB_HELP,
};

const contractShape = (a: Answer) => ({ answer: a.answer, grounded: a.grounded, mode: a.mode, citations: a.citations });

function humanAnswer(a: Answer): string {
  const lines = [a.answer];
  if (a.citations.length) lines.push('', a.lang === 'en' ? 'Sources:' : '依据:');
  for (const c of a.citations) lines.push(`  ${c.section}:「${c.quote}」`);
  if (a.note) lines.push('', a.note);
  return lines.join('\n');
}

async function ask(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      offline: { type: 'boolean' },
      batch: { type: 'string' },
      plan: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return print(HELP.ask);
  const config = loadConfig();
  const plan = values.plan
    ? await resolvePlanSource(values.plan, { shippedDir: config.planDir, database: databaseTarget(config) })
    : undefined;
  const logger = createLogger({
    level: config.logLevel === 'info' ? 'warn' : config.logLevel,
    secrets: config.secrets,
  });
  const { answerer } = buildAnswerer(config, logger, { offline: values.offline, plan });
  if (values.batch) {
    // One output line for every input line, in order, so outputs line up with inputs even when a line is bad.
    const lines = readFileSync(values.batch, 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    for (const [i, line] of lines.entries()) {
      let item: { id?: unknown; q?: unknown } = {};
      let problem: string | undefined;
      try {
        item = JSON.parse(line);
      } catch {
        problem = 'not valid JSON';
      }
      if (!problem && (typeof item.q !== 'string' || !item.q.trim())) problem = 'needs a non-empty "q"';
      if (problem) {
        process.stderr.write(`${values.batch}:${i + 1}: ${problem}\n`);
        const refused = { answer: `line ${i + 1}: ${problem}`, grounded: false, mode: 'extractive', citations: [] };
        const out = values.json
          ? JSON.stringify({ id: item.id ?? null, ...refused, error: problem })
          : `${String(item.id)}\t${refused.answer}`;
        process.stdout.write(`${out}\n`);
        continue;
      }
      const a = await answerer.ask(String(item.q), { offline: values.offline });
      process.stdout.write(
        `${values.json ? JSON.stringify({ id: item.id, ...contractShape(a) }) : `${String(item.id)}\t${humanAnswer(a)}`}\n`,
      );
    }
    return 0;
  }
  const question = positionals.join(' ').trim();
  if (!question) {
    process.stderr.write(`${HELP.ask}\n`);
    return 2;
  }
  const a = await answerer.ask(question, { offline: values.offline });
  process.stdout.write(`${values.json ? JSON.stringify(contractShape(a)) : humanAnswer(a)}\n`);
  return 0;
}

async function sandbox(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      script: { type: 'string' },
      memory: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return print(HELP.sandbox);
  return runSandbox(loadConfig(), {
    workspacePath: values.workspace,
    scriptPath: values.script,
    memory: values.memory,
  });
}

function print(text: string | undefined, code = 0): number {
  process.stdout.write(`${text ?? ''}\n`);
  return code;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'ask':
      return ask(rest);
    case 'sandbox':
      return sandbox(rest);
    case 'export':
      return runExportCommand(rest);
    case 'job':
      return runJobCommand(rest);
    case 'people':
      return runPeopleCommand(rest);
    case 'db':
      return runDbCommand(rest);
    case 'plan':
      return runPlanCommand(rest);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      return print(HELP.main);
    default:
      process.stderr.write(`planbot: unknown command "${command}"\n${HELP.main}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `planbot: ${redact(isPlanbotError(error) ? error.message : ((error as Error).stack ?? String(error)))}\n`,
    );
    process.exitCode = 1;
  },
);
