import { readFileSync } from 'node:fs';
import { normalizeForMatch } from '../answer/citations.js';
import type { ChatMessage, LlmClient } from '../answer/llm.js';
import type { Logger } from '../logger.js';
import {
  type NarrativeClaim,
  type PointsInput,
  type ReportPoints,
  standsIn,
  type TopicPoints,
  topicText,
} from './report-points.js';

/**
 * With a model configured: a short narrative per topic, each claim attributed to a unit and carrying a quote that
 * must stand verbatim in that unit's report and bear the claim out (its figures, most of its words). One claim that
 * fails and the whole topic keeps its extractive points: a circular never states what a unit did not write.
 */

/** Characters of one unit's text on a topic shown to the model. */
const UNIT_TEXT_MAX = 1500;
/** Share of a claim's characters (its unit's name aside) that must appear in its quote. */
const MIN_SUPPORT = 0.6;

let promptCache: string | undefined;
function systemPrompt(): string {
  promptCache ??= readFileSync(new URL('../../prompts/circular-points.md', import.meta.url), 'utf8');
  return promptCache;
}

export interface ModelClaim {
  unit: string;
  claim: string;
  quote: string;
}

/** The JSON array in the model's reply, or null when there is none. */
export function parseClaims(reply: string): ModelClaim[] | null {
  const start = reply.indexOf('[');
  const end = reply.lastIndexOf(']');
  if (start < 0 || end <= start) return null;
  try {
    const data = JSON.parse(reply.slice(start, end + 1)) as unknown;
    if (!Array.isArray(data)) return null;
    return data.map((d) => {
      const o = (d ?? {}) as Record<string, unknown>;
      return { unit: String(o.unit ?? ''), claim: String(o.claim ?? ''), quote: String(o.quote ?? '') };
    });
  } catch {
    return null;
  }
}

const numbersOf = (s: string): string[] => s.match(/\d+(?:\.\d+)?/g) ?? [];

/** Whether a claim about `unitShort` is borne out by its quote: every figure in it, and most of its characters. */
export function claimSupported(claim: string, quote: string, unitShort: string): boolean {
  const q = normalizeForMatch(quote).text;
  if (!numbersOf(claim).every((n) => numbersOf(quote).includes(n))) return false;
  const own = normalizeForMatch(claim)
    .text.replace(/[\p{P}\p{S}]/gu, '')
    .split(normalizeForMatch(unitShort).text)
    .join('');
  const chars = Array.from(own);
  if (!chars.length) return false;
  const inQuote = chars.filter((c) => q.includes(c)).length;
  return inQuote / chars.length >= MIN_SUPPORT;
}

/** Checks a topic's claims; null when any of them fails (or there are none). */
export function verifyClaims(
  claims: readonly ModelClaim[],
  topic: TopicPoints,
  input: PointsInput,
): NarrativeClaim[] | null {
  const reporting = new Map(topic.points.map((p) => [p.unitId, p.unit]));
  const out: NarrativeClaim[] = [];
  for (const c of claims) {
    const unit = reporting.get(c.unit);
    if (!unit || !c.claim.trim()) return null;
    const text = topicText(input, c.unit, topic.key);
    if (!standsIn(c.quote, text) || !claimSupported(c.claim, c.quote, unit)) return null;
    out.push({ unitId: c.unit, unit, claim: c.claim.trim(), quote: c.quote.trim() });
  }
  return out.length ? out : null;
}

function topicMessages(topic: TopicPoints, input: PointsInput): ChatMessage[] {
  const texts = topic.points
    .map((p) => `### ${p.unitId}(${p.unit})\n${topicText(input, p.unitId, topic.key).slice(0, UNIT_TEXT_MAX)}`)
    .join('\n\n');
  return [
    { role: 'system', content: systemPrompt() },
    { role: 'user', content: `主题:${topic.label}\n\n${texts}` },
  ];
}

/** The extractive points with each topic's narrative added where the model's claims all check out. */
export async function narrateReportPoints(
  llm: LlmClient,
  points: ReportPoints,
  input: PointsInput,
  logger: Logger,
): Promise<ReportPoints> {
  const topics: TopicPoints[] = [];
  let narrated = 0;
  for (const topic of points.topics) {
    if (!topic.points.length) {
      topics.push(topic);
      continue;
    }
    try {
      const reply = await llm.complete(topicMessages(topic, input), { maxTokens: 1200 });
      const claims = parseClaims(reply);
      const narrative = claims ? verifyClaims(claims, topic, input) : null;
      if (narrative) {
        narrated++;
        topics.push({ ...topic, narrative });
        continue;
      }
      logger.warn('circular narrative failed verification; the topic keeps its extractive points', {
        topic: topic.key,
        claims: claims?.length ?? null,
      });
    } catch (error) {
      logger.warn('circular narrative unavailable; the topic keeps its extractive points', { topic: topic.key, error });
    }
    topics.push(topic);
  }
  return { ...points, topics, mode: narrated ? 'model' : 'extractive' };
}
