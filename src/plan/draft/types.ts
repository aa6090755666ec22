/** What the offline draft of a plan's quantified targets produces (CONTRACT §8, issue 10 "Drafted catalogue"). */

export type Comparator = '>=' | '<=' | '=' | '~';

/**
 * One drafted target. A milestone (a dated task with no figure) has `target`, `measure` and `comparator` null.
 * `quote` is a verbatim span of the plan's text; `section` the label of the section it stands in.
 */
export interface DraftIndicator {
  /** Stable ascii key, unique in the plan, from the order of appearance: t01, t02… */
  key: string;
  /** What is measured, short, in the plan's words. */
  name: string;
  /** The figure as written (1.5 with measure 亿元); for a range its low end. */
  target: number | null;
  /** The high end of a range (1-2项 → 2), else null. */
  targetMax: number | null;
  comparator: Comparator | null;
  /** The unit word as written: 个, 家, 亿元, 毫米, %, 万人次, 个百分点… */
  measure: string | null;
  /** ISO date the target falls due, or null when the plan gives none or only a relative one (三年内). */
  deadline: string | null;
  /** The deadline as written (2019年3月底前, 三年内, 到2025年). */
  deadlineText: string | null;
  /** The responsible body as written; of several, the first listed (列第一位者为牵头单位). */
  lead: string | null;
  section: string;
  quote: string;
}
