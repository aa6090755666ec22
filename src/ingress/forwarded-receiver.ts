import type { MessagePort } from 'node:worker_threads';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { ForwardedRequest, FromWorker, RouteResponse, ToWorker } from './protocol.js';

export interface WorkerSide {
  /** `/healthz`, `/metrics`: what the ingress answers for a GET of `path`. */
  route(path: string): Promise<RouteResponse>;
  /** Resolves when nothing handed over is still running. */
  settle(): Promise<void>;
  /** Finish what was handed over, stop the scheduler, close the database. */
  stop(): Promise<'drained' | 'deadline'>;
}

/** How late a finished request may be reported: the ingress's count only bounds a backlog of thousands. */
const REPORT_DELAY_MS = 10;

/**
 * Bolt's receiver inside the app's worker thread: requests arrive already verified and (mostly) acknowledged by the
 * ingress. A request the ingress holds open (a view submission) gets its `ack` posted back; any other ack is a no-op.
 * Requests are started in the order they arrived, a few at a time; `settle` and `stop` wait until every request
 * handed over before them has finished.
 */
export class ForwardedReceiver implements Receiver {
  #app: App | undefined;
  #side: WorkerSide | undefined;
  #queue: ForwardedRequest[] = [];
  #running = 0;
  #drained: Array<() => void> = [];
  /** Requests finished and not yet reported to the ingress. */
  #finished = 0;
  #reportTimer: NodeJS.Timeout | undefined;

  /**
   * `limit`: requests handled at once. The ingress acknowledges faster than the app works, so under a burst hundreds
   * wait here; running them all at once would only interleave them (each holding its objects and connections longer,
   * more GC, more sockets) without finishing any sooner.
   */
  constructor(
    private readonly port: MessagePort,
    private readonly limit = 8,
    /** On stop, how long queued requests may take to start and finish before they are given up. */
    private readonly stopDeadlineMs = 30_000,
  ) {}

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
      void this.#whenDrained()
        .then(() => side.settle())
        .then(() => {
          this.#reportFinished();
          this.#post({ type: 'settled', id: message.id });
        });
      return;
    }
    if (message.type === 'stop') {
      // Closing the port lets the thread end on its own once idle, its last log lines flushed to the process's.
      // Queued work gets the same deadline as running work: one hung request must not hold the process past it.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), this.stopDeadlineMs);
      });
      void Promise.race([this.#whenDrained().then(() => true as const), late])
        .then(async (drained) => {
          clearTimeout(timer);
          const dropped = this.#queue.splice(0).length;
          const outcome = await side.stop();
          return drained && dropped === 0 ? outcome : 'deadline';
        })
        .then((outcome) => {
          this.#reportFinished();
          this.#post({ type: 'stopped', outcome });
          this.port.close();
        });
      return;
    }
    // A submission's ack is awaited by the ingress (and by the person, whose input is lost if it comes too late):
    // it starts at once, whatever else is running; everything else waits its turn.
    if (message.wantAck) this.#start(message);
    else {
      this.#queue.push(message);
      this.#pump();
    }
  }

  /** Starts queued requests while fewer than the limit are running. */
  #pump(): void {
    while (this.#running < this.limit && this.#queue.length) this.#start(this.#queue.shift() as ForwardedRequest);
  }

  #start(message: ForwardedRequest): void {
    this.#running++;
    void this.#handle(message).finally(() => {
      this.#running--;
      this.#pump();
      if (this.#running === 0 && !this.#queue.length) for (const wake of this.#drained.splice(0)) wake();
    });
  }

  #whenDrained(): Promise<void> {
    if (this.#running === 0 && !this.#queue.length) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  async #handle(message: ForwardedRequest): Promise<void> {
    const app = this.#app as App;
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
    await app.processEvent(event).then(
      () => ack(),
      () => ack(),
    );
    this.#finished++;
    this.#reportTimer ??= setTimeout(() => this.#reportFinished(), REPORT_DELAY_MS);
  }

  #reportFinished(): void {
    clearTimeout(this.#reportTimer);
    this.#reportTimer = undefined;
    if (!this.#finished) return;
    this.#post({ type: 'done', count: this.#finished });
    this.#finished = 0;
  }
}
