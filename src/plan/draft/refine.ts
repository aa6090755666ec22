/**
 * Refining a drafted catalogue with a model: it may rename items and tighten quotes, nothing else. Every change is
 * checked against the plan: a name must be the plan's own words, a quote a verbatim span of the plan that still
 * holds the item (it contains the old quote or lies within it, with the same figure); anything else is rejected and
 * the offline draft stands. Without a model, or when it fails, the draft is returned unchanged.
 */
import { readFileSync } from 'node:fs';
import type { LlmClient } from '../../answer/llm.js';
import type { Plan } from '../parse.js';
import type { DraftIndicator } from './types.js';

const MAX_NAME = 40;

export interface Refinement {
  indicators: DraftIndicator[];
  /** Items whose name or quote the model changed and the checks accepted. */
  applied: number;
  /** Changes refused: unknown key, a name not in the plan, a quote not verbatim or not about the same target. */
  rejected: number;
}

interface Change {
  key?: unknown;
  name?: unknown;
  quote?: unknown;
}

/** The first JSON array in the model's text (it may wrap it in a code fence), or null. */
function parseChanges(text: string): Change[] | null {
  const start = text.indexOf('[');
  const end = text.lastIndexOf(']');
  if (start < 0 || end < start) return null;
  try {
    const value: unknown = JSON.parse(text.slice(start, end + 1));
    return Array.isArray(value) ? (value as Change[]) : null;
  } catch {
    return null;
  }
}

const digitsOf = (d: DraftIndicator) => (d.target === null ? null : String(d.target));

function acceptableQuote(plan: Plan, item: DraftIndicator, quote: string): boolean {
  if (!quote || !plan.text.includes(quote)) return false;
  if (!quote.includes(item.quote) && !item.quote.includes(quote)) return false;
  const digits = digitsOf(item);
  return digits === null || !item.quote.includes(digits) || quote.includes(digits);
}

/** Applies the model's changes (its raw text) to a draft, keeping only those that pass the checks. */
export function applyRefinements(plan: Plan, draft: DraftIndicator[], modelText: string): Refinement {
  const changes = parseChanges(modelText);
  if (!changes) return { indicators: draft, applied: 0, rejected: modelText.trim() ? 1 : 0 };
  const byKey = new Map(draft.map((d) => [d.key, d]));
  const updated = new Map<string, DraftIndicator>();
  let rejected = 0;
  for (const change of changes) {
    const item = typeof change.key === 'string' ? (updated.get(change.key) ?? byKey.get(change.key)) : undefined;
    const name = typeof change.name === 'string' ? change.name.trim() : undefined;
    const quote = typeof change.quote === 'string' ? change.quote.trim() : undefined;
    const nameOk = name === undefined || (name.length >= 2 && name.length <= MAX_NAME && plan.text.includes(name));
    const quoteOk = quote === undefined || (item !== undefined && acceptableQuote(plan, item, quote));
    if (!item || (name === undefined && quote === undefined) || !nameOk || !quoteOk) {
      rejected++;
      continue;
    }
    updated.set(item.key, { ...item, name: name ?? item.name, quote: quote ?? item.quote });
  }
  return {
    indicators: draft.map((d) => updated.get(d.key) ?? d),
    applied: updated.size,
    rejected,
  };
}

let cachedPrompt: string | undefined;
function loadPrompt(): string {
  cachedPrompt ??= readFileSync(new URL('../../../prompts/draft-refine.md', import.meta.url), 'utf8');
  return cachedPrompt;
}

/** Asks the model to refine the draft's names (and quotes), then checks every change against the plan. */
export async function refineDraft(
  plan: Plan,
  draft: DraftIndicator[],
  llm: LlmClient | null,
  options: { prompt?: string } = {},
): Promise<Refinement> {
  if (!llm || draft.length === 0) return { indicators: draft, applied: 0, rejected: 0 };
  const items = draft.map((d) => ({
    key: d.key,
    name: d.name,
    figure: d.target === null ? null : `${d.target}${d.targetMax === null ? '' : `-${d.targetMax}`}${d.measure ?? ''}`,
    quote: d.quote,
  }));
  try {
    const text = await llm.complete(
      [
        { role: 'system', content: options.prompt ?? loadPrompt() },
        { role: 'user', content: `《${plan.title}》\n${JSON.stringify(items, null, 1)}` },
      ],
      { maxTokens: 4000 },
    );
    return applyRefinements(plan, draft, text);
  } catch {
    // The model is optional: a timeout, a refusal or a 5xx leaves the offline draft as it is.
    return { indicators: draft, applied: 0, rejected: 0 };
  }
}
