/** Helpers for putting untrusted text into Slack messages safely. */

const ZWSP = '\u200b';

/** Escapes mrkdwn control characters so no text can form a link, a user mention or `<!channel>`. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Breaks `@channel`, `@here` and `@everyone` so they can never notify, whatever the message's parse mode. */
export function defuseMentions(text: string): string {
  return text.replace(/@(channel|here|everyone)\b/gi, `@${ZWSP}$1`);
}

/** Text from the plan, a model or a user, ready for a mrkdwn field. */
export function safeText(text: string): string {
  return defuseMentions(escapeMrkdwn(text));
}

/** Splits text into pieces of at most `max` characters, preferring paragraph and sentence ends. */
export function splitText(text: string, max = 3000): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf('。'), window.lastIndexOf('. '));
    const at = cut > max / 2 ? cut + 1 : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest.length || !pieces.length) pieces.push(rest);
  return pieces;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `2016-06-20 09:00` in the plan's time zone. */
export function formatWhen(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}
