import { parentPort, workerData } from 'node:worker_threads';
import { App, LogLevel } from '@slack/bolt';
import { ForwardedReceiver } from '../../src/ingress/forwarded-receiver.js';
import { TaskTracker } from '../../src/tasks.js';

/**
 * An app thread the test can hold still: `/block` stops the whole thread (Atomics.wait) until the test stores 1 in
 * `gate[0]`; every command it handles adds 1 to `gate[1]`; `gate[2]` is 1 while it is blocked.
 */
const gate = new Int32Array((workerData as { shared: SharedArrayBuffer }).shared);

if (parentPort) {
  const receiver = new ForwardedReceiver(parentPort);
  const app = new App({
    receiver,
    token: 'xoxb-blocking',
    botId: 'B_X',
    botUserId: 'U_X',
    logLevel: LogLevel.ERROR,
    deferInitialization: true,
    tokenVerificationEnabled: false,
  });
  const tasks = new TaskTracker();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => tasks.track(() => processEvent(event));
  app.command(/.*/, async ({ ack, command }) => {
    await ack();
    if (command.command === '/block') {
      Atomics.store(gate, 2, 1);
      Atomics.wait(gate, 0, 0);
      Atomics.store(gate, 2, 0);
    }
    // Work after the ack, as planbot's listeners do.
    await new Promise((resolve) => setTimeout(resolve, 5));
    Atomics.add(gate, 1, 1);
  });
  app.view(/.*/, async ({ ack }) => {
    await ack({ response_action: 'errors', errors: { value: 'checked by the app thread' } });
  });
  await app.init();
  receiver.serve({
    route: async (path) => ({ status: 200, contentType: 'text/plain', body: `route ${path}\n` }),
    settle: () => tasks.whenIdle(),
    stop: async () => {
      await tasks.whenIdle();
      return 'drained';
    },
  });
}
