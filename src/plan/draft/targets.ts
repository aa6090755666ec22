import { prefixComparator } from './comparator.js';
import type { Figure } from './figures.js';

/**
 * Verbs that make a plain figure (no comparator) a target: the plan commits to producing or reaching that many
 * (`推出100项`, `新批筹2家`, `创建国家重点实验室1家`). Verbs that merely describe (选择, 确定, 派, 由…构成) are
 * deliberately absent: a figure after them is the plan's scope, not a target.
 */
const GOAL_VERB =
  /(?:达到|推出|打造|建成|建设|培育|新增|新建|创建|争创|培养|引进|完成|实现|设立|安排|设置|批筹|增加|增长|提高|提升|降低|取得|获得|举办|突破|累计|招收|资助|投入|筹集|覆盖|建立|开展|认定|命名|扶持|达)$/;
/** How far a goal verb may stand before its figure, with a noun between (创建国家重点实验室1家). */
const VERB_REACH = 12;
/** Words that put a figure in the past or the present state, not the plan's aim. */
const BACKGROUND = /已经|已|现有|目前|截至|截止|近年来|过去|去年|上年|比上年|同比/;

/**
 * Whether a background word governs the figure: it does unless a goal verb stands between them that is not itself
 * part of the background (`在现有9家的基础上建成20家` is an aim; `已批筹的3家` is not).
 */
function isBackground(before: string): boolean {
  const all = [...before.matchAll(new RegExp(BACKGROUND.source, 'g'))];
  const last = all.at(-1);
  if (!last) return false;
  const rest = before.slice((last.index ?? 0) + last[0].length);
  return ![...rest.matchAll(new RegExp(GOAL_VERB.source.replace(/\$$/, ''), 'g'))].some(
    (v) => rest[(v.index ?? 0) + v[0].length] !== '的',
  );
}

export interface TargetContext {
  /** The clause the figure stands in. */
  clause: string;
  /** Whether the clause before, in the same sentence, held a target (for 自治区重点实验室2家 after 1家). */
  followsTarget: boolean;
}

/** A goal verb before the figure within reach, with no punctuation, list comma or other figure between. */
export function goalVerbBefore(clause: string, figure: Figure): { gap: number } | null {
  const window = clause.slice(Math.max(0, figure.start - VERB_REACH - 4), figure.start);
  for (let gap = 0; gap <= Math.min(VERB_REACH, window.length); gap++) {
    const between = window.slice(window.length - gap);
    if (/[，,；;。：:、\d]/.test(between)) return null;
    if (GOAL_VERB.test(window.slice(0, window.length - gap))) return { gap };
  }
  return null;
}

/**
 * Whether a figure is one of the plan's targets rather than a scope, a condition or a fact:
 * - background (已, 现有, 目前…) before it in its clause: a fact;
 * - a condition: `500万元及以下的小微企业`, `入围生产企业为2家的，`, `对…500万元…的…` — unless a goal verb or a
 *   comparator stands right before it (`安排1个月以上的培训`, `设立50万元的专项经费`);
 * - otherwise it needs a comparator (以上, 不低于, 控制在…), a goal verb before it, or to continue a list of targets
 *   in the same sentence (`…1家，自治区重点实验室2家`); a Chinese numeral needs a goal verb right before it.
 */
export function isTarget(figure: Figure, ctx: TargetContext): boolean {
  const { clause } = ctx;
  const before = clause.slice(0, figure.start);
  const after = clause.slice(figure.end);
  if (isBackground(before)) return false;
  const prefix = prefixComparator(clause, figure);
  const verb = goalVerbBefore(clause, figure);
  // 一个, 两翼, 三带 are words more often than counts: a Chinese numeral counts only right after a goal verb.
  if (figure.chinese) return verb?.gap === 0;
  const adjacent = verb?.gap === 0 || prefix?.gap === 0;
  if (/^的/.test(after)) {
    if (/^的\s*$/.test(after)) return false;
    if (!adjacent && (figure.suffix !== null || /对/.test(before))) return false;
  }
  // 对…不超过1%的担保业务给予补贴: the figure qualifies what 对 introduces, whatever binds it.
  if (/对/.test(before) && /的/.test(after) && verb?.gap !== 0) return false;
  // A range (1-2项, 60%—70%) is how plans state an aim; scopes and facts are single figures.
  if (figure.suffix !== null || prefix !== null || verb !== null || figure.valueMax !== null) return true;
  return ctx.followsTarget && clause.length <= 16 && !/[、]/.test(before.slice(-2));
}
