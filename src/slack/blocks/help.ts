import type { KnownBlock } from '@slack/types';
import type { Lang } from '../../answer/types.js';
import type { Catalogue } from '../../plan/catalogue.js';
import { truncate } from './text.js';

/** The help speaks of one of the plan's own indicators (`x`), never of a name that belongs to another plan. */
const HELP = {
  zh: (x: string) => [
    '*planbot 使用说明*',
    `• 直接提问:\`/plan ${x}的目标是多少?\`,或在频道中 \`@planbot\` 提问,或私信我。回答会给出计划原文的章节和依据。`,
    `• 在我回答过的话题(thread)里继续追问,无需再 @ 我。问“${x}现在完成多少了?”会同时给出最新填报的数字。`,
    `• 填报进展:\`/progress\` 打开表单;\`/progress ${x} 3 说明\` 直接填报;\`/progress history [单位]\` 查看、修改、撤回记录(单位负责人)。`,
    '• 半年工作报告:`/report`(可先保存草稿,再提交)。',
    '• `/plan status [单位]` 查看目标完成进度;`/plan export 2016H1 [csv|xlsx]` 导出本期填报数据(单位负责人导出本单位,管理员导出全部)。',
    '• `/plan help` 显示本说明;管理员:`/plan stats` 提问统计,`/plan schedule` 查看或调整提醒与通报时间,`/plan summary preview` 预览半年通报,`/plan plans` 计划一览,`/plan import` 导入计划(私信我计划文件),`/plan review 计划标识` 审核指标。',
  ],
  en: (x: string) => [
    '*How to use planbot*',
    `• Ask: \`/plan What is the target for ${x}?\`, mention \`@planbot\` in a channel, or send me a DM. Answers cite the plan's section and exact words.`,
    '• Follow up in a thread I answered without mentioning me again. Asking where a target stands also gives the latest reported figure.',
    `• Report progress: \`/progress\` opens the form; \`/progress ${x} 3 note\` records inline; \`/progress history [unit]\` lists, edits and withdraws entries (unit leads).`,
    '• Half-year report: `/report` (save a draft, then submit).',
    '• `/plan status [unit]` shows targets against progress; `/plan export 2016H1 [csv|xlsx]` exports the period (leads: their unit; admins: all).',
    '• `/plan help` shows this; admins: `/plan stats` (question statistics), `/plan schedule` (reminder and circular times), `/plan summary preview` (the half-year circular before it posts), `/plan plans` (the plans), `/plan import` (import a plan: send me its file in a DM), `/plan review SLUG` (review its indicators).',
  ],
} as const;

/** The indicator the help's examples name: the plan's first, or a placeholder when it has none. */
export function exampleIndicator(catalogue: Pick<Catalogue, 'indicators'> | undefined, lang: Lang): string {
  const first = catalogue?.indicators[0];
  if (!first) return lang === 'en' ? '<indicator>' : '指标名称';
  return lang === 'en' ? (first.name_en ?? first.name) : first.name;
}

export function helpText(lang: Lang, catalogue?: Pick<Catalogue, 'indicators'>): string {
  return HELP[lang](exampleIndicator(catalogue, lang)).join('\n');
}

export function helpBlocks(lang: Lang, catalogue?: Pick<Catalogue, 'indicators'>): KnownBlock[] {
  return [{ type: 'section', text: { type: 'mrkdwn', text: helpText(lang, catalogue) } }];
}

/** A few questions to start with, made from the plan's own indicators (its first ones with a deadline). */
export function suggestedPrompts(catalogue: Catalogue, max = 4): Array<{ title: string; message: string }> {
  return catalogue.indicators.slice(0, max).map((i) => ({
    title: truncate(i.name, 30),
    message: i.due === 'yearly' ? `${i.name}每年有什么要求?` : `${i.name}的目标是多少?`,
  }));
}
