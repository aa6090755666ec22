import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';

describe('the manual clock', () => {
  it('stands still at its start until moved', () => {
    const clock = new ManualClock(new Date('2016-06-20T01:00:00Z'));
    expect(clock.now().toISOString()).toBe('2016-06-20T01:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2016-06-20T01:01:00.000Z');
  });

  it("started with 'system', follows real time until it is first set", () => {
    const clock = new ManualClock('system');
    const before = Date.now();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
    clock.set(new Date('2016-07-15T01:00:00Z'));
    expect(clock.now().toISOString()).toBe('2016-07-15T01:00:00.000Z');
  });
});
