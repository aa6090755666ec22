/**
 * Model text is untrusted: it must never ping a channel or a person, and it must not pass off text of its own as
 * the machine-readable citations block. Everything the model writes goes through here before a user sees it.
 */

const ZWSP = '\u200B';

/** `<!here>`, `<!channel|@channel>`, `<!subteam^S1|@team>`, `<!date^…>`: Slack's special-command escapes. */
const SPECIAL_COMMAND = /<!([^>|]*)(?:\|([^>]*))?>/g;
/** `<@U123>` or `<@U123|name>`: a user mention. */
const USER_MENTION = /<@([^>|]*)(?:\|([^>]*))?>/g;
/** Plain-text mass mentions, in either half- or full-width `@`. */
const MASS_MENTION = /[@＠](channel|here|everyone)\b/gi;
/** Citation-block tags, or look-alikes, that the model wrote into its prose. */
const FAKE_CITATION_TAG = /<\s*\/?\s*citations?\b[^>]*>?/gi;

/** Neutralises every Slack mention or command the model wrote, and removes fake citation tags. */
export function sanitizeModelText(text: string): string {
  return (
    text
      .replace(FAKE_CITATION_TAG, '')
      .replace(SPECIAL_COMMAND, (_m, command: string, label?: string) => {
        const name = (label ?? command.split('^')[0] ?? '').replace(/^[@＠]/, '');
        return `@${ZWSP}${name}`;
      })
      .replace(USER_MENTION, (_m, id: string, label?: string) => `@${ZWSP}${(label ?? id).replace(/^[@＠]/, '')}`)
      .replace(MASS_MENTION, (_m, word: string) => `@${ZWSP}${word}`)
      // Whatever escaped the patterns above (an unclosed `<!here`, say) still cannot start a Slack escape.
      .replace(/<(?=[!@])/g, `<${ZWSP}`)
  );
}
