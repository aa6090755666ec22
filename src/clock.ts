/** Time comes from a clock passed in, never from `Date.now()` in logic, so the sandbox and tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that stands still until told to move: the sandbox's `clock` action and tests use it. Started with
 * `'system'`, it follows real time until it is first set (the interactive local workspace).
 */
export class ManualClock implements Clock {
  #now: Date | null;
  constructor(start: Date | 'system' = new Date()) {
    this.#now = start === 'system' ? null : new Date(start);
  }
  now(): Date {
    return this.#now ? new Date(this.#now) : new Date();
  }
  set(to: Date): void {
    this.#now = new Date(to);
  }
  advance(ms: number): void {
    this.#now = new Date(this.now().getTime() + ms);
  }
}
