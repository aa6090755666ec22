import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { PACKAGE_VERSION } from '../package-root.js';

/**
 * The process's Prometheus metrics (prom-client), served at `GET /metrics`. Each process has a registry of its own,
 * so tests and two apps in one process do not share counts. Every name starts `planbot_`.
 */
export interface Metrics {
  readonly registry: Registry;
  /** A request from Slack, by kind: an event's type, a command's name, an interaction's type. */
  request(kind: string): void;
  /** Seconds from a request arriving to its acknowledgement. */
  acked(kind: string, seconds: number): void;
  answered(mode: string, grounded: boolean): void;
  updateRecorded(): void;
  scheduledSent(): void;
  scheduledFailed(): void;
  databaseError(): void;
}

export interface MetricsOptions {
  /** Messages in the outbox not yet sent, read when scraped; a failure leaves the gauge at its last value. */
  outboxBacklog?: () => Promise<number>;
  /** Node's own process metrics (CPU, memory, event loop lag), prefixed `planbot_`. Default true. */
  processMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'planbot_' });
  new Gauge({
    name: 'planbot_info',
    help: 'Always 1; the version label says which planbot is running.',
    labelNames: ['version'],
    registers,
  }).set({ version: PACKAGE_VERSION }, 1);
  const requests = new Counter({
    name: 'planbot_requests_total',
    help: 'Requests from Slack, by kind (event type, command, interaction type).',
    labelNames: ['kind'],
    registers,
  });
  const ack = new Histogram({
    name: 'planbot_ack_seconds',
    help: 'Time from a request arriving to its acknowledgement (Slack allows 3 s).',
    labelNames: ['kind'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers,
  });
  const answers = new Counter({
    name: 'planbot_answers_total',
    help: 'Questions answered, by mode (llm or extractive) and whether the answer was grounded in the plan.',
    labelNames: ['mode', 'grounded'],
    registers,
  });
  const updates = new Counter({
    name: 'planbot_updates_recorded_total',
    help: 'Progress updates recorded (a redelivered duplicate is not counted).',
    registers,
  });
  const sent = new Counter({
    name: 'planbot_scheduled_messages_sent_total',
    help: 'Scheduled messages (reminders, circulars, notices) posted from the outbox.',
    registers,
  });
  const failed = new Counter({
    name: 'planbot_scheduled_messages_failed_total',
    help: 'Scheduled messages that failed for good.',
    registers,
  });
  const dbErrors = new Counter({
    name: 'planbot_database_errors_total',
    help: 'Database statements or transactions that failed, and failed health checks.',
    registers,
  });
  const backlogOf = options.outboxBacklog;
  new Gauge({
    name: 'planbot_outbox_backlog',
    help: 'Scheduled messages written to the outbox and not yet sent (pending or being sent).',
    registers,
    async collect() {
      if (!backlogOf) return;
      try {
        this.set(await backlogOf());
      } catch {
        dbErrors.inc();
      }
    },
  });
  return {
    registry,
    request: (kind) => requests.inc({ kind }),
    acked: (kind, seconds) => ack.observe({ kind }, seconds),
    answered: (mode, grounded) => answers.inc({ mode, grounded: String(grounded) }),
    updateRecorded: () => updates.inc(),
    scheduledSent: () => sent.inc(),
    scheduledFailed: () => failed.inc(),
    databaseError: () => dbErrors.inc(),
  };
}

/** The kind of a Slack request body, for the metrics: `event:app_mention`, `command:/plan`, `view_submission`… */
export function requestKind(body: unknown): string {
  const b = (body ?? {}) as { type?: unknown; command?: unknown; event?: { type?: unknown } };
  if (typeof b.command === 'string') return `command:${b.command}`;
  if (b.type === 'event_callback' && typeof b.event?.type === 'string') return `event:${b.event.type}`;
  return typeof b.type === 'string' ? b.type : 'unknown';
}
