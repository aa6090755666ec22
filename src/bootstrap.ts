import { resolve } from 'node:path';
import { type Database, type DatabaseTarget, type Db, openDatabase } from '../db/client.js';
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
import { countDatabaseErrors } from './ops/instrument.js';
import { createMetrics, type Metrics } from './ops/metrics.js';
import { loadCatalogue } from './plan/catalogue.js';
import { loadPlan } from './plan/load.js';
import type { Plan } from './plan/parse.js';
import { lazyAnswerer, PlanRegistry } from './plan/registry.js';
import { checkKinds, claimLegacyProgress, runningPlans } from './plan/running.js';
import { outboxCounts } from './schedule/outbox.js';
import { TaskTracker } from './tasks.js';
import { loadWorkspace } from './workspace/file.js';
import { type EmailLookup, resolveEmails } from './workspace/resolve.js';
import { syncWorkspace } from './workspace/sync.js';

export interface BootOptions {
  clock?: Clock;
  logger?: Logger;
  /** An in-memory database instead of the configured one (the sandbox's `--memory`, tests). */
  memory?: boolean;
  workspacePath?: string;
  /** Force extractive answers even when a model is configured. */
  offline?: boolean;
  /** Resolves people the workspace file gives by e-mail address (users.lookupByEmail with Slack). */
  lookupEmail?: EmailLookup;
  /** Metrics to count into; by default a registry of the booted app's own. */
  metrics?: Metrics;
}

export interface Booted {
  deps: Deps;
  database: Database;
  close(): Promise<void>;
}

/** Plan answering needs no database: the CLI's `ask` uses just this (with `plan`, not even the plan folder). */
export function buildAnswerer(
  config: Config,
  logger: Logger,
  options: { offline?: boolean; plan?: Plan } = {},
): { plan: Plan; answerer: Answerer } {
  const plan = options.plan ?? loadPlan(resolve(config.planDir));
  const index = buildIndex(plan);
  const llm = config.llm && !options.offline ? createLlmClient(config.llm, logger) : null;
  const answerer = createAnswerer({
    retrieve: (q, k) => retrieve(index, q, k),
    extractive: (q) => answerExtractive(index, q),
    detectLang,
    planText: plan.text,
    planTitle: plan.title,
    llm,
    logger,
  });
  return { plan, answerer };
}

/**
 * The deployment's plans over a database: the shipped plan (from the plan folder) and every imported one. Answerers
 * are built on their first question.
 */
export function createPlanRegistry(
  config: Config,
  logger: Logger,
  db: Db,
  options: { offline?: boolean; timezone?: string; builtIn?: { plan: Plan; answerer: Answerer } } = {},
): PlanRegistry {
  const catalogue = loadCatalogue(resolve(config.planDir));
  const plan = options.builtIn?.plan ?? loadPlan(resolve(config.planDir));
  const answerer =
    options.builtIn?.answerer ?? lazyAnswerer(() => buildAnswerer(config, logger, { ...options, plan }).answerer);
  return new PlanRegistry({
    db,
    builtIn: { plan, catalogue, answerer },
    makeAnswerer: (p) => buildAnswerer(config, logger, { offline: options.offline, plan: p }).answerer,
    timezone: options.timezone ?? catalogue.periods.timezone,
    logger,
  });
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
  const workspacePath = resolve(options.workspacePath ?? config.workspacePath);
  const workspace = await resolveEmails(loadWorkspace(workspacePath), options.lookupEmail, workspacePath);
  const { plan, answerer } = buildAnswerer(config, logger, { offline: options.offline });
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
  const plans = createPlanRegistry(config, logger, database.db, {
    offline: options.offline,
    timezone: workspace.timezone,
    builtIn: { plan, answerer },
  });
  try {
    await plans.refresh(true);
    await claimLegacyProgress(database.db, plans.shipped.slug);
    if ((workspace.plans ?? [plans.shipped.slug]).includes(plans.shipped.slug))
      checkKinds(plans.shipped.catalogue, workspace);
  } catch (error) {
    await database.close();
    throw error;
  }
  // Read at each call: a reloaded workspace file (deps.workspace replaced) changes which plans run.
  const running = () => runningPlans(plans, deps.workspace, logger);
  const deps: Deps = {
    config,
    db: database.db,
    clock,
    logger,
    get plan() {
      return (running()[0] ?? plans.shipped).plan;
    },
    get catalogue() {
      return (running()[0] ?? plans.shipped).catalogue;
    },
    get answerer() {
      return (running()[0] ?? plans.shipped).answerer;
    },
    plans,
    running,
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
