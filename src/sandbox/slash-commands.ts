/**
 * The slash commands manifest.yaml registers (a test keeps the two the same). Slack knows them from the app's
 * configuration and answers any other command itself, so the local workspace does too instead of sending it on.
 */
export const SLASH_COMMANDS = ['/plan', '/progress', '/report'] as const;

/** Why Slack would not send this command to planbot, or undefined when it would. */
export function unknownCommand(command: string): string | undefined {
  if ((SLASH_COMMANDS as readonly string[]).includes(command)) return undefined;
  const near = SLASH_COMMANDS.filter((known) => editDistance(known, command) <= 2);
  const hint = near.length ? ` Did you mean ${near.join(' or ')}?` : '';
  return `${command} is not a valid command (planbot's commands: ${SLASH_COMMANDS.join(', ')}).${hint}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
