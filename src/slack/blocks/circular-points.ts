import type { KnownBlock } from '@slack/types';
import type { ReportPoints, TopicPoints } from '../../summary/report-points.js';
import { safeText, splitText } from './text.js';

/**
 * The circular's account of what units reported (CONTRACT §7), as plain text an admin may edit and as Block Kit:
 * one section per topic with each point under its unit, the problems raised in a section of their own, and the
 * units that wrote nothing on a topic. Pure.
 */

const SECTION_MAX = 3000;
/** The key an edit of the problems section is stored under, beside the topics' keys. */
export const PROBLEMS_KEY = 'problems';

/** Admins' replacements of a section's text, by topic key (or `problems`). */
export type PointsEdits = Record<string, string>;

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ordinal = (i: number) => `(${ORDINALS[i] ?? String(i + 1)})`;

/** A topic's text as it reads in the circular, before any edit: one line per unit (or per claim of a narrative). */
export function topicBody(t: TopicPoints): string {
  const lines = t.narrative
    ? t.narrative.map((c) => `• ${c.claim}(${c.unit}报告:“${c.quote}”)`)
    : t.points.map((p) => `• ${p.unit}:${p.sentences.join(' ')}`);
  if (!lines.length) lines.push('• 各单位均未报告本项内容。');
  else if (t.silent.length) lines.push(`未报告本项内容的单位:${t.silent.join('、')}。`);
  return lines.join('\n');
}

export function problemsBody(points: ReportPoints): string {
  if (!points.problems.length) return '各单位报告中未提出问题和困难。';
  return points.problems.map((p) => `• ${p.unit}(${p.topic}):${p.text}`).join('\n');
}

/** Every section's current text, edits applied: what the edit modal shows and the circular posts. */
export function pointsSections(
  points: ReportPoints,
  edits: PointsEdits = {},
): Array<{ key: string; title: string; body: string }> {
  const topics = points.topics.map((t, i) => ({
    key: t.key,
    title: `${ordinal(i)}${t.label}`,
    body: edits[t.key] ?? topicBody(t),
  }));
  return [
    ...topics,
    { key: PROBLEMS_KEY, title: '存在的问题和困难', body: edits[PROBLEMS_KEY] ?? problemsBody(points) },
  ];
}

const CHAPTERS = ['一', '二', '三', '四', '五', '六', '七', '八'];
/** The chapters' headings, numbered on from the circular's own chapters (`first` is 1-based). */
export function headings(first = 4): { points: string; problems: string } {
  const n = (i: number) => CHAPTERS[i - 1] ?? String(i);
  return {
    points: `${n(first)}、各单位半年报告要点`,
    problems: `${n(first + 1)}、各单位反映的问题和困难(请相关处室协调解决)`,
  };
}

function section(text: string): KnownBlock[] {
  return splitText(text, SECTION_MAX).map(
    (piece) => ({ type: 'section', text: { type: 'mrkdwn', text: piece } }) as KnownBlock,
  );
}

/** The sections as Block Kit, in reading order: the topics under one heading, then the problems. */
export function pointsBlocks(points: ReportPoints, edits: PointsEdits = {}, firstChapter = 4): KnownBlock[] {
  const h = headings(firstChapter);
  const sections = pointsSections(points, edits);
  const problems = sections.pop();
  const source =
    points.mode === 'model' ? '按各单位报告归纳,每条均引用该单位报告原文' : '摘自各单位报告原文,每条注明报送单位';
  return [
    ...section(`*${h.points}*(${source})`),
    ...sections.flatMap((s) => section(`*${s.title}*\n${safeText(s.body)}`)),
    ...(problems ? section(`*${h.problems}*\n${safeText(problems.body)}`) : []),
  ];
}

/** The same as plain text, for the message's fallback text and the dry run. */
export function pointsText(points: ReportPoints, edits: PointsEdits = {}, firstChapter = 4): string {
  const h = headings(firstChapter);
  const sections = pointsSections(points, edits);
  const problems = sections.pop();
  return [h.points, ...sections.map((s) => `${s.title}\n${s.body}`), `${h.problems}\n${problems?.body ?? ''}`].join(
    '\n\n',
  );
}
