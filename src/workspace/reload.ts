import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { parseWorkspace, type Workspace } from './file.js';
import { type EmailLookup, resolveEmails } from './resolve.js';
import { syncWorkspace } from './sync.js';

export interface WorkspaceReloader {
  /** Reads the file if it changed since the last read and applies it; returns why it was refused, if it was. */
  check(): Promise<{ applied: boolean; error?: string }>;
  /** Checks whenever the file changes (polled, so editors that replace the file are seen too). */
  watch(intervalMs?: number): void;
  stop(): void;
}

export interface ReloadDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Replaced when an edit is applied; everything that reads the workspace reads it from here. */
  workspace: Workspace;
}

/**
 * Picks up edits of the workspace file without a restart. A bad edit changes nothing: the last good workspace stays
 * in force, and the error (with the line to fix) is logged and passed to `onRefused`, e.g. to tell the admins.
 */
export function workspaceReloader(
  deps: ReloadDeps,
  path: string,
  options: { lookup?: EmailLookup; onRefused?: (error: string) => void; onApplied?: (ws: Workspace) => void } = {},
): WorkspaceReloader {
  let lastText = safeRead(path);
  let running: Promise<{ applied: boolean; error?: string }> | undefined;

  const apply = async (): Promise<{ applied: boolean; error?: string }> => {
    const text = safeRead(path);
    if (text === undefined || text === lastText) return { applied: false };
    lastText = text;
    try {
      const ws = await resolveEmails(parseWorkspace(text, path), options.lookup, path);
      const changes = await syncWorkspace(deps.db, ws, deps.clock.now(), deps.logger);
      deps.workspace = ws;
      deps.logger.info('workspace file reloaded', { path, changes: changes.length });
      options.onApplied?.(ws);
      return { applied: true };
    } catch (error) {
      const message = (error as Error).message;
      deps.logger.error('workspace file not applied; the last good version stays in force', { path, error: message });
      options.onRefused?.(message);
      return { applied: false, error: message };
    }
  };

  let timer = false;
  return {
    check() {
      // One reload at a time: a second change waits for the first to be applied.
      running = (running ?? Promise.resolve({ applied: false })).then(apply, apply);
      return running;
    },
    watch(intervalMs = 2_000) {
      if (timer) return;
      timer = true;
      watchFile(path, { interval: intervalMs, persistent: false }, () => void this.check());
    },
    stop() {
      if (timer) unwatchFile(path);
      timer = false;
    },
  };
}

function safeRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
