import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, progressUpdates } from '../../db/schema.js';
import { findInputs } from '../../src/sandbox/render-blocks.js';
import { runScript, type ScriptLine } from '../../src/sandbox/script.js';
import { acksOf, callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ start: '2016-06-20T09:00:00+08:00' });
});
afterAll(() => sandbox?.close());

const db = () => sandbox.booted.deps.db;
const textOf = (x: unknown) => JSON.stringify(x);
const rowsOf = (unitId: string, indicatorKey: string) =>
  db()
    .select()
    .from(progressUpdates)
    .where(and(eq(progressUpdates.unitId, unitId), eq(progressUpdates.indicatorKey, indicatorKey)))
    .orderBy(asc(progressUpdates.id));

describe('/progress through the modal', () => {
  it('opens a modal with the member’s own unit preset and the indicators grouped by section', async () => {
    const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '' });
    const [open] = callsOf(events, 'views.open');
    const inputs = findInputs(open?.args.view);
    expect(inputs.find((i) => i.blockId === 'unit')?.initial).toMatchObject({ value: 'jly' });
    expect(inputs.find((i) => i.blockId === 'unit')?.options?.map((o) => o.value)).toEqual(['jly']);
    expect(inputs.find((i) => i.blockId === 'period')?.initial).toMatchObject({ value: '2016H1' });
    expect(textOf(open?.args.view)).toContain('"option_groups"');
    expect(textOf(open?.args.view)).toContain('一、(三) 代表性指标');
  });

  it('when the member submits it, one row is saved and a confirmation says where the indicator stands', async () => {
    const events = await sandbox.run({ as: 'U_JLY_1', submit: { 指标: '国家质检中心', 数值: '1' } });
    expect(acksOf(events)).toEqual([null]);
    const [confirm] = callsOf(events, 'chat.postEphemeral');
    expect(confirm?.args).toMatchObject({ channel: 'C_JLY', user: 'U_JLY_1' });
    expect(String(confirm?.args.text)).toContain('已记录');
    expect(String(confirm?.args.text)).toContain('1家');
    expect(textOf(confirm?.args.blocks)).toContain('目标 10家');
    const rows = await rowsOf('jly', 'national_centers');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ period: '2016H1', value: 1, submittedBy: 'U_JLY_1', status: 'current' });
    expect(rows[0]?.idempotencyKey).toMatch(/^view:/);
  });

  it('when the value is out of range, the modal shows the error beside the value and nothing is saved', async () => {
    await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '' });
    const events = await sandbox.run({ as: 'U_JLY_1', submit: { 指标: '科技投入占收入比例', 数值: '150' } });
    const [ack] = acksOf(events) as Array<{ response_action: string; errors: Record<string, string> }>;
    expect(ack?.response_action).toBe('errors');
    expect(ack?.errors.value).toContain('百分比须在0到100之间');
    expect(callsOf(events, 'chat.postEphemeral')).toEqual([]);
    expect(await rowsOf('jly', 'rd_spending_share')).toEqual([]);
    // The modal stays open for a correction.
    expect(sandbox.session.modals.has('U_JLY_1')).toBe(true);
    const fixed = await sandbox.run({ as: 'U_JLY_1', submit: { 指标: '科技投入占收入比例', 数值: '6' } });
    expect(acksOf(fixed)).toEqual([null]);
    expect(await rowsOf('jly', 'rd_spending_share')).toHaveLength(1);
  });

  it('when a submission is delivered twice, there is still one row', async () => {
    await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '' });
    const first = await sandbox.run({ as: 'U_JLY_1', submit: { 指标: '培养和引进硕士', 数值: '2' } });
    const again = await sandbox.run({ redeliver: true });
    expect(acksOf(first)).toEqual([null]);
    expect(acksOf(again)).toEqual([null]);
    expect(String(callsOf(again, 'chat.postEphemeral')[0]?.args.text)).toContain('重复提交未重复保存');
    expect(await rowsOf('jly', 'masters')).toHaveLength(1);
  });

  it('when a member of another unit submits for this unit (a tampered modal), the modal shows the refusal and nothing is saved', async () => {
    await sandbox.run({ as: 'U_SHY_1', channel: 'C_SHY', command: '/progress', text: '' });
    const viewId = sandbox.session.modals.get('U_SHY_1') ?? '';
    const stored = sandbox.session.fake.views.get(viewId)?.view as {
      blocks: Array<{ element: { options?: unknown[] } }>;
    };
    stored.blocks[0]?.element.options?.push({ text: { type: 'plain_text', text: '计量院' }, value: 'jly' });
    const events = await sandbox.run({ as: 'U_SHY_1', submit: { 填报单位: 'jly', 指标: '国家质检中心', 数值: '5' } });
    const [ack] = acksOf(events) as Array<{ response_action: string; errors: Record<string, string> }>;
    expect(ack?.response_action).toBe('errors');
    expect(ack?.errors.unit).toContain('您无权填报进展');
    expect((await rowsOf('jly', 'national_centers')).filter((r) => r.submittedBy === 'U_SHY_1')).toEqual([]);
  });

  it('when someone who belongs to no unit types /progress, they are refused and no modal opens', async () => {
    const events = await sandbox.run({ as: 'U_GUEST', channel: 'C_JLY', command: '/progress', text: '' });
    expect(callsOf(events, 'views.open')).toEqual([]);
    expect(String(responsesOf(events)[0]?.text)).toContain('您无权填报进展');
  });
});

