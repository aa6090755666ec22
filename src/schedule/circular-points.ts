import { createLlmClient, type LlmClient } from '../answer/llm.js';
import type { Deps } from '../deps.js';
import type { PeriodId } from '../progress/periods.js';
import { type PointsEdits, pointsBlocks, pointsText } from '../slack/blocks/circular-points.js';
import { truncate } from '../slack/blocks/text.js';
import { narrateReportPoints } from '../summary/report-narrative.js';
import { extractReportPoints, type PointsInput, type ReportPoints } from '../summary/report-points.js';
import { loadSubmittedReports } from './circular-repository.js';
import type { OutboxMessage } from './outbox.js';
import { scopeOf } from './plans.js';

/** The circular's report points: read the period's submitted reports, extract, narrate with a model if there is one. */

export type PointsDeps = Pick<Deps, 'db' | 'catalogue' | 'logger'> &
  Partial<Pick<Deps, 'config'>> & { units?: ReadonlySet<string> };

/** Blocks a Slack message may hold. */
const MESSAGE_BLOCKS = 50;

export async function buildPeriodReportPoints(
  deps: PointsDeps,
  period: PeriodId,
  llm: LlmClient | null = modelOf(deps),
): Promise<ReportPoints> {
  const { units, reports } = await loadSubmittedReports(deps.db, period, scopeOf(deps));
  const input: PointsInput = { period, topics: deps.catalogue.report_topics, units, reports };
  const points = extractReportPoints(input);
  return llm ? narrateReportPoints(llm, points, input, deps.logger) : points;
}

function modelOf(deps: PointsDeps): LlmClient | null {
  const config = deps.config?.llm;
  return config ? createLlmClient(config, deps.logger) : null;
}

/**
 * The circular's messages with the report points added: inside the circular itself when its blocks leave room,
 * else as replies in its thread right after it, each within Slack's limits.
 */
export function withReportPoints(
  messages: OutboxMessage[],
  points: ReportPoints,
  edits: PointsEdits = {},
): OutboxMessage[] {
  const at = messages.findIndex((m) => m.kind === 'circular');
  const main = messages[at];
  if (main?.payload.method !== 'chat.postMessage') return messages;
  const own = (main.payload.blocks ?? []) as unknown[];
  // The circular's chapters run 一 to 三 when it ranks units, 一 and 二 when it does not: the points come next.
  const chapter = JSON.stringify(own).includes('*三、') ? 4 : 3;
  const blocks = pointsBlocks(points, edits, chapter);
  const text = truncate(`${main.payload.text}\n\n${pointsText(points, edits, chapter)}`, 40_000);
  if (own.length + blocks.length <= MESSAGE_BLOCKS) {
    const merged: OutboxMessage = { ...main, payload: { ...main.payload, text, blocks: [...own, ...blocks] } };
    return [...messages.slice(0, at), merged, ...messages.slice(at + 1)];
  }
  const channel = main.payload.channel;
  const replies: OutboxMessage[] = [];
  for (let i = 0; i < blocks.length; i += MESSAGE_BLOCKS) {
    const part = blocks.slice(i, i + MESSAGE_BLOCKS);
    replies.push({
      recipient: main.recipient,
      kind: `circular_points:${i / MESSAGE_BLOCKS + 1}`,
      payload: {
        method: 'chat.postMessage',
        channel,
        text: truncate(pointsText(points, edits, chapter), 3000),
        blocks: part,
        threadOf: 'circular',
      },
    });
  }
  const withText: OutboxMessage = { ...main, payload: { ...main.payload, text } };
  return [...messages.slice(0, at), withText, ...replies, ...messages.slice(at + 1)];
}
