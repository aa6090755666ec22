import { z } from 'zod';

/** The parts of Slack's payloads that planbot reads, validated before any use. */

const id = z.string().min(1).max(64);

export const CommandPayload = z.object({
  command: z.string().startsWith('/'),
  text: z.string().max(4000, '命令内容过长(最多 4000 字)'),
  user_id: id,
  channel_id: id,
  team_id: id.optional(),
  trigger_id: z.string().min(1),
  response_url: z.string().url().optional(),
});
export type CommandPayload = z.infer<typeof CommandPayload>;

export const MessagePayload = z.object({
  user: id,
  text: z.string().max(40_000),
  channel: id,
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  channel_type: z.string().optional(),
  team: z.string().optional(),
});
export type MessagePayload = z.infer<typeof MessagePayload>;

export const ButtonAction = z.object({
  action_id: z.string(),
  value: z.string().max(2000).optional(),
});

export const AssistantThreadStarted = z.object({
  assistant_thread: z.object({ channel_id: id, thread_ts: z.string().min(1), user_id: id.optional() }),
});

/** A positive integer id carried in a button value. */
export const IdValue = z.coerce.number().int().positive();
