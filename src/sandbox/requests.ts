import { randomBytes } from 'node:crypto';
import { SANDBOX_BOT, type SandboxSession } from './session.js';
import type { SignedRequest } from './signing.js';

/** How the local workspace builds the requests Slack would send: form posts, interaction payloads, events. */

/** An action that cannot be performed as written; the script reports it and goes on. */
export class ActionError extends Error {}

export const form = (fields: Record<string, string>): SignedRequest => ({
  body: new URLSearchParams(fields).toString(),
  contentType: 'application/x-www-form-urlencoded',
});

export const interactive = (payload: unknown): SignedRequest => form({ payload: JSON.stringify(payload) });

/**
 * An event id as Slack makes them: unique for good, not only within a session. planbot records each event id it
 * handled so that Slack's redeliveries are skipped, and the local workspace's database outlives a session, whose
 * clock starts at the same instant each time: an id built from the clock was skipped as a redelivery next session.
 */
const eventId = () => `Ev${randomBytes(8).toString('hex').toUpperCase()}`;

export function eventRequest(session: SandboxSession, event: Record<string, unknown>): SignedRequest {
  const now = Math.floor(session.deps.clock.now().getTime() / 1000);
  return {
    body: JSON.stringify({
      token: 'sandbox-verification-token',
      team_id: SANDBOX_BOT.teamId,
      api_app_id: SANDBOX_BOT.appId,
      event: { ...event, team: SANDBOX_BOT.teamId, event_ts: event.ts },
      type: 'event_callback',
      event_id: eventId(),
      event_time: now,
      authorizations: [
        { team_id: SANDBOX_BOT.teamId, user_id: SANDBOX_BOT.userId, is_bot: true, is_enterprise_install: false },
      ],
    }),
    contentType: 'application/json',
  };
}

/** The fields every interaction payload carries: who, from which team and app, with a fresh trigger. */
export function interactionOf(session: SandboxSession, type: 'view_submission' | 'block_actions', userId: string) {
  return {
    type,
    team: { id: SANDBOX_BOT.teamId, domain: 'sandbox' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: SANDBOX_BOT.teamId },
    api_app_id: SANDBOX_BOT.appId,
    token: 'sandbox-verification-token',
    trigger_id: session.triggerId(userId),
  };
}
