import type { Db } from '../db/client.js';
import type { Answerer } from './answer/types.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Catalogue } from './plan/catalogue.js';
import type { Plan } from './plan/parse.js';
import type { PlanEntry, PlanRegistry } from './plan/registry.js';
import type { TaskTracker } from './tasks.js';
import type { Workspace } from './workspace/file.js';

/** Everything a use case or listener may need, passed in; nothing is imported as a singleton. */
export interface Deps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The deployment's primary plan (the first the workspace file names): a live view of `plans`. */
  plan: Plan;
  /** The primary plan's indicators, periods and report topics (approved indicators only). */
  catalogue: Catalogue;
  answerer: Answerer;
  /** Every plan the deployment knows: the shipped one and the imported ones, refreshed from the database. */
  plans: PlanRegistry;
  /** The plans the workspace runs, in the file's order (default: the shipped one); as of the last refresh. */
  running(): PlanEntry[];
  workspace: Workspace;
  tasks: TaskTracker;
}
