import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { PACKAGE_VERSION } from '../package-root.js';
import type { Metrics } from './metrics.js';

/** A load balancer waits this long at most: an unreachable server must not hold /healthz for the driver's timeout. */
const DATABASE_CHECK_MS = 2_000;

export interface Health {
  status: 'ok' | 'unavailable';
  version: string;
  database: 'ok' | 'unavailable';
}

/** Whether the database answers a trivial statement in time. */
export async function checkHealth(db: Db, metrics?: Metrics, timeoutMs = DATABASE_CHECK_MS): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
  });
  let ok: boolean;
  try {
    await Promise.race([db.execute(sql`select 1`), timeout]);
    ok = true;
  } catch {
    ok = false;
    metrics?.databaseError();
  } finally {
    clearTimeout(timer);
  }
  return {
    status: ok ? 'ok' : 'unavailable',
    version: PACKAGE_VERSION,
    database: ok ? 'ok' : 'unavailable',
  };
}

/** What `GET /healthz` or `GET /metrics` answers; undefined for any other path. */
export async function opsResponse(
  deps: { db: Db; metrics: Metrics },
  path: string,
): Promise<{ status: number; type: string; body: string } | undefined> {
  if (path === '/healthz') {
    const health = await checkHealth(deps.db, deps.metrics);
    return { status: health.status === 'ok' ? 200 : 503, type: 'application/json', body: JSON.stringify(health) };
  }
  if (path === '/metrics') {
    const body = await deps.metrics.registry.metrics();
    return { status: 200, type: deps.metrics.registry.contentType, body };
  }
  return undefined;
}

/** `GET /healthz` and `GET /metrics`, as routes for Bolt's receivers (Socket Mode's METRICS_PORT, the sandbox). */
export function opsRoutes(deps: { db: Db; metrics: Metrics }): CustomRoute[] {
  return ['/healthz', '/metrics'].map((path) => ({
    path,
    method: 'GET',
    handler: (_req: IncomingMessage, res: ServerResponse) =>
      void respond(res, async () => (await opsResponse(deps, path)) ?? { status: 404, type: 'text/plain', body: '' }),
  }));
}

async function respond(
  res: ServerResponse,
  make: () => Promise<{ status: number; type: string; body: string }>,
): Promise<void> {
  try {
    const { status, type, body } = await make();
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`planbot: ${(error as Error).message}\n`);
  }
}
