import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ start: '2016-06-01T09:00:00+08:00' });
});
afterAll(() => sandbox?.close());

const remindersTo = (events: Awaited<ReturnType<TestSandbox['run']>>, channel: string) =>
  callsOf(events, 'chat.postMessage').filter((c) => c.args.channel === channel);

describe('moving the local workspace clock', () => {
  it('when the clock jumps over several reminder slots, every slot it crossed runs once', async () => {
    const events = await sandbox.run({ clock: '2016-07-02T09:00:00+08:00' });
    // 16, 23 and 29 June before the 30 June deadline, and the 1 July nudge: four posts to 计量院's channel.
    const jly = remindersTo(events, 'C_JLY');
    expect(jly).toHaveLength(4);
    expect(String(jly[3]?.args.text)).toContain('已于 2016年6月30日 截止');
  });

  it('when the clock moves again over the same time, nothing is posted twice', async () => {
    await sandbox.run({ clock: '2016-06-05T09:00:00+08:00' });
    const again = await sandbox.run({ clock: '2016-07-02T09:30:00+08:00' });
    expect(remindersTo(again, 'C_JLY')).toEqual([]);
  });

  it('when the clock moves backwards, nothing runs', async () => {
    const events = await sandbox.run({ clock: '2016-01-01T09:00:00+08:00' });
    expect(callsOf(events, 'chat.postMessage')).toEqual([]);
  });
});
