import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPlanbotError } from '../../../src/errors.js';
import { directoryOf, loadWorkspace, parseWorkspace } from '../../../src/workspace/file.js';

const demoText = readFileSync('workspaces/demo.yaml', 'utf8');

function workspaceError(text: string): string {
  try {
    parseWorkspace(text, 'ws.yaml');
  } catch (error) {
    if (isPlanbotError(error)) return error.message;
    throw error;
  }
  throw new Error('expected the workspace to be refused');
}

describe('the workspace file', () => {
  it('the demo workspace has at least 8 units of all four kinds, each with a lead and a member, an admin and a summary channel', () => {
    const ws = loadWorkspace('workspaces/demo.yaml');
    expect(ws.units.length).toBeGreaterThanOrEqual(8);
    expect(new Set(ws.units.map((u) => u.kind))).toEqual(new Set(ws.kinds.map((k) => k.id)));
    for (const unit of ws.units) {
      expect(unit.leads.length, unit.id).toBeGreaterThan(0);
      expect(unit.members.length, unit.id).toBeGreaterThan(0);
    }
    expect(ws.admins.length).toBeGreaterThan(0);
    expect(ws.channels.summary).toMatch(/^C/);
    const names = ws.units.map((u) => `${u.name} ${u.short}`).join(' ');
    for (const named of ['计量院', '石化院', '国家煤炭产品质量监督检验中心(内蒙古)']) expect(names).toContain(named);
  });

  it('everyone in the file is in the directory, named', () => {
    const dir = directoryOf(loadWorkspace('workspaces/demo.yaml'));
    expect(dir.find((p) => p.id === 'U_ADMIN')?.name).toContain('王处长');
    expect(dir.find((p) => p.id === 'U_JLY_1')).toBeDefined();
  });

  it('when a unit has an unknown kind, the error names the unit and the field', () => {
    const message = workspaceError(demoText.replace('kind: institution', 'kind: institute'));
    expect(message).toMatch(/^ws\.yaml: units\[0\] \(jly\)\.kind: must be one of institution/);
    expect(message).not.toContain('\n');
  });

  it('when two units share an id, the error says which', () => {
    const message = workspaceError(demoText.replace('id: shy', 'id: jly'));
    expect(message).toContain('duplicate unit id "jly"');
  });

  it('when a user id is malformed, the error names where', () => {
    expect(workspaceError(demoText.replace('leads: [U_JLY_LEAD]', 'leads: [li.jianguo]'))).toContain(
      'units[0] (jly).leads[0]: must be a Slack user id',
    );
  });

  it('when the YAML itself is broken, it says so in one line', () => {
    const message = workspaceError('units: [\n  - id: x');
    expect(message).toMatch(/^ws\.yaml: not valid YAML/);
    expect(message).not.toContain('\n');
  });

  it('when there is no admin or no summary channel, it is refused', () => {
    expect(workspaceError(demoText.replace('admins: [U_ADMIN]', 'admins: []'))).toContain(
      'admins: must name at least one admin',
    );
    expect(workspaceError(demoText.replace(/channels: .*\n/, ''))).toContain('channels');
  });

  it('when the schedule section is malformed, the error names the field', () => {
    expect(workspaceError(demoText.replace('time: "09:00"', 'time: "9 am"'))).toContain(
      'schedule.time: must be a time of day',
    );
  });

  it('keeps only the schedule fields the file states, for the defaults to fill the rest', () => {
    expect(loadWorkspace('workspaces/demo.yaml').schedule).toEqual({
      time: '09:00',
      remindDaysBefore: [14, 7, 1],
      overdueDaysAfter: [1, 7],
      circularDaysAfter: 15,
    });
  });

  it('when the file does not exist, the error names it', () => {
    expect(() => loadWorkspace('no/such/workspace.yaml')).toThrow(
      /cannot read the workspace file no\/such\/workspace\.yaml: ENOENT/,
    );
  });
});
