import type { AnyMiddlewareArgs } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ListenerRouter } from '../../../src/slack/router.js';

/** The listener arguments Bolt builds, reduced to what the router reads. */
const args = (a: Record<string, unknown>) => ({ body: {}, ...a }) as unknown as AnyMiddlewareArgs;

function routerWith(log: string[]) {
  const router = new ListenerRouter();
  const l = router.listeners;
  const note = (name: string) => async () => void log.push(name);
  l.command('/plan', note('plan'));
  l.command('/progress', note('progress'));
  l.action('vote_up', note('vote_up'));
  l.action(/^page:/, note('page'));
  l.view('progress_modal', note('progress_modal'));
  l.event('app_mention', note('mention'));
  l.message(note('message'));
  l.event('message', note('plan-file'));
  return router;
}

describe('ListenerRouter', () => {
  it('finds the listeners of a request by command, action id, view callback id and event type', async () => {
    const log: string[] = [];
    const run = routerWith(log).middleware();
    const next = async () => {};
    await run({ ...args({ command: { command: '/plan' } }), next } as never);
    await run({ ...args({ action: { action_id: 'vote_up' } }), next } as never);
    await run({ ...args({ action: { action_id: 'page:3' } }), next } as never);
    await run({
      ...args({ view: { callback_id: 'progress_modal' }, body: { type: 'view_submission' } }),
      next,
    } as never);
    await run({ ...args({ event: { type: 'app_mention' } }), next } as never);
    expect(log).toEqual(['plan', 'vote_up', 'page', 'progress_modal', 'mention']);
  });

  it('runs every listener of a message event, as Bolt runs app.message() and app.event("message") side by side', async () => {
    const log: string[] = [];
    await routerWith(log).middleware()({ ...args({ event: { type: 'message' } }), next: async () => {} } as never);
    expect(log.sort()).toEqual(['message', 'plan-file']);
  });

  it('runs nothing for what no listener registered: another command, action or event, a closed view', () => {
    const router = routerWith([]);
    expect(router.listenersFor(args({ command: { command: '/report' } }))).toEqual([]);
    expect(router.listenersFor(args({ action: { action_id: 'vote_down' } }))).toEqual([]);
    expect(router.listenersFor(args({ action: { name: 'legacy' } }))).toEqual([]);
    expect(router.listenersFor(args({ event: { type: 'reaction_added' } }))).toEqual([]);
    expect(
      router.listenersFor(args({ view: { callback_id: 'progress_modal' }, body: { type: 'view_closed' } })),
    ).toEqual([]);
    expect(router.listenersFor(args({}))).toEqual([]);
  });

  it('rethrows a failing listener after the others ran; several failures together', async () => {
    const router = new ListenerRouter();
    const ran: string[] = [];
    router.listeners.event('message', async () => {
      ran.push('a');
      throw new Error('first');
    });
    router.listeners.event('message', async () => void ran.push('b'));
    const run = router.middleware();
    const message = { ...args({ event: { type: 'message' } }), next: async () => {} } as never;
    await expect(run(message)).rejects.toThrow('first');
    expect(ran).toEqual(['a', 'b']);
    router.listeners.event('message', async () => {
      throw new Error('second');
    });
    await expect(run(message)).rejects.toBeInstanceOf(AggregateError);
  });

  it('refuses what it cannot match: a constraints object, or a listener with middleware of its own', () => {
    const l = new ListenerRouter().listeners;
    const fn = async () => {};
    expect(() => l.view({ callback_id: 'x', type: 'view_closed' }, fn)).toThrow(/string/);
    expect(() => l.command('/plan', fn, fn)).toThrow(/one function/);
  });
});
