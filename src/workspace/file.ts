import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { oneLine, PlanbotError } from '../errors.js';
import type { UnitKind } from '../plan/catalogue.js';
import { KIND_ID } from '../plan/catalogue-schema.js';
import { isTimeZone } from '../progress/periods.js';
import { ScheduleConfigSchema } from '../schedule/config.js';

/** The workspace file (CONTRACT §3): units, people, roles and channels of a deployment. */

const userId = z.string().regex(/^[UW][A-Z0-9_]+$/, 'must be a Slack user id such as U0123ABCD');
const channelId = z.string().regex(/^[CGD][A-Z0-9_]+$/, 'must be a Slack channel id such as C0123ABCD');

export type { UnitKind };

const planSlug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a plan slug (lowercase letters, digits, -)');

/** A kind of unit the deployment has, with the words shown for it. */
const KindSchema = z
  .object({
    id: z.string().regex(KIND_ID, 'must be snake_case ascii'),
    label: z.string().trim().min(1, 'must not be empty'),
    label_en: z.string().trim().min(1).optional(),
  })
  .strict();

const UnitSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, - or _'),
    name: z.string().trim().min(1, 'must not be empty'),
    short: z.string().trim().min(1).optional(),
    kind: z.string().regex(KIND_ID, 'must be a unit kind id (snake_case ascii)'),
    channel: channelId.optional(),
    /** The plans this unit reports on; default: all of the deployment's. */
    plans: z.array(planSlug).min(1).optional(),
    leads: z.array(userId).default([]),
    members: z.array(userId).default([]),
  })
  .strict();

const WorkspaceSchema = z
  .object({
    timezone: z.string().default('Asia/Shanghai').refine(isTimeZone, 'is not a known IANA time zone'),
    admins: z.array(userId).min(1, 'must name at least one admin'),
    channels: z
      .object({
        summary: channelId,
        reminders: channelId.optional(),
        admins: channelId.optional(),
        /** Which plan `/plan` answers from in a channel: channel id → plan slug. */
        plans: z.record(channelId, planSlug).default({}),
      })
      .strict(),
    /** The plans the deployment runs (slugs); default: the shipped one. */
    plans: z.array(planSlug).min(1, 'must name at least one plan').optional(),
    /** The kinds of unit; when given, every unit's kind must be one of them. */
    kinds: z.array(KindSchema).min(1).optional(),
    /** Display names, by user id: optional, used to render people and by the local workspace. */
    people: z.record(userId, z.string().min(1)).default({}),
    units: z.array(UnitSchema).min(1, 'must list at least one unit'),
    /** The reminders' and circular's schedule (src/schedule/config.ts); admins may change it with `/plan schedule`. */
    schedule: ScheduleConfigSchema.optional(),
  })
  .strict()
  .superRefine((ws, ctx) => {
    const seen = new Set<string>();
    const kinds = ws.kinds ? new Set(ws.kinds.map((k) => k.id)) : undefined;
    const runs = ws.plans ? new Set(ws.plans) : undefined;
    ws.units.forEach((unit, i) => {
      if (kinds && !kinds.has(unit.kind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'kind'],
          message: `must be one of ${[...kinds].join(', ')}`,
        });
      }
      for (const slug of unit.plans ?? []) {
        if (runs && !runs.has(slug)) {
          ctx.addIssue({
            code: 'custom',
            path: ['units', i, 'plans'],
            message: `${slug} is not in the top-level plans`,
          });
        }
      }
      if (seen.has(unit.id))
        ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `duplicate unit id "${unit.id}"` });
      seen.add(unit.id);
      const both = unit.leads.filter((u) => unit.members.includes(u));
      if (both.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'members'],
          message: `${both.join(', ')} is already a lead`,
        });
      }
    });
  });

export interface WorkspaceUnit {
  id: string;
  name: string;
  short: string;
  kind: UnitKind;
  channel?: string;
  leads: string[];
  members: string[];
  /** The plans the unit reports on; absent: all of the deployment's. */
  plans?: string[];
}

export interface WorkspaceKind {
  id: string;
  label: string;
  label_en: string;
}

export interface Workspace {
  timezone: string;
  admins: string[];
  channels: { summary: string; reminders: string; admins: string; plans: Record<string, string> };
  /** The plans the deployment runs; absent: the shipped one. */
  plans?: string[];
  /** The declared unit kinds; empty when the file declares none (any kind id is accepted). */
  kinds: WorkspaceKind[];
  people: Record<string, string>;
  units: WorkspaceUnit[];
  /** Only what the file states; every other field keeps its default. */
  schedule?: Record<string, unknown>;
}

/** Names a zod issue path in the file's own terms: `units[2] (jly).kind`. */
function describePath(path: readonly PropertyKey[], raw: unknown): string {
  let out = '';
  let node: unknown = raw;
  for (const key of path) {
    if (typeof key === 'number') {
      const item = Array.isArray(node) ? node[key] : undefined;
      const id = item && typeof item === 'object' && 'id' in item ? ` (${String((item as { id: unknown }).id)})` : '';
      out += `[${key}]${id}`;
    } else {
      out += out ? `.${String(key)}` : String(key);
    }
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return out || '(top level)';
}

export function parseWorkspace(text: string, source = 'workspace file'): Workspace {
  let raw: unknown;
  try {
    raw = parseYaml(text, { logLevel: 'error' });
  } catch (error) {
    throw new PlanbotError(
      'workspace_invalid',
      `${source}: not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = WorkspaceSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = describePath(issue?.path ?? [], raw);
    // A message can quote the offending input (an unknown key that is a whole block): keep it to one line.
    throw new PlanbotError('workspace_invalid', oneLine(`${source}: ${where}: ${issue?.message ?? 'invalid'}`));
  }
  const ws = parsed.data;
  return {
    timezone: ws.timezone,
    admins: ws.admins,
    channels: {
      summary: ws.channels.summary,
      reminders: ws.channels.reminders ?? ws.channels.summary,
      admins: ws.channels.admins ?? ws.channels.summary,
      plans: ws.channels.plans,
    },
    ...(ws.plans ? { plans: ws.plans } : {}),
    kinds: (ws.kinds ?? []).map((k) => ({ ...k, label_en: k.label_en ?? k.label })),
    people: ws.people,
    units: ws.units.map((u) => ({ ...u, short: u.short ?? u.name })),
    ...(raw && typeof raw === 'object' && 'schedule' in raw && ws.schedule
      ? { schedule: (raw as { schedule: Record<string, unknown> }).schedule }
      : {}),
  };
}

export function loadWorkspace(path: string): Workspace {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PlanbotError(
      'workspace_invalid',
      `cannot read the workspace file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return parseWorkspace(text, path);
}

/** Every user id the workspace knows, with a display name. */
export function directoryOf(ws: Workspace): Array<{ id: string; name: string }> {
  const ids = new Set<string>([...ws.admins, ...Object.keys(ws.people)]);
  for (const unit of ws.units) for (const u of [...unit.leads, ...unit.members]) ids.add(u);
  return [...ids].map((id) => ({ id, name: ws.people[id] ?? id }));
}
