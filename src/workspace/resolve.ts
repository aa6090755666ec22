import type { WebClient } from '@slack/web-api';
import { PlanbotError } from '../errors.js';
import { isEmail, type Workspace } from './file.js';

/** Finds the Slack user id of an e-mail address, or undefined when no one in the workspace has it. */
export type EmailLookup = (email: string) => Promise<string | undefined>;

/** Slack's users.lookupByEmail (scope users:read.email): `users_not_found` means no such person. */
export function lookupByEmailVia(client: WebClient): EmailLookup {
  return async (email) => {
    try {
      const res = await client.users.lookupByEmail({ email });
      return res.user?.id;
    } catch (error) {
      if ((error as { data?: { error?: string } }).data?.error === 'users_not_found') return undefined;
      throw error;
    }
  };
}

/** Every e-mail address the file names, each once, with where it first appears. */
export function emailsIn(ws: Workspace): Map<string, string> {
  const found = new Map<string, string>();
  const note = (ref: string, where: string) => {
    if (isEmail(ref) && !found.has(ref.toLowerCase())) found.set(ref.toLowerCase(), where);
  };
  for (const ref of ws.admins) note(ref, 'admins');
  for (const ref of Object.keys(ws.people)) note(ref, 'people');
  for (const unit of ws.units) {
    for (const ref of unit.leads) note(ref, `units (${unit.id}).leads`);
    for (const ref of unit.members) note(ref, `units (${unit.id}).members`);
  }
  return found;
}

/**
 * The workspace with every e-mail address replaced by its person's Slack user id. An address no one in Slack has
 * stops the sync with an error naming it, so a typo never silently drops someone from their unit.
 */
export async function resolveEmails(
  ws: Workspace,
  lookup: EmailLookup | undefined,
  source: string,
): Promise<Workspace> {
  const emails = emailsIn(ws);
  if (emails.size === 0) return ws;
  if (!lookup) {
    throw new PlanbotError('workspace_invalid', `${source}: people given by e-mail address need Slack to look them up`);
  }
  const ids = new Map<string, string>();
  for (const [email, where] of emails) {
    const id = await lookup(email);
    if (!id) {
      throw new PlanbotError(
        'workspace_invalid',
        `${source}: ${where}: no one in the Slack workspace has the e-mail address ${email}`,
      );
    }
    ids.set(email, id);
  }
  const idOf = (ref: string) => (isEmail(ref) ? (ids.get(ref.toLowerCase()) ?? ref) : ref);
  return {
    ...ws,
    admins: ws.admins.map(idOf),
    people: Object.fromEntries(Object.entries(ws.people).map(([ref, name]) => [idOf(ref), name])),
    units: ws.units.map((u) => ({ ...u, leads: u.leads.map(idOf), members: u.members.map(idOf) })),
  };
}
