import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { PlanbotError } from '../errors.js';
import { parseWorkspace } from './file.js';
import { mergePeople, readPeopleCsv } from './people-csv.js';

export const PEOPLE_HELP = `Usage: planbot people import FILE.csv [--workspace F]

  Adds the people of FILE.csv to the workspace file: columns name, email (or slack_id), unit, role
  (lead or member; Chinese headers 姓名, 邮箱, 单位, 角色 work too). A running planbot picks the change up.
  --workspace F  the workspace file (default: PLANBOT_WORKSPACE or workspaces/demo.yaml)`;

/** `planbot people import FILE.csv`: writes the workspace file and says what it did. */
export async function runPeopleCommand(
  args: string[],
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { workspace: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [verb, csvPath] = positionals;
  if (values.help || verb !== 'import' || !csvPath) {
    out(PEOPLE_HELP);
    return values.help ? 0 : 2;
  }
  const workspacePath = resolve(values.workspace ?? loadConfig().workspacePath);
  const before = readFileSync(workspacePath, 'utf8');
  const units = parseWorkspace(before, workspacePath).units;
  let csv: string;
  try {
    csv = readFileSync(csvPath, 'utf8');
  } catch (error) {
    throw new PlanbotError('workspace_invalid', `cannot read ${csvPath}: ${(error as NodeJS.ErrnoException).code}`);
  }
  const rows = readPeopleCsv(csv, units);
  writeFileSync(workspacePath, mergePeople(before, rows, workspacePath));
  const byUnit = new Map<string, number>();
  for (const row of rows) byUnit.set(row.unitId, (byUnit.get(row.unitId) ?? 0) + 1);
  out(`${rows.length} people written to ${workspacePath} (${[...byUnit].map(([u, n]) => `${u}: ${n}`).join(', ')}).`);
  return 0;
}
