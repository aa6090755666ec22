// Each Web API method's documented arguments (docs.slack.dev/reference/methods/<method>, "Arguments"), so the fake
// refuses what Slack would silently drop. Real Slack ignores an argument it does not know — a misspelt `alt_text`
// for `alt_txt` loses the alt text without an error — so here an unknown argument is an `invalid_arguments` failure
// that a test sees. `token` is taken from the header and never reaches these checks.
import { SlackApiError } from './fake-slack-state.js';

interface Params {
  required: readonly string[];
  optional: readonly string[];
}

const p = (required: string[], optional: string[] = []): Params => ({ required, optional });

const MESSAGE_LOOK = ['icon_emoji', 'icon_url', 'username'];

export const METHOD_PARAMS: Readonly<Record<string, Params>> = {
  'auth.test': p([]),
  'users.info': p(['user'], ['include_locale']),
  'users.list': p([], ['cursor', 'include_locale', 'limit', 'team_id']),
  'users.lookupByEmail': p(['email']),
  'conversations.open': p([], ['channel', 'prevent_creation', 'return_im', 'users']),
  'conversations.info': p(['channel'], ['include_locale', 'include_num_members']),
  'conversations.members': p(['channel'], ['cursor', 'limit']),
  'conversations.list': p([], ['cursor', 'exclude_archived', 'limit', 'team_id', 'types']),
  'conversations.join': p(['channel']),
  'conversations.history': p(['channel'], ['cursor', 'include_all_metadata', 'inclusive', 'latest', 'limit', 'oldest']),
  'conversations.replies': p(
    ['channel', 'ts'],
    ['cursor', 'include_all_metadata', 'inclusive', 'latest', 'limit', 'oldest'],
  ),
  'chat.postMessage': p(
    ['channel'],
    [
      'as_user',
      'attachments',
      'blocks',
      'link_names',
      'markdown_text',
      'metadata',
      'mrkdwn',
      'parse',
      'reply_broadcast',
      'text',
      'thread_ts',
      'unfurl_links',
      'unfurl_media',
      ...MESSAGE_LOOK,
    ],
  ),
  'chat.postEphemeral': p(
    ['channel', 'user'],
    ['as_user', 'attachments', 'blocks', 'link_names', 'markdown_text', 'parse', 'text', 'thread_ts', ...MESSAGE_LOOK],
  ),
  'chat.update': p(
    ['channel', 'ts'],
    [
      'as_user',
      'attachments',
      'blocks',
      'file_ids',
      'link_names',
      'markdown_text',
      'metadata',
      'parse',
      'reply_broadcast',
      'text',
    ],
  ),
  'chat.delete': p(['channel', 'ts'], ['as_user']),
  'chat.getPermalink': p(['channel', 'message_ts']),
  'chat.startStream': p(
    ['channel'],
    [
      'chunks',
      'markdown_text',
      'thread_ts',
      'recipient_user_id',
      'recipient_team_id',
      'task_display_mode',
      ...MESSAGE_LOOK,
    ],
  ),
  'chat.appendStream': p(['channel', 'ts'], ['chunks', 'markdown_text']),
  'chat.stopStream': p(['channel', 'ts'], ['chunks', 'markdown_text', 'blocks', 'metadata', 'session_status']),
  'views.open': p(['view'], ['trigger_id', 'interactivity_pointer']),
  'views.push': p(['view'], ['trigger_id', 'interactivity_pointer']),
  'views.update': p(['view'], ['external_id', 'hash', 'view_id']),
  'views.publish': p(['user_id', 'view'], ['hash']),
  'files.getUploadURLExternal': p(['filename', 'length'], ['alt_txt', 'snippet_type']),
  'files.info': p(['file'], ['count', 'cursor', 'limit', 'page']),
  'files.completeUploadExternal': p(['files'], ['blocks', 'channel_id', 'channels', 'initial_comment', 'thread_ts']),
  'assistant.threads.setStatus': p(['channel_id', 'thread_ts', 'status'], ['loading_messages', ...MESSAGE_LOOK]),
  'assistant.threads.setSuggestedPrompts': p(['channel_id', 'thread_ts', 'prompts'], ['title']),
  'assistant.threads.setTitle': p(['channel_id', 'thread_ts', 'title']),
  'reactions.add': p(['channel', 'name', 'timestamp']),
};

/**
 * WebClient sends `team_id` with every call when it knows the team (Bolt's per-request clients do), which Slack
 * reads for org-wide installs on any method.
 */
const ANY_METHOD = new Set(['team_id']);

/**
 * Refuses an argument the method does not document, naming it and what the method takes. A missing required
 * argument is left to the method, which answers with Slack's own error for it (`channel_not_found`, `no_text`…).
 */
export function checkArguments(method: string, args: Record<string, unknown>): void {
  const params = METHOD_PARAMS[method];
  if (!params) return;
  const known = new Set([...params.required, ...params.optional]);
  const unknown = Object.keys(args).filter((key) => !known.has(key) && !ANY_METHOD.has(key));
  if (unknown.length === 0) return;
  throw new SlackApiError('invalid_arguments', {
    response_metadata: {
      messages: unknown.map(
        (key) => `[ERROR] ${method} takes no argument "${key}"; it takes: ${[...known].join(', ') || '(none)'}`,
      ),
    },
  });
}
