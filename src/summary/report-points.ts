import { normalizeForMatch } from '../answer/citations.js';
import type { PeriodId } from '../progress/periods.js';

/**
 * What the units wrote in their half-year reports, topic by topic, for the circular (CONTRACT §7): the sentences
 * that carry each unit's points, the problems units raised gathered apart so the office can 协调解决, and the units
 * that wrote nothing on a topic. Pure and extractive: every sentence that leaves here stands verbatim in its
 * unit's submitted report. A model's narrative (report-narrative.ts) may replace a topic's points, never the rules.
 */

export interface PointsTopic {
  key: string;
  label: string;
  /** Unit kinds that report on it; absent: every unit. */
  applies_to?: readonly string[];
}

export interface PointsUnit {
  id: string;
  short: string;
  kind: string;
}

export interface SubmittedReport {
  unitId: string;
  /** By topic key, the report's text as submitted. */
  topics: Record<string, string>;
}

export interface PointsInput {
  period: PeriodId;
  topics: readonly PointsTopic[];
  units: readonly PointsUnit[];
  reports: readonly SubmittedReport[];
}

export interface UnitPoints {
  unitId: string;
  unit: string;
  /** Verbatim sentences of the unit's report on the topic, in the report's order. */
  sentences: string[];
}

/** One claim of a model's narrative, with the verbatim span of the unit's report that bears it out. */
export interface NarrativeClaim {
  unitId: string;
  unit: string;
  claim: string;
  quote: string;
}

export interface TopicPoints {
  key: string;
  label: string;
  points: UnitPoints[];
  /** Set when a model's narrative passed verification; the circular then shows it instead of `points`. */
  narrative?: NarrativeClaim[];
  /** Short names of the units that owe the topic and wrote nothing on it (or no report at all). */
  silent: string[];
}

export interface RaisedProblem {
  unitId: string;
  unit: string;
  topicKey: string;
  topic: string;
  text: string;
}

export interface ReportPoints {
  period: PeriodId;
  mode: 'extractive' | 'model';
  topics: TopicPoints[];
  problems: RaisedProblem[];
}

export interface PointsOptions {
  /** Sentences kept per unit and topic. Default 3. */
  perUnit?: number;
  /** Problems kept per unit, over all topics. Default 5. */
  problemsPerUnit?: number;
}

/** Ends of a sentence in Chinese or English reports; a line break ends one too (lists, numbered items). */
const SENTENCE_END = /(?<=[。！？!?；;])|(?<=\.)\s+|\n+/u;
/** A list marker at the start of a sentence: `1.`, `(2)`, `一、`, `①`, `-`. */
const ENUMERATOR = /^\s*(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）.、．]|[①-⑳]|[-•·*])\s*/u;
/** Sentences that frame a report rather than say anything in it. */
const FILLER = [
  /^(现将|特此|以上|综上|总之|总体(来看|而言|上)|下面|下一步)/u,
  /(如下|报告如下|汇报如下|情况如下)[:：。]?$/u,
  /^(无|暂无|没有|同上|略|见附件)[。.]?$/u,
];
/** A problem, difficulty or request raised: by general words, never by a plan's or a unit's. */
const PROBLEM =
  /困难|问题|不足|建议|瓶颈|制约|短缺|缺乏|欠缺|薄弱|滞后|难以|亟需|亟待|有待|不够|紧缺|不到位|不平衡|压力较大|difficult|problem|shortage|lack|suggest|bottleneck/iu;
/** …unless the sentence says it was dealt with or not found. */
const RESOLVED = /(已|均已|已经|基本)(解决|克服|整改|落实到位)|未发现|没有发现|无明显|不存在|no problems?/iu;
const NUMBER = /\d|[一二三四五六七八九十百千万两]+(项|个|人|名|次|篇|家|万元|亿元|期|场|批|套|台|件|部)/u;
const ACTION =
  /完成|开展|制定|修订|建立|组织|举办|获得|取得|通过|申报|立项|结题|验收|发布|引进|培训|投入|推进|实施|召开|启动|印发|出台/u;

const contentLength = (s: string) => normalizeForMatch(s).text.replace(/[\p{P}\p{S}]/gu, '').length;

/** A report's text cut into sentences, each a verbatim span of it (list markers and spaces at the ends trimmed). */
export function splitSentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim().replace(ENUMERATOR, '').trim())
    .filter((s) => s.length > 0);
}

export function isFiller(sentence: string): boolean {
  return contentLength(sentence) < 6 || FILLER.some((re) => re.test(sentence));
}

export function isProblem(sentence: string): boolean {
  return PROBLEM.test(sentence) && !RESOLVED.test(sentence);
}

/** How much a sentence says: figures, named documents, things done, length. */
export function informativeness(sentence: string): number {
  let score = 0;
  if (NUMBER.test(sentence)) score += 3;
  if (/[《“"]/u.test(sentence)) score += 1;
  if (ACTION.test(sentence)) score += 1;
  if (contentLength(sentence) >= 15) score += 1;
  return score;
}

/** True when `quote` stands verbatim in `text`, whitespace and full/half-width punctuation aside. */
export function standsIn(quote: string, text: string): boolean {
  const q = normalizeForMatch(quote).text;
  return q.length >= 2 && normalizeForMatch(text).text.includes(q);
}

/** The `n` most informative sentences, kept in the order the unit wrote them. */
function mostInformative(sentences: string[], n: number): string[] {
  const ranked = sentences
    .map((s, i) => ({ s, i, score: informativeness(s) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, n);
  return ranked.sort((a, b) => a.i - b.i).map((r) => r.s);
}

export function extractReportPoints(input: PointsInput, options: PointsOptions = {}): ReportPoints {
  const perUnit = options.perUnit ?? 3;
  const problemsPerUnit = options.problemsPerUnit ?? 5;
  const reportOf = new Map(input.reports.map((r) => [r.unitId, r.topics]));
  const problems: RaisedProblem[] = [];
  const problemCount = new Map<string, number>();
  const seenProblem = new Set<string>();

  const topics = input.topics.map((topic): TopicPoints => {
    const owing = input.units.filter((u) => !topic.applies_to || topic.applies_to.includes(u.kind));
    const points: UnitPoints[] = [];
    const silent: string[] = [];
    for (const unit of owing) {
      const text = reportOf.get(unit.id)?.[topic.key]?.trim() ?? '';
      const sentences = splitSentences(text).filter((s) => !isFiller(s) && standsIn(s, text));
      if (!sentences.length) {
        silent.push(unit.short);
        continue;
      }
      for (const s of sentences.filter(isProblem)) {
        const key = `${unit.id}\u0000${normalizeForMatch(s).text}`;
        const count = problemCount.get(unit.id) ?? 0;
        if (seenProblem.has(key) || count >= problemsPerUnit) continue;
        seenProblem.add(key);
        problemCount.set(unit.id, count + 1);
        problems.push({ unitId: unit.id, unit: unit.short, topicKey: topic.key, topic: topic.label, text: s });
      }
      const said = sentences.filter((s) => !isProblem(s));
      // A unit whose every sentence is a problem still made its point on the topic: its problems are listed below.
      if (said.length) points.push({ unitId: unit.id, unit: unit.short, sentences: mostInformative(said, perUnit) });
    }
    return { key: topic.key, label: topic.label, points, silent };
  });
  return { period: input.period, mode: 'extractive', topics, problems };
}

/** A unit's whole text on a topic, for checking a quote against it. */
export function topicText(input: PointsInput, unitId: string, topicKey: string): string {
  return input.reports.find((r) => r.unitId === unitId)?.topics[topicKey] ?? '';
}
