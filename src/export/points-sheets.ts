import type { ReportPoints } from '../summary/report-points.js';
import type { ExtraSheet } from './xlsx.js';

/**
 * The circular's report points as xlsx sheets: one per report topic (each unit's points, verbatim from its report,
 * beside a model's verified wording when there is one; units that wrote nothing named), and one of the problems
 * raised. Every unit's words: for exports that cover every unit (admins, the operator's CLI).
 */

const NOTHING = '(未报告本项内容)';

export function reportPointsSheets(points: ReportPoints): ExtraSheet[] {
  const topics = points.topics.map((t): ExtraSheet => {
    const said = t.narrative
      ? t.narrative.map((c) => [c.unit, c.quote, c.claim])
      : t.points.flatMap((p) => p.sentences.map((s) => [p.unit, s, '']));
    return {
      name: t.label,
      header: ['单位', '报告原文', '归纳(模型生成,已核对原文)'],
      rows: [...said, ...t.silent.map((u) => [u, NOTHING, ''])],
      widths: [16, 80, 60],
    };
  });
  const problems: ExtraSheet = {
    name: '问题和困难',
    header: ['单位', '报告主题', '报告原文'],
    rows: points.problems.map((p) => [p.unit, p.topic, p.text]),
    widths: [16, 24, 80],
  };
  return [...topics, problems];
}
