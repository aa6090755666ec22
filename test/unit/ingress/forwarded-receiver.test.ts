import { MessageChannel } from 'node:worker_threads';
import type { App, ReceiverEvent } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ForwardedReceiver } from '../../../src/ingress/forwarded-receiver.js';
import type { FromWorker } from '../../../src/ingress/protocol.js';

function receiverWith(handle: (event: ReceiverEvent) => Promise<void>) {
  const { port1: ingress, port2: worker } = new MessageChannel();
  const heard: FromWorker[] = [];
  ingress.on('message', (m: FromWorker) => heard.push(m));
  const receiver = new ForwardedReceiver(worker, 8, 1000);
  receiver.init({ processEvent: handle } as unknown as App);
  receiver.serve({
    route: async () => ({ status: 404, contentType: 'text/plain', body: '' }),
    settle: async () => {},
    stop: async () => 'drained',
  });
  const settled = (id: number) =>
    new Promise<void>((resolve) => {
      ingress.postMessage({ type: 'settle', id });
      const wait = () => (heard.some((m) => m.type === 'settled' && m.id === id) ? resolve() : setTimeout(wait, 5));
      wait();
    });
  const close = () => {
    ingress.close();
    worker.close();
  };
  return { ingress, heard, settled, close };
}

const request = (id: number) => ({ type: 'request', id, body: { command: '/x' }, wantAck: false }) as const;

describe('the app thread reporting finished requests to the ingress', () => {
  it('when a burst finishes, a few messages report all of it, and all of it before the settle answer', async () => {
    const { ingress, heard, settled, close } = receiverWith(async () => {});
    for (let id = 1; id <= 40; id++) ingress.postMessage(request(id));
    await settled(1000);
    const done = heard.filter((m) => m.type === 'done');
    expect(done.reduce((n, m) => n + m.count, 0)).toBe(40);
    expect(done.length).toBeLessThanOrEqual(4);
    expect(heard.at(-1)).toEqual({ type: 'settled', id: 1000 });
    close();
  });

  it('a request finished on its own is reported within moments, without a settle', async () => {
    const { ingress, heard, close } = receiverWith(async () => {});
    ingress.postMessage(request(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard.filter((m) => m.type === 'done')).toEqual([{ type: 'done', count: 1 }]);
    close();
  });
});
