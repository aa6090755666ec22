import { type Catalogue, type ReportTopic, topicAppliesTo, type UnitKind } from '../plan/catalogue.js';
import type { ReportTopics } from './types.js';
import { type Checked, fieldMessage } from './validate.js';

/** The half-year report's topics and what a draft or a submission must hold. Pure. */

export function reportTopicsFor(catalogue: Catalogue, kind: UnitKind): ReportTopic[] {
  return catalogue.report_topics.filter((t) => topicAppliesTo(t, kind));
}

const textLength = (s: string) => Array.from(s).length;

/**
 * Merges what was typed over the previous version (a topic left out keeps its text; an empty one clears it) and
 * checks the result: every topic within its length, and on submission none empty. Errors are keyed by topic key.
 */
export function checkReportTopics(
  topics: readonly ReportTopic[],
  previous: ReportTopics,
  given: Record<string, unknown>,
  submission: boolean,
): Checked<ReportTopics> {
  const errors: Record<string, string> = {};
  const known = new Set(topics.map((t) => t.key));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) errors[key] = fieldMessage({ zh: '报告中没有这一项', en: 'The report has no such topic' });
  }
  const merged: ReportTopics = {};
  for (const topic of topics) {
    const raw = Object.hasOwn(given, topic.key) ? given[topic.key] : previous[topic.key];
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      errors[topic.key] = fieldMessage({ zh: '请填写文字', en: 'Enter text' });
      continue;
    }
    const text = (raw ?? '').trim();
    if (textLength(text) > topic.max_length) {
      errors[topic.key] = fieldMessage({
        zh: `“${topic.label}”最多${topic.max_length}字(现有${textLength(text)}字)`,
        en: `${topic.label_en} may be at most ${topic.max_length} characters (it has ${textLength(text)})`,
      });
    } else if (submission && !text) {
      errors[topic.key] = fieldMessage({
        zh: `提交前请填写“${topic.label}”`,
        en: `Fill in ${topic.label_en} before submitting`,
      });
    }
    if (text) merged[topic.key] = text;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: merged };
}
