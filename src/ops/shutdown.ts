import type { Logger } from '../logger.js';
import type { TaskTracker } from '../tasks.js';

/**
 * The order of a clean stop: take no more requests, let the scheduler finish the batch it is sending, wait for
 * everything already acknowledged (answers, updates, uploads) to finish, then close the database. A deadline keeps
 * a stuck call from holding the process past its supervisor's patience (systemd's TimeoutStopSec).
 */
export interface Stoppable {
  stopReceiving(): Promise<void>;
  stopScheduler(): void;
  tasks: TaskTracker;
  close(): Promise<void>;
  logger: Logger;
}

export async function drainAndStop(parts: Stoppable, deadlineMs: number): Promise<'drained' | 'deadline'> {
  const started = Date.now();
  await parts.stopReceiving().catch((error) => parts.logger.warn('stopping the receiver failed', { error }));
  parts.stopScheduler();
  parts.logger.info('no longer taking requests; finishing acknowledged work', { running: parts.tasks.running });
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    parts.tasks.whenIdle().then(() => 'drained' as const),
    new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), deadlineMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome === 'deadline') {
    parts.logger.error('shutdown deadline reached with work still running', { running: parts.tasks.running });
    return outcome;
  }
  await parts.close();
  parts.logger.info('stopped cleanly', { ms: Date.now() - started });
  return outcome;
}
