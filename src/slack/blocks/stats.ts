import type { KnownBlock } from '@slack/types';
import type { QuestionStats } from '../../answer/repository.js';
import { safeText, truncate } from './text.js';

const list = (rows: string[], empty: string) => (rows.length ? rows.map((r, i) => `${i + 1}. ${r}`).join('\n') : empty);

/** `/plan stats` for admins: what is asked most, what the plan does not answer, what was voted down. */
export function statsBlocks(s: QuestionStats): KnownBlock[] {
  const groundedPct = s.total ? Math.round((100 * s.grounded) / s.total) : 0;
  const q = (text: string) => truncate(safeText(text), 120);
  return [
    { type: 'header', text: { type: 'plain_text', text: '提问统计' } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `共 *${s.total}* 个提问,其中 *${groundedPct}%* 在计划中找到依据;回答耗时中位数 ${s.p50LatencyMs} ms。`,
      },
    },
    ...fallbackBlocks(s.fallbacks),
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*最常问的问题*\n${list(
          s.mostAsked.map((r) => `${q(r.question)}(${r.count} 次)`),
          '暂无',
        )}`,
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*计划未涉及的问题*(大家想知道、计划中没有的内容)\n${list(
          s.ungrounded.map((r) => `${q(r.question)}(${r.count} 次)`),
          '暂无',
        )}`,
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*被点“没帮助”的回答*\n${list(
          s.downVoted.map((r) => `${q(r.question)}(👎 ${r.down} / 👍 ${r.up})`),
          '暂无',
        )}`,
      },
    },
  ];
}

/** Model answers that did not pass the checks: an admin should see a model that invents figures. */
function fallbackBlocks(f: QuestionStats['fallbacks']): KnownBlock[] {
  const total = f.unavailable + f.quotes + f.figures + f.leak;
  if (total === 0) return [];
  const parts = [
    f.figures ? `数字与原文不符 *${f.figures}* 次` : '',
    f.quotes ? `引文无法核实 *${f.quotes}* 次` : '',
    f.leak ? `复述指令 *${f.leak}* 次` : '',
    f.unavailable ? `模型不可用 *${f.unavailable}* 次` : '',
  ].filter(Boolean);
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*模型回答未通过核实*(已改为原文摘录):${parts.join(',')}。`,
      },
    },
  ];
}