describe('/progress inline', () => {
  it('records the contract example and confirms it with a progress bar', async () => {
    const events = await sandbox.run({
      as: 'U_JLY_1',
      channel: 'C_JLY',
      command: '/progress',
      text: '国家质检中心 3 通过国家验收',
    });
    const [reply] = responsesOf(events);
    expect(String(reply?.text)).toContain('已记录');
    expect(textOf(reply?.blocks)).toContain('███░░░░░░░ 30%');
    const rows = await rowsOf('jly', 'national_centers');
    expect(rows.at(-1)).toMatchObject({ value: 3, note: '通过国家验收', period: '2016H1' });
  });

  it('when the request is redelivered (X-Slack-Retry-Num), no second row is made', async () => {
    await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '博士 １ 引进' });
    const again = await sandbox.run({ redeliver: true });
    expect(String(responsesOf(again)[0]?.text)).toContain('已记录过');
    const rows = await rowsOf('jly', 'doctorates');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.value).toBe(1);
  });

  it('when the indicator is misspelt, it answers with suggestions and saves nothing', async () => {
    const before = (await db().select().from(progressUpdates)).length;
    const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '国家质检中新 3' });
    const text = String(responsesOf(events)[0]?.text);
    expect(text).toContain('您是不是要找');
    expect(text).toContain('/progress 国家质检中心 3');
    expect((await db().select().from(progressUpdates)).length).toBe(before);
  });

  it('when the value is missing, it answers with the usage and an example', async () => {
    const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '国家质检中心' });
    const text = String(responsesOf(events)[0]?.text);
    expect(text).toContain('没有找到数值');
    // The example names the plan's own first indicator.
    expect(text).toContain(`/progress ${sandbox.booted.deps.catalogue.indicators[0]?.name} 3`);
  });

  it('when the figure breaks the indicator’s rule, it says why inline', async () => {
    const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: '科技投入 120%' });
    expect(String(responsesOf(events)[0]?.text)).toContain('百分比须在0到100之间');
  });

  it('answers in English when the command is written in English', async () => {
    const events = await sandbox.run({
      as: 'U_JLY_1',
      channel: 'C_JLY',
      command: '/progress',
      text: 'regional centers 9 counted again',
    });
    expect(String(responsesOf(events)[0]?.text)).toContain('Recorded');
  });
});

