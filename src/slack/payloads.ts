import { z } from 'zod';
import { isPeriodId, type PeriodId } from '../progress/periods.js';

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

/** A slash command's payload once validated; when it is not valid, the person is told why and null comes back. */
export async function acceptCommand(
  body: unknown,
  respond: (message: { response_type: 'ephemeral'; text: string }) => Promise<unknown>,
): Promise<CommandPayload | null> {
  const parsed = CommandPayload.safeParse(body);
  if (parsed.success) return parsed.data;
  await respond({
    response_type: 'ephemeral',
    text: `无法处理该命令:${parsed.error.issues[0]?.message ?? '格式不正确'}`,
  });
  return null;
}

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

const inputValue = z
  .object({
    type: z.string().optional(),
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
  })
  .loose();

/** A modal's submission: who, which view (its id and hash make the idempotency key), and what was typed. */
export const ViewSubmission = z.object({
  user: z.object({ id }),
  trigger_id: z.string().optional(),
  view: z.object({
    id: z.string().min(1),
    hash: z.string().min(1),
    callback_id: z.string(),
    private_metadata: z.string().max(3000).default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), inputValue)) }),
  }),
});
export type ViewSubmission = z.infer<typeof ViewSubmission>;

/** The value of one input of a submitted view: text, number, url, a select's choice, or checkbox values joined by commas. */
export function stateValue(state: ViewSubmission['view']['state'], blockId: string): string | undefined {
  const block = state.values[blockId];
  const input = block ? Object.values(block)[0] : undefined;
  if (!input) return undefined;
  if (input.selected_option !== undefined) return input.selected_option?.value;
  if (input.selected_options !== undefined) return (input.selected_options ?? []).map((o) => o.value).join(',');
  return input.value ?? undefined;
}

const lang = z.enum(['zh', 'en']).catch('zh');
const period = z.string().refine((p) => isPeriodId(p)) as unknown as z.ZodType<PeriodId>;

/** What the progress modals carry in `private_metadata`. */
export const ProgressModalMeta = z.object({
  channel: z.string().optional(),
  lang,
  updateId: z.number().int().positive().optional(),
  plan: z.string().optional(),
});

/** What the report modal carries in `private_metadata`. */
export const ReportModalMeta = z.object({
  unitId: z.string().min(1),
  // A modal opened before reports named their plan: the deployment's primary plan.
  plan: z.string().default(''),
  period,
  channel: z.string().optional(),
  lang,
});

/** Reads a modal's `private_metadata` with its schema; null when it is not what this app wrote. */
export function readMeta<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A button press: who, where (a message's channel or a view), the trigger for a modal. */
export const BlockAction = z.object({
  user: z.object({ id }),
  trigger_id: z.string().min(1),
  channel: z.object({ id }).optional(),
  container: z.object({ channel_id: z.string().optional(), view_id: z.string().optional() }).loose().optional(),
  actions: z.array(ButtonAction).min(1),
});

/** `open_report`'s value: `<unitId>:<period>:<plan>`, `<unitId>:<period>`, `<unitId>`, or nothing. */
export const OpenReportValue = z
  .string()
  .max(200)
  .optional()
  .transform((v) => {
    const [unitId, p, plan] = (v ?? '').split(':');
    return {
      unitId: unitId || undefined,
      period: p && isPeriodId(p) ? p : undefined,
      plan: plan || undefined,
    };
  });

export const AppHomeOpened = z.object({ user: id, tab: z.string().optional() });
