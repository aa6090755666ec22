import { parse as parseCsv } from 'csv-parse/sync';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { PlanbotError } from '../errors.js';
import { isEmail, parseWorkspace } from './file.js';

/**
 * `planbot people import FILE.csv`: people from a spreadsheet into the workspace file. Each row names a person
 * (name, and an e-mail address or a Slack user id), their unit and their role there. The file keeps its comments;
 * people the CSV does not name are left as they are.
 */

export interface PersonRow {
  name: string;
  /** A Slack user id or an e-mail address. */
  person: string;
  unitId: string;
  role: 'lead' | 'member';
}

const HEADERS: Record<string, keyof PersonRow | 'email' | 'id'> = {
  name: 'name',
  姓名: 'name',
  email: 'email',
  'e-mail': 'email',
  邮箱: 'email',
  slack_id: 'id',
  'slack id': 'id',
  user_id: 'id',
  id: 'id',
  unit: 'unitId',
  单位: 'unitId',
  role: 'role',
  角色: 'role',
};
const ROLES: Record<string, PersonRow['role']> = { lead: 'lead', 负责人: 'lead', member: 'member', 填报人: 'member' };
const USER_ID = /^[UW][A-Z0-9_]+$/;

/** Reads the CSV (a BOM and Chinese headers are fine); a bad row stops the import with its line and the reason. */
export function readPeopleCsv(
  text: string,
  units: ReadonlyArray<{ id: string; name: string; short: string }>,
): PersonRow[] {
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw new PlanbotError('workspace_invalid', `people CSV: not valid CSV: ${(error as Error).message}`);
  }
  const [header = [], ...rows] = records;
  const columns = header.map((h) => HEADERS[h.toLowerCase()]);
  for (const needed of ['name', 'unitId', 'role'] as const) {
    if (!columns.includes(needed)) {
      throw new PlanbotError(
        'workspace_invalid',
        `people CSV line 1: needs the columns name, email (or slack_id), unit, role; found: ${header.join(', ')}`,
      );
    }
  }
  return rows.map((cells, i) => {
    const line = i + 2;
    const cell = (key: string) => cells[columns.indexOf(key as never)] ?? '';
    const person = cell('email') || cell('id');
    const problem = (why: string) => new PlanbotError('workspace_invalid', `people CSV line ${line}: ${why}`);
    if (!cell('name')) throw problem('the name is empty');
    if (!isEmail(person) && !USER_ID.test(person))
      throw problem(`"${person}" is neither an e-mail address nor a Slack user id`);
    const typedUnit = cell('unitId');
    const unit = units.find((u) => u.id === typedUnit || u.short === typedUnit || u.name === typedUnit);
    if (!unit)
      throw problem(`no unit "${typedUnit}" in the workspace file (units: ${units.map((u) => u.id).join(', ')})`);
    const role = ROLES[cell('role').toLowerCase()];
    if (!role) throw problem(`the role must be lead or member (负责人 or 填报人), not "${cell('role')}"`);
    return { name: cell('name'), person, unitId: unit.id, role };
  });
}

/** The workspace file's text with the rows merged in: each person named, and in their unit with their role only. */
export function mergePeople(workspaceText: string, rows: readonly PersonRow[], source = 'workspace file'): string {
  parseWorkspace(workspaceText, source);
  const doc = parseDocument(workspaceText);
  for (const row of rows) {
    doc.setIn(['people', row.person], row.name);
    const units = doc.get('units') as YAMLSeq<YAMLMap>;
    for (const unit of units.items) {
      for (const role of ['leads', 'members'] as const) {
        const list = (unit.get(role) as YAMLSeq | undefined)?.toJSON() as string[] | undefined;
        const wanted = unit.get('id') === row.unitId && role === `${row.role}s`;
        const has = list?.includes(row.person) ?? false;
        if (wanted && !has) unit.set(role, doc.createNode([...(list ?? []), row.person], { flow: true }));
        // In the named unit a person holds one role: moving them to lead removes them from members.
        if (!wanted && has && unit.get('id') === row.unitId) {
          unit.set(
            role,
            doc.createNode(
              (list ?? []).filter((p) => p !== row.person),
              { flow: true },
            ),
          );
        }
      }
    }
  }
  const text = doc.toString({ lineWidth: 0 });
  parseWorkspace(text, source);
  return text;
}