describe('history, edit and withdraw', () => {
  it('when a member asks for the history, they are told only leads can see it', async () => {
    const events = await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/progress', text: 'history' });
    expect(String(responsesOf(events)[0]?.text)).toContain('您无权查看填报历史');
  });

  it('when the lead of another unit asks for this unit’s history, they are refused', async () => {
    const events = await sandbox.run({ as: 'U_SHY_LEAD', channel: 'C_SHY', command: '/progress', text: 'history jly' });
    expect(String(responsesOf(events)[0]?.text)).toContain('您无权查看填报历史');
  });

  it('when the lead edits an entry, the new value shows in the history and the audit log keeps before and after', async () => {
    const listed = await sandbox.run({ as: 'U_JLY_LEAD', channel: 'C_JLY', command: '/progress', text: 'history' });
    expect(textOf(responsesOf(listed)[0]?.blocks)).toContain('修改');
    const [latest] = await db()
      .select()
      .from(progressUpdates)
      .where(eq(progressUpdates.unitId, 'jly'))
      .orderBy(asc(progressUpdates.submittedAt), asc(progressUpdates.id))
      .then((rows) => rows.slice(-1));
    const opened = await sandbox.run({ as: 'U_JLY_LEAD', click: '修改' });
    const [open] = callsOf(opened, 'views.open');
    expect(findInputs(open?.args.view).find((i) => i.blockId === 'value')?.initial).toBe(String(latest?.value));

    const saved = await sandbox.run({ as: 'U_JLY_LEAD', submit: { 数值: '11' } });
    expect(String(callsOf(saved, 'chat.postEphemeral')[0]?.args.text)).toContain('已修改');

    const again = await sandbox.run({ as: 'U_JLY_LEAD', channel: 'C_JLY', command: '/progress', text: 'history' });
    const history = textOf(responsesOf(again)[0]?.blocks);
    expect(history).toContain('已修改 1 次');
    expect(history).toContain('<@U_JLY_LEAD>');

    const [row] = await db()
      .select()
      .from(progressUpdates)
      .where(eq(progressUpdates.id, latest?.id ?? 0));
    expect(row).toMatchObject({ value: 11, version: 2, updatedBy: 'U_JLY_LEAD' });
    const trail = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'progress_update'), eq(auditLog.entityId, String(latest?.id))))
      .orderBy(asc(auditLog.id));
    expect(trail.map((a) => a.action)).toEqual(['progress.recorded', 'progress.edited']);
    expect(trail[1]).toMatchObject({
      actor: 'U_JLY_LEAD',
      before: expect.objectContaining({ value: latest?.value }),
      after: expect.objectContaining({ value: 11 }),
    });
  });

  it('when the lead withdraws an entry, it is kept, marked withdrawn, and the history says so', async () => {
    await sandbox.run({ as: 'U_JLY_LEAD', channel: 'C_JLY', command: '/progress', text: 'history' });
    const events = await sandbox.run({ as: 'U_JLY_LEAD', click: '撤回' });
    const [reply] = responsesOf(events);
    expect(reply).toMatchObject({ replace_original: true });
    expect(textOf(reply?.blocks)).toContain('已撤回');
    const withdrawn = await db().select().from(progressUpdates).where(eq(progressUpdates.status, 'withdrawn'));
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]?.updatedBy).toBe('U_JLY_LEAD');
  });
});

describe('/progress inline by an admin', () => {
  it('in a unit’s channel, records for that unit', async () => {
    const events = await sandbox.run({ as: 'U_ADMIN', channel: 'C_SHY', command: '/progress', text: '科技投入 4%' });
    expect(String(responsesOf(events)[0]?.text)).toContain('已记录');
    const rows = await rowsOf('shy', 'rd_spending_share');
    expect(rows.at(-1)).toMatchObject({ value: 4, submittedBy: 'U_ADMIN' });
  });

  it('outside any unit’s channel, asks which unit rather than saying they belong to several', async () => {
    const events = await sandbox.run({ as: 'U_ADMIN', channel: 'C_KEJI', command: '/progress', text: '科技投入 4%' });
    const text = String(responsesOf(events)[0]?.text);
    expect(text).toContain('请问为哪个单位填报');
    expect(text).not.toContain('您属于多个单位');
  });
});

describe('a sandbox script (CONTRACT §4)', () => {
  it('prints each action, its acknowledgement and the reply; the redelivered line leaves one row', async () => {
    const printed: ScriptLine[] = [];
    const script = [
      '{"as":"U_JLY_1","channel":"C_JLY","command":"/progress","text":"培训 1 计量专题培训"}',
      '{"redeliver":true}',
    ].join('\n');
    const errors = await runScript(sandbox.session, script, (line) => printed.push(line));
    expect(errors).toBe(0);
    expect(printed.map((l) => Object.keys(l)[0])).toEqual([
      'action',
      'ack',
      'response_url',
      'action',
      'ack',
      'response_url',
    ]);
    expect(JSON.stringify(printed[2])).toContain('已记录');
    expect(JSON.stringify(printed[5])).toContain('已记录过');
    expect(await rowsOf('jly', 'training_months')).toHaveLength(1);
  });
});
