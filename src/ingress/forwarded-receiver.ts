import type { MessagePort } from 'node:worker_threads';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { FromWorker, RouteResponse, ToWorker } from './protocol.js';

export interface WorkerSide {
  /** `/healthz`, `/metrics`: what the ingress answers for a GET of `path`. */
  route(path: string): Promise<RouteResponse>;
  /** Resolves when nothing handed over is still running. */
  settle(): Promise<void>;
  /** Finish what was handed over, stop the scheduler, close the database. */
  stop(): Promise<'drained' | 'deadline'>;
}

/**
 * Bolt's receiver inside the app's worker thread: requests arrive already verified and (mostly) acknowledged by the
 * ingress. A request the ingress holds open (a view submission) gets its `ack` posted back; any other ack is a no-op.
 * Messages are handled in the order they were sent, so a `stop` comes after every request handed over before it.
 */
export class ForwardedReceiver implements Receiver {
  #app: App | undefined;
  #side: WorkerSide | undefined;

  constructor(private readonly port: MessagePort) {}

  init(app: App): void {
    this.#app = app;
  }

  /** Begins taking messages; `side` answers routes and stop. Tells the ingress the app is ready. */
  serve(side: WorkerSide): void {
    this.#side = side;
    this.port.on('message', (message: ToWorker) => this.#receive(message));
    this.#post({ type: 'ready' });
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  #post(message: FromWorker): void {
    this.port.postMessage(message);
  }

  #receive(message: ToWorker): void {
    const app = this.#app;
    const side = this.#side;
    if (!app || !side) return;
    if (message.type === 'route') {
      void side
        .route(message.path)
        .catch((error: Error) => ({ status: 500, contentType: 'text/plain', body: `planbot: ${error.message}\n` }))
        .then((r) => this.#post({ type: 'route', id: message.id, ...r }));
      return;
    }
    if (message.type === 'settle') {
      void side.settle().then(() => this.#post({ type: 'settled', id: message.id }));
      return;
    }
    if (message.type === 'stop') {
      // Closing the port lets the thread end on its own once idle, its last log lines flushed to the process's.
      void side.stop().then((outcome) => {
        this.#post({ type: 'stopped', outcome });
        this.port.close();
      });
      return;
    }
    let acked = !message.wantAck;
    const ack = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      this.#post({ type: 'ack', id: message.id, response });
    };
    const event: ReceiverEvent = {
      body: message.body,
      ack,
      ...(message.retryNum !== undefined ? { retryNum: message.retryNum } : {}),
      ...(message.retryReason !== undefined ? { retryReason: message.retryReason } : {}),
      customProperties: {},
    };
    // A listener that never acknowledges must not leave the ingress holding the response: ack empty when done.
    void app.processEvent(event).then(
      () => ack(),
      () => ack(),
    );
  }
}
