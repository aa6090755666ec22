/**
 * Counts work that has been set off but not finished (listeners, streamed answers, jobs), so the local
 * workspace can wait until an action's effects are complete and shutdown can drain.
 */
export class TaskTracker {
  #running = 0;
  #waiters: Array<() => void> = [];

  get running(): number {
    return this.#running;
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.#running++;
    try {
      return await work();
    } finally {
      this.#running--;
      if (this.#running === 0) for (const wake of this.#waiters.splice(0)) wake();
    }
  }

  whenIdle(): Promise<void> {
    if (this.#running === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}
