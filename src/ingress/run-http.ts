import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createIngressServer } from './server.js';
import type { PlanbotWorkerData } from './worker.js';
import { startWorkerHost, type WorkerHost } from './worker-host.js';

/** The worker's entry beside this file: `.ts` under the TypeScript loader, `.js` compiled. */
const WORKER_ENTRY = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** A client that keeps a connection open after its last answer is cut off after this. */
const CONNECTION_GRACE_MS = 5_000;
/** A drained worker ends by itself; one that holds on (a stray timer) is terminated after this. */
const WORKER_EXIT_GRACE_MS = 5_000;

export interface HttpApp {
  port: number;
  url: string;
  /** Stops taking requests, lets the worker finish everything acknowledged, closes the database. */
  stop(): Promise<'drained' | 'deadline' | 'crashed'>;
  onCrash(listener: (error: Error) => void): void;
  /** Resolves once every request received so far has been fully handled (benchmarks, tests). */
  settle(): Promise<void>;
}

/**
 * HTTP mode as two threads: this one receives (verify, acknowledge, hand on) and the app's worker does the work, so
 * an acknowledgement never waits behind answering, rendering, the database or Web API calls.
 */
export async function startHttpApp(
  config: Config,
  logger: Logger,
  options: PlanbotWorkerData & { host?: string; port?: number },
): Promise<HttpApp> {
  if (config.slack.kind !== 'http') throw new Error('startHttpApp needs HTTP mode');
  const { host, port: givenPort, ...data } = options;
  const worker = startWorkerHost(WORKER_ENTRY, data satisfies PlanbotWorkerData);
  try {
    await worker.ready;
  } catch (error) {
    await worker.worker.terminate();
    throw error;
  }
  return serveIngress(worker, {
    signingSecret: config.slack.signingSecret,
    logger,
    host,
    port: givenPort ?? config.slack.port,
  });
}

/** Listens for Slack in front of a started worker; `stop` closes the port first, then drains the worker. */
export async function serveIngress(
  worker: WorkerHost,
  options: { signingSecret: string; logger: Logger; host?: string; port: number },
): Promise<HttpApp> {
  const server = createIngressServer({ signingSecret: options.signingSecret, backend: worker, logger: options.logger });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/slack/events`,
    onCrash: (listener) => worker.onCrash(listener),
    settle: () => worker.settle(),
    async stop() {
      // No new connections; requests already read are answered (keep-alive sockets close once idle).
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const linger = setTimeout(() => server.closeAllConnections(), CONNECTION_GRACE_MS);
      await closed;
      clearTimeout(linger);
      const outcome = await worker.stop();
      await worker.exited(WORKER_EXIT_GRACE_MS);
      return outcome;
    },
  };
}
