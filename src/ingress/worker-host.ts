import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, RouteResponse, ToWorker } from './protocol.js';
import type { Backend } from './server.js';

export interface WorkerHost extends Backend {
  /** Resolves once the app in the worker is booted and taking requests. */
  ready: Promise<void>;
  /** Resolves once everything handed to the worker so far has finished. */
  settle(): Promise<void>;
  /** Asks the worker to finish everything it was handed (and its scheduler's batch), close, and exit. */
  stop(): Promise<'drained' | 'deadline' | 'crashed'>;
  /** Resolves when the thread has ended, terminating it if it is still running after `graceMs`. */
  exited(graceMs: number): Promise<void>;
  /** Called if the worker dies on its own (not after stop). */
  onCrash(listener: (error: Error) => void): void;
  readonly worker: Worker;
}

/**
 * Node 20 does not apply `--import` loaders to a worker's own entry, so a `.ts` entry (`npm start`, tests) is loaded
 * by a one-line script that registers tsx first. Compiled (`npm run start:prod`) the entry is plain `.js`.
 */
function typescriptEntry(entry: URL): string {
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
}

/**
 * At most this many requests wait for or run in the worker (a few KB each); past it the ingress answers 503 rather than
 * acknowledge more than the app can finish soon: 10,000 is 12–20 s of its measured rate on 2 cores (bench/README.md).
 */
export const MAX_OUTSTANDING = 10_000;

/** Starts the app's worker thread and speaks the protocol of ./protocol.ts with it. */
export function startWorkerHost(entry: URL, workerData: unknown, maxOutstanding = MAX_OUTSTANDING): WorkerHost {
  const worker = entry.pathname.endsWith('.ts')
    ? new Worker(typescriptEntry(entry), { eval: true, workerData })
    : new Worker(entry, { workerData });
  let nextId = 1;
  /** Requests handed to the worker whose work has not finished. */
  let outstanding = 0;
  const acks = new Map<number, (response: unknown) => void>();
  const routes = new Map<number, (response: RouteResponse) => void>();
  const settles = new Map<number, () => void>();
  let stopped: ((outcome: 'drained' | 'deadline' | 'crashed') => void) | undefined;
  let stopping = false;
  const crashListeners: Array<(error: Error) => void> = [];
  let markReady: () => void = () => {};
  let markFailed: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  const post = (message: ToWorker) => worker.postMessage(message);

  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'ready':
        return markReady();
      case 'failed':
        return markFailed(new Error(message.message));
      case 'done':
        outstanding -= message.count;
        return;
      case 'ack':
        acks.get(message.id)?.(message.response);
        acks.delete(message.id);
        return;
      case 'route':
        routes.get(message.id)?.(message);
        routes.delete(message.id);
        return;
      case 'settled':
        settles.get(message.id)?.();
        settles.delete(message.id);
        return;
      case 'stopped':
        return stopped?.(message.outcome);
    }
  });
  const died = (error: Error) => {
    markFailed(error);
    for (const resolve of acks.values()) resolve(undefined);
    acks.clear();
    for (const resolve of routes.values())
      resolve({ status: 503, contentType: 'text/plain', body: `${error.message}\n` });
    routes.clear();
    for (const resolve of settles.values()) resolve();
    settles.clear();
    if (stopping) stopped?.('crashed');
    else for (const listener of crashListeners) listener(error);
  };
  let ended = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', died);
  worker.on('exit', (code) => {
    ended = true;
    died(new Error(`the app's worker exited (${code})`));
  });

  return {
    worker,
    ready,
    accepting() {
      return !stopping && !ended && outstanding < maxOutstanding;
    },
    forward(request) {
      if (stopping) return Promise.reject(new Error('shutting down'));
      const id = nextId++;
      outstanding++;
      if (!request.wantAck) {
        post({ type: 'request', id, ...request });
        return Promise.resolve(undefined);
      }
      return new Promise((resolve) => {
        acks.set(id, resolve);
        post({ type: 'request', id, ...request });
      });
    },
    route(path) {
      const id = nextId++;
      return new Promise((resolve) => {
        routes.set(id, resolve);
        post({ type: 'route', id, path });
      });
    },
    settle() {
      const id = nextId++;
      return new Promise((resolve) => {
        settles.set(id, resolve);
        post({ type: 'settle', id });
      });
    },
    stop() {
      stopping = true;
      return new Promise((resolve) => {
        stopped = resolve;
        post({ type: 'stop' });
      });
    },
    async exited(graceMs) {
      if (ended) return;
      const timer = setTimeout(() => void worker.terminate(), graceMs);
      await exit;
      clearTimeout(timer);
    },
    onCrash(listener) {
      crashListeners.push(listener);
    },
  };
}
