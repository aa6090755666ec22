import type { Database } from '../../db/client.js';
import { jobRuns, outbox, progressUpdates, reports, schedules } from '../../db/schema.js';
import { ManualClock } from '../../src/clock.js';
import type { Logger } from '../../src/logger.js';
import { loadCatalogue } from '../../src/plan/catalogue.js';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack.js';
import type { JobDeps } from '../../src/schedule/jobs.js';
import { createScheduler, type Scheduler } from '../../src/schedule/scheduler.js';
import { createJobClient } from '../../src/schedule/send.js';
import { TaskTracker } from '../../src/tasks.js';
import { directoryOf, parseWorkspace } from '../../src/workspace/file.js';
import { syncWorkspace } from '../../src/workspace/sync.js';

/** A small workspace for the schedule tests: four institutions (one without a channel), a national center. */
export const workspace = parseWorkspace(`
timezone: Asia/Shanghai
admins: [U_ADMIN]
channels: { summary: C_KEJI, reminders: C_KEJI, admins: C_ADMIN }
units:
  - { id: jly, name: 计量测试研究院, short: 计量院, kind: institution, channel: C_JLY, leads: [U_JLY_LEAD], members: [U_JLY_1] }
  - { id: shy, name: 石油化工监督检验研究院, short: 石化院, kind: institution, channel: C_SHY, leads: [U_SHY_LEAD] }
  - { id: tjy, name: 特种设备检验研究院, short: 特检院, kind: institution, channel: C_TJY, leads: [U_TJY_LEAD, U_TJY_2] }
  - { id: xjj, name: 纤维检验局, short: 纤检局, kind: institution, leads: [U_XJJ_LEAD] }
  - { id: coal, name: 国家煤炭中心, short: 煤炭中心, kind: national_center, channel: C_COAL, leads: [U_COAL_LEAD] }
`);

export const catalogue = loadCatalogue('plans/nmg-keji-2015');
export const at = (iso: string) => new Date(`${iso}+08:00`);

export interface LogLine {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}

export function recordingLogger(lines: LogLine[]): Logger {
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, msg, fields });
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export async function startSlack(): Promise<FakeSlack> {
  const people = directoryOf(workspace);
  const channels = ['C_KEJI', 'C_ADMIN', 'C_JLY', 'C_SHY', 'C_TJY', 'C_COAL'];
  return startFakeSlack({
    directory: {
      users: people.map((p) => ({ id: p.id, name: p.id.toLowerCase(), realName: p.name })),
      channels: channels.map((id) => ({
        id,
        name: id.toLowerCase(),
        members: ['U_PLANBOT', ...people.map((p) => p.id)],
      })),
    },
    now: () => new Date('2016-06-16T01:00:00Z'),
  });
}

export async function seed(database: Database): Promise<void> {
  await syncWorkspace(database.db, workspace, new Date('2016-01-01T00:00:00Z'));
}

/** Empties what the schedule writes and reads, between tests on one database. */
export async function reset(database: Database): Promise<void> {
  const db = database.db;
  await db.delete(outbox);
  await db.delete(jobRuns);
  await db.delete(schedules);
  await db.delete(progressUpdates);
  await db.delete(reports);
}

export interface Process {
  scheduler: Scheduler;
  deps: JobDeps;
  waits: number[];
  log: LogLine[];
}

/** One "app process": its own scheduler over the given database handle, posting to the fake Slack. */
export function startProcess(
  database: Database,
  slack: FakeSlack,
  name: string,
  clock = new ManualClock(at('2016-06-16T09:00:00')),
): Process {
  const waits: number[] = [];
  const log: LogLine[] = [];
  const deps: JobDeps = {
    db: database.db,
    clock,
    logger: recordingLogger(log),
    catalogue,
    workspace,
    tasks: new TaskTracker(),
  };
  const scheduler = createScheduler(deps, createJobClient('xoxb-test-token', slack.url), {
    workerId: name,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { scheduler, deps, waits, log };
}

export async function submitReport(database: Database, unitId: string, period: string, when: Date): Promise<void> {
  await database.db.insert(reports).values({
    unitId,
    plan: catalogue.plan.slug,
    period,
    status: 'submitted',
    version: 1,
    topics: {
      rules_in_force: '已落实',
      work_carried_out: '已开展',
      staff_training: '已培训',
      project_progress: '推进中',
    },
    firstSubmittedAt: when,
    submittedAt: when,
    submittedBy: `U_${unitId.toUpperCase()}_LEAD`,
    updatedBy: `U_${unitId.toUpperCase()}_LEAD`,
    updatedAt: when,
  });
}

export async function recordUpdate(
  database: Database,
  unitId: string,
  indicatorKey: string,
  period: string,
  value: number,
  when: Date,
): Promise<void> {
  await database.db.insert(progressUpdates).values({
    plan: 'nmg-keji-2015',
    unitId,
    indicatorKey,
    period,
    value,
    submittedBy: 'U_TEST',
    submittedAt: when,
    updatedBy: 'U_TEST',
    updatedAt: when,
  });
}

/** chat.postMessage calls since `from`, as `recipient kind-ish` strings for counting. */
export function posts(
  slack: FakeSlack,
  from = 0,
): Array<{ channel: string; text: string; thread_ts?: string; blocks?: unknown }> {
  return slack.calls
    .slice(from)
    .filter((c) => c.method === 'chat.postMessage')
    .map((c) => c.args as { channel: string; text: string; thread_ts?: string; blocks?: unknown });
}
