/**
 * A compromised or confused model may recite its instructions. The guard knows every run of `shingle` characters of
 * the instructions (whitespace removed, case and width folded) that is not also in the plan text, so quoting the
 * plan's title is fine but reproducing a sentence of the prompt is caught, at most `shingle - 1` characters in.
 */
import { normalizeForMatch } from './citations.js';

export interface LeakGuard {
  /** True when `text` contains a run of the instructions that the plan itself does not contain. */
  leaks(text: string): boolean;
}

export function createLeakGuard(secretTexts: readonly string[], allowedText: string, shingle = 16): LeakGuard {
  const allowed = new Set(runs(normalizeForMatch(allowedText).text, shingle));
  const secret = new Set<string>();
  for (const text of secretTexts) {
    for (const run of runs(normalizeForMatch(text).text, shingle)) if (!allowed.has(run)) secret.add(run);
  }
  return {
    leaks(text) {
      const normalized = normalizeForMatch(text).text;
      for (let i = 0; i + shingle <= normalized.length; i++)
        if (secret.has(normalized.slice(i, i + shingle))) return true;
      return false;
    },
  };
}

function runs(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + size <= text.length; i++) out.push(text.slice(i, i + size));
  return out;
}
