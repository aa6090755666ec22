/** Time comes from a clock passed in, never from `Date.now()` in logic, so the sandbox and tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that stands still until told to move: the sandbox's `clock` action and tests use it. Started with
 * `'system'`, it follows real time until it is first set. With `running`, it runs forward in real time from
 * wherever it was started or last set (the interactive local workspace's demo clock).
 */
export class ManualClock implements Clock {
  #now: Date | null;
  #setAt = Date.now();
  readonly #running: boolean;
  constructor(start: Date | 'system' = new Date(), options: { running?: boolean } = {}) {
    this.#now = start === 'system' ? null : new Date(start);
    this.#running = options.running ?? false;
  }
  now(): Date {
    if (!this.#now) return new Date();
    return new Date(this.#now.getTime() + (this.#running ? Date.now() - this.#setAt : 0));
  }
  set(to: Date): void {
    this.#now = new Date(to);
    this.#setAt = Date.now();
  }
  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }
}
