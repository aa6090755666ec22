import type { Deps } from '../../../deps.js';
import { suggestedPrompts } from '../../blocks/help.js';
import { AssistantThreadStarted } from '../../payloads.js';
import type { Listeners } from '../../router.js';

/** When someone opens a conversation with planbot, offer a few questions to start with. */
export function registerAssistantEvents(app: Listeners, deps: Deps): void {
  app.event('assistant_thread_started', async ({ event, client }) => {
    const parsed = AssistantThreadStarted.safeParse(event);
    if (!parsed.success) return;
    const { channel_id, thread_ts } = parsed.data.assistant_thread;
    await client.assistant.threads
      .setSuggestedPrompts({
        channel_id,
        thread_ts,
        title: '可以这样问我:',
        prompts: suggestedPrompts(deps.catalogue) as [{ title: string; message: string }],
      })
      .catch((error) => deps.logger.warn('suggested prompts not set', { error }));
  });
}
