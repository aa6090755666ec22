/**
 * What a person typed, recovered from Slack's message markup: links become their label, mentions and broadcasts
 * are dropped, and `&amp;`, `&lt;`, `&gt;` are unescaped — so a question is answered on its words, not its markup.
 */
export function plainText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@') || target.startsWith('!')) return ' ';
      if (target.startsWith('#')) return label ? `#${label}` : ' ';
      return label ?? target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const HELP_WORDS = new Set(['help', '帮助', '?', '?', '使用说明', '怎么用']);

/** A message that asks how to use planbot rather than what the plan says. */
export function asksForHelp(text: string): boolean {
  return HELP_WORDS.has(text.trim().toLowerCase());
}
