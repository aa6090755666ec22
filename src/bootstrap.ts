import { resolve } from 'node:path';
import { type Database, type DatabaseTarget, openDatabase } from '../db/client.js';
import { createAnswerer } from './answer/answer.js';
import { answerExtractive } from './answer/extractive.js';
import { detectLang } from './answer/lang.js';
import { createLlmClient } from './answer/llm.js';
import { buildIndex, retrieve } from './answer/retrieve.js';
import type { Answerer } from './answer/types.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { createLogger, type Logger } from './logger.js';
import { countAnswers, countDatabaseErrors } from './ops/instrument.js';
import { createMetrics, type Metrics } from './ops/metrics.js';
import { loadCatalogue } from './plan/catalogue.js';
import { loadPlan } from './plan/load.js';
import type { Plan } from './plan/parse.js';
import { outboxCounts } from './schedule/outbox.js';
import { TaskTracker } from './tasks.js';
import { loadWorkspace } from './workspace/file.js';
import { syncWorkspace } from './workspace/sync.js';

export interface BootOptions {
  clock?: Clock;
  logger?: Logger;
  /** An in-memory database instead of the configured one (the sandbox's `--memory`, tests). */
  memory?: boolean;
  workspacePath?: string;
  /** Force extractive answers even when a model is configured. */
  offline?: boolean;
  /** Metrics to count into; by default a registry of the booted app's own. */
  metrics?: Metrics;
}

export interface Booted {
  deps: Deps;
  database: Database;
  close(): Promise<void>;
}

/** Plan answering needs no database: the CLI's `ask` uses just this. */
export function buildAnswerer(
  config: Config,
  logger: Logger,
  options: { offline?: boolean } = {},
): { plan: Plan; answerer: Answerer } {
  const plan = loadPlan(resolve(config.planDir));
  const index = buildIndex(plan);
  const llm = config.llm && !options.offline ? createLlmClient(config.llm, logger) : null;
  const answerer = createAnswerer({
    retrieve: (q, k) => retrieve(index, q, k),
    extractive: (q) => answerExtractive(index, q),
    detectLang,
    planText: plan.text,
    llm,
    logger,
  });
  return { plan, answerer };
}

export function databaseTarget(config: Config, memory?: boolean): DatabaseTarget {
  if (memory) return { kind: 'memory' };
  return config.database.kind === 'postgres'
    ? config.database
    : { kind: 'pglite', dataDir: resolve(config.database.dataDir) };
}

/** Config → everything the app needs: the plan, the answerer, the database (migrated), the synced workspace. */
export async function boot(config: Config, options: BootOptions = {}): Promise<Booted> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: config.secrets });
  const clock = options.clock ?? systemClock;
  const workspace = loadWorkspace(resolve(options.workspacePath ?? config.workspacePath));
  const { plan, answerer } = buildAnswerer(config, logger, { offline: options.offline });
  const catalogue = loadCatalogue(resolve(config.planDir));
  const database = await openDatabase(databaseTarget(config, options.memory));
  const db = database.db;
  const metrics =
    options.metrics ??
    createMetrics({ outboxBacklog: () => outboxCounts(db).then((n) => (n.pending ?? 0) + (n.sending ?? 0)) });
  countDatabaseErrors(db, metrics);
  try {
    await syncWorkspace(database.db, workspace, clock.now(), logger);
  } catch (error) {
    await database.close();
    throw error;
  }
  const deps: Deps = {
    config,
    db: database.db,
    clock,
    logger,
    plan,
    catalogue,
    answerer: countAnswers(answerer, metrics),
    workspace,
    tasks: new TaskTracker(),
    metrics,
  };
  return {
    deps,
    database,
    async close() {
      await deps.tasks.whenIdle();
      await database.close();
    },
  };
}
