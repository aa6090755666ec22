import type { Db } from '../db/client.js';
import type { Answerer } from './answer/types.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Metrics } from './ops/metrics.js';
import type { Catalogue } from './plan/catalogue.js';
import type { Plan } from './plan/parse.js';
import type { TaskTracker } from './tasks.js';
import type { Workspace } from './workspace/file.js';

/** Everything a use case or listener may need, passed in; nothing is imported as a singleton. */
export interface Deps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  plan: Plan;
  /** The plan's indicators, periods and report topics (`plans/<slug>/catalogue.yaml`). */
  catalogue: Catalogue;
  answerer: Answerer;
  workspace: Workspace;
  tasks: TaskTracker;
  /** This process's Prometheus metrics (`GET /metrics`). */
  metrics: Metrics;
}
