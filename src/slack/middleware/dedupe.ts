import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { claimRequest } from '../../progress/repository.js';

/**
 * Slack redelivers an event it thinks went unanswered (`X-Slack-Retry-Num`). The first delivery to record its
 * `event_id` handles it; later deliveries stop here, so a question is not answered twice. Commands and
 * interactions are not redelivered by Slack; their writes carry their own idempotency keys.
 */
export function dedupeEvents(deps: Pick<Deps, 'db' | 'clock' | 'logger'>): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId =
      (body as { type?: string; event_id?: unknown }).type === 'event_callback'
        ? (body as { event_id?: unknown }).event_id
        : undefined;
    if (typeof eventId !== 'string' || !eventId) return next();
    let first: boolean;
    try {
      first = await claimRequest(deps.db, `event:${eventId}`, deps.clock.now());
    } catch (error) {
      // Events are acknowledged before middleware runs, so Slack will not send this one again: stopping here would
      // drop the message without a word. Handle it; the listener apologises if the database is still down.
      deps.logger.warn('event not recorded as seen; handling it anyway', { eventId, error });
      return next();
    }
    if (!first) {
      deps.logger.info('redelivered event skipped', { eventId });
      return;
    }
    await next();
  };
}
