import type { Db } from '../../db/client.js';
import type { Logger } from '../logger.js';
import type { WorkspaceChange } from './diff.js';
import { diffWorkspace } from './diff.js';
import type { Workspace } from './file.js';
import { applyWorkspaceChanges, readWorkspaceState } from './repository.js';

/** Brings the database in line with the workspace file; running it again with the same file changes nothing. */
export async function syncWorkspace(db: Db, ws: Workspace, now: Date, logger?: Logger): Promise<WorkspaceChange[]> {
  const state = await readWorkspaceState(db);
  const changes = diffWorkspace(state, ws);
  await applyWorkspaceChanges(db, changes, now);
  if (changes.length) logger?.info('workspace synced', { changes: changes.length, actions: countBy(changes) });
  return changes;
}

function countBy(changes: WorkspaceChange[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of changes) out[c.action] = (out[c.action] ?? 0) + 1;
  return out;
}
