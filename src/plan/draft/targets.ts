import { prefixComparator } from './comparator.js';
import type { Figure } from './figures.js';

/**
 * Verbs that make a plain figure (no comparator) a target: the plan commits to producing or reaching that many
 * (`推出100项`, `新批筹2家`, `创建国家重点实验室1家`). Verbs that merely describe (选择, 确定, 派, 由…构成) are
 * deliberately absent: a figure after them is the plan's scope, not a target.
 */
export const GOAL_VERB = new RegExp(
  `(?:${[
    '达到|推出|打造|建成|建设|培育|新增|新建|扩建|改建|改造|创建|争创|创办|组建|筹建|培养|引进|吸引|集聚|完成|实现',
    '设立|安排|设置|配备|配置|批筹|增加|增长|提高|提升|降低|取得|获得|举办|承办|召开|突破|累计|招收|招聘|招录',
    '资助|补助|补贴|奖励|表彰|投入|筹集|覆盖|建立|认定|评定|命名|授予|扶持|帮扶|支持|选拔|选派|推荐|输送|组织',
    '发动|培训|轮训|转化|孵化|服务|推广|开发|研发|研制|制定|修订|编制|发布|实施|启动|检测|抽查|轮换|调整|提供|达',
  ].join('|')})$`,
);
/** How far a goal verb may stand before its figure, with a noun between (创建国家重点实验室1家). */
const VERB_REACH = 16;
/** Words that put a figure in the past or the present state, not the plan's aim. */
const BACKGROUND = /已经|已|现有|目前|截至|截止|近年来|过去|去年|(?<![比较])上年/;

/**
 * Whether a background word governs the figure: it does unless the figure is the aim set on top of it
 * (`在现有9家的基础上建成20家`); `已建成120座`, `已批筹的3家` stay facts.
 */
function isBackground(before: string): boolean {
  const all = [...before.matchAll(new RegExp(BACKGROUND.source, 'g'))];
  const last = all.at(-1);
  if (!last) return false;
  const rest = before.slice((last.index ?? 0) + last[0].length);
  // Only `在现有…的基础上` opens an aim after a background word; `已建成120座` stays the past.
  if (!/基础上/.test(rest)) return true;
  const afterBase = rest.slice(rest.lastIndexOf('基础上'));
  return !new RegExp(GOAL_VERB.source.replace(/\$$/, '')).test(afterBase);
}

export interface TargetContext {
  /** The clause the figure stands in. */
  clause: string;
  /** The target figure before this one in the clause, if any (`选拔100名…、200名…` lists targets). */
  previous?: Figure;
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
  // `储存6个月以上12个月以内的，按…`: a clause ending in 的 names the cases a rule applies to.
  if (/的$/.test(clause)) return false;

  const prefix = prefixComparator(clause, figure);
  const verb = goalVerbBefore(clause, figure);
  // 一个, 两翼, 三带 are words more often than counts: a Chinese numeral counts only right after a goal verb.
  if (figure.chinese) return verb?.gap === 0;
  // A frequency: `每4年轮换一次` is a target of 4 years; in `每5年修订1次` the count 1次 is.
  if (/每$/.test(before)) return !/\d/.test(after);
  // A rate (`100元/吨`) is a norm the plan sets.
  if (/[/／]/.test(figure.measure)) return true;
  // An age bound qualifies people (`35岁以下青年`), it is not an aim.
  if (figure.measure === '岁') return false;
  const adjacent = verb?.gap === 0 || prefix?.gap === 0;
  if (/^的/.test(after)) {
    if (/^的\s*$/.test(after)) return false;
    // `500万元及以下的小微企业`: a bound right before 的 qualifies a noun.
    if (!adjacent && ((figure.suffix !== null && figure.suffix !== '~') || /对/.test(before))) return false;
  }
  // 对…不超过1%的担保业务给予补贴: the figure qualifies what 对 introduces, whatever binds it.
  if (/对/.test(before) && /的/.test(after) && verb?.gap !== 0) return false;
  // A range (1-2项, 60%—70%) is how plans state an aim; scopes and facts are single figures.
  if (figure.suffix !== null || prefix !== null || verb !== null || figure.valueMax !== null) return true;
  // The next item of a list of targets: `选拔100名正职后备人才、200名副职后备人才`.
  if (
    ctx.previous &&
    /^[^，,；;。：:]*(?:、|和|及|以及)[^，,；;。：:、]*$/.test(clause.slice(ctx.previous.end, figure.start))
  ) {
    return true;
  }
  // A clause that continues a list of targets without repeating the verb: `…1家，自治区重点实验室2家` or
  // `…300名…赴境外培训，1000名…参加研修`: the figure ends or opens it.
  return ctx.followsTarget && (/^[以上下内左右及，,]*$/.test(after) || /^[，,、和及并]*$/.test(before));
}
