import type { Figure } from './figures.js';
import { GOAL_VERB } from './targets.js';

/** Names stay short: what a reviewer reads in a list. */
const MAX_NAME = 24;

const OPENERS =
  /^(?:(?:力争|争取|确保|原则上|逐步|其中|同时|并且?|要|将|还要|进一步|全面|到|至|在|于|每年|每个|每家|我区|全系统|按照|依照|依据|根据|参照|按|，|,)\s*)+/;
/** A bound before the figure (`最长不超过6个月的过渡期`): the figure measures the noun after it, not the subject. */
const BOUND_AT_END = /(?:最长|最短|最多|最少|最高|最低|上限|下限)$/;
const VERBS_AT_END =
  /(?:的比例|比例)?(?:均|原则上|逐步|要)?(?:不得|不应|不)?(?:达到|达|低于|少于|高于|超过|小于|大于|降至|降到|控制在|稳定在|保持在|提高到|提高至|提升到|增至|为|占|降低|下降|减少|提高|提升|增长|增加)$/;

const COMPARATOR_AT_END = /(?:不得|不应|不)?(?:低于|少于|高于|超过|小于|大于)$|(?:至少|最少)$/;

function trim(name: string): string {
  const cleaned = name.replace(/^[，,、：:（(]+|[，,、：:）)]+$/g, '').trim();
  if (cleaned.length <= MAX_NAME) return cleaned;
  // A long noun phrase is usually `…的 <head>`: keep the head.
  const head = cleaned.slice(cleaned.lastIndexOf('的') + 1);
  return head.length >= 2 && head.length <= MAX_NAME ? head : cleaned.slice(0, MAX_NAME);
}

/**
 * What a figure measures, in the plan's words: the noun after it when a verb produces that many or it continues a
 * list (`推出100项具有较大知名度的体育精品赛事` → 体育精品赛事, `…和10000套人才公寓` → 人才公寓), else the subject
 * before the verb or comparator (`自治区科技成果奖数量达到5项以上` → 自治区科技成果奖数量).
 */
export function figureName(segment: string, figure: Figure, deadlineText: string | null): string {
  const after = segment
    .slice(figure.end)
    .replace(/^(?:的|以上的|以下的)/, '')
    .replace(/[，,；;。].*$/, '');
  let before = segment.slice(0, figure.start);
  if (deadlineText) before = before.replace(deadlineText, '');
  // `按不低于采购金额的30%`: the basis and the bound in front of what is measured are not its name.
  before = before.replace(OPENERS, '').replace(/^(?:不得|不应|不)?(?:低于|少于|高于|超过|小于|大于)/, '');
  const head = before.replace(COMPARATOR_AT_END, '');
  const produces = GOAL_VERB.test(head) || /[和及、]$/.test(head) || BOUND_AT_END.test(head) || head.length === 0;
  if (produces && /^[\u4e00-\u9fff“《]/.test(after) && after.length >= 2) return trim(after);
  for (let i = 0; i < 3; i++) before = before.replace(VERBS_AT_END, '').replace(/的$/, '');
  const subject = before.replace(new RegExp(`^.*(?:${GOAL_VERB.source.replace(/^\(\?:|\)\$$/g, '')})`), '');
  if (subject.length >= 2) return trim(subject);
  return trim(before || after || figure.written);
}

/** A task that says only that it is done (`该项工作于…完成`): it names nothing a reviewer could tell apart. */
const BARE_COMPLETION =
  /^(?:该项|此项|这项|上述|相关|各项)?(?:工作|任务)?(?:全面|基本|全部)?(?:完成|结束|到位|落实)(?:该项|此项|这项|上述|相关|各项)?(?:工作|任务)?$/;

/** A numbered section's own heading (`三、1 摸底排查` → 摸底排查, `一、主要目标` → 主要目标); '' when it has no number. */
const NUMBERING =
  /^(?:[一二三四五六七八九十百零〇]+、|第[一二三四五六七八九十百零〇\d]+[章节条]\s*)?(?:[(（][一二三四五六七八九十\d]+[)）])?(?:\d+(?:\.\d+)*)?\s*/;
function headingOf(label: string): string {
  const numbering = NUMBERING.exec(label)?.[0] ?? '';
  return numbering.trim() ? label.slice(numbering.length).trim() : '';
}

/**
 * What a milestone is, in the plan's words: the task after its deadline and subject; a task that only says it is
 * done is named by its section's heading (`三、1 摸底排查` → 摸底排查完成).
 */
export function milestoneName(task: string, sectionLabel?: string): string {
  const name = task
    .replace(OPENERS, '')
    .replace(/^(?:前|底前|以前|之前)/, '')
    .replace(/[。；;，,]+$/, '');
  const heading = sectionLabel ? headingOf(sectionLabel) : '';
  if (BARE_COMPLETION.test(name) && heading) return trim(`${heading}${name.includes('完成') ? '完成' : ''}`);
  return name.length <= 30 ? name : `${name.slice(0, 30)}…`;
}
