import { ActionError, type ClockHook, performAction, ScriptAction } from './actions.js';
import type { SandboxSession } from './session.js';

export type ScriptLine = Record<string, unknown>;

/**
 * Runs a script's actions in order and prints each as `{"action": …}` followed by everything the bot sent back.
 * A line that is not a valid action is reported as `{"error": …}` and the script goes on; returns the error count.
 */
export async function runScript(
  session: SandboxSession,
  text: string,
  print: (line: ScriptLine) => void,
  onClock?: ClockHook,
): Promise<number> {
  let errors = 0;
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    if (!raw.trim() || raw.trim().startsWith('//')) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      errors++;
      print({ error: `line ${i + 1}: not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const parsed = ScriptAction.safeParse(json);
    if (!parsed.success) {
      errors++;
      const issue = parsed.error.issues[0];
      print({
        action: json,
        error: `line ${i + 1}: not a known action (${issue?.path.join('.') || 'shape'}: ${issue?.message})`,
      });
      continue;
    }
    print({ action: json });
    try {
      for (const event of await performAction(session, parsed.data, onClock)) print(event);
    } catch (error) {
      errors++;
      print({ error: `line ${i + 1}: ${error instanceof ActionError ? error.message : (error as Error).message}` });
      // Whatever the failed action did still belongs to it.
      for (const event of await session.settle()) print(event);
    }
  }
  return errors;
}
