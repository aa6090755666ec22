import type { KnownBlock } from '@slack/types';
import { periodEndText } from '../../plan/span.js';
import { formatPeriod, type PeriodId } from '../../progress/periods.js';
import type { Circular, RankedUnit } from '../../summary/types.js';
import { dateZh, type SlackMessage } from './reminder.js';
import { safeText, splitText, truncate } from './text.js';

/**
 * The half-year circular (通报, CONTRACT §7) as Block Kit: submissions, regional targets against actuals, the ranking
 * with its yellow cards and the scoring rule; each unit's detail goes in a thread reply. Within Slack's limits
 * (50 blocks, 3,000 characters a section, 150 a header) whatever the number of units.
 */

const SECTION_MAX = 3000;
/** Ranked units listed in the main message before the list is cut to its top and bottom. */
const RANKING_LIST_MAX = 30;

const submissionZh = { on_time: '按时报送', late: '逾期报送', missing: '未报送' } as const;

function names(units: Array<{ short: string }>, max = 60): string {
  if (!units.length) return '无';
  const shown = units.slice(0, max).map((u) => safeText(u.short));
  return units.length > max ? `${shown.join('、')} 等 ${units.length} 个单位` : shown.join('、');
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/\.?0+$/, ''));

/** `3家`, `1个月` (a bare `1月` reads as January), `5%`. */
export function withUnit(x: number, measure: string | null): string {
  // A milestone has no measure: done or not done.
  if (measure === null) return x >= 1 ? '已完成' : '未完成';
  return `${fmt(x)}${measure === '月' ? '个月' : measure}`;
}

/** `2017年底前`; a yearly duty falls due at the end of the circular's year. */
function dueLine(due: string, period: PeriodId): string {
  const p = due === 'yearly' ? (`${period.slice(0, 4)}H2` as PeriodId) : (due as PeriodId);
  return `${periodEndText(p)}前`;
}

export function submissionsText(c: Circular): string {
  const s = c.submissions;
  // A plan that asks no unit for a report: say so rather than count nobody.
  if (s.owing === 0) return '本期没有单位须报送报告。';
  const late = s.late.length
    ? s.late
        .slice(0, 60)
        .map((u) => `${safeText(u.short)}(逾期 ${u.daysLate} 天)`)
        .join('、') + (s.late.length > 60 ? ` 等 ${s.late.length} 个单位` : '')
    : '无';
  return [
    `应报送 ${s.owing} 个单位:按时 ${s.onTime.length},逾期 ${s.late.length},未报送 ${s.missing.length}。`,
    `• 按时报送:${names(s.onTime)}`,
    `• 逾期报送:${late}`,
    `• 未报送:${names(s.missing)}`,
  ].join('\n');
}

export function regionalLines(c: Circular): string[] {
  return c.regional.map((r) => {
    const target =
      r.targetMax !== undefined
        ? `${fmt(r.target)}-${withUnit(r.targetMax, r.measure)}`
        : withUnit(r.target, r.measure);
    const flag = r.onTrack ? '✅ 进度正常' : '⚠️ 进度滞后';
    return `${safeText(r.name)}:${withUnit(r.actual, r.measure)},目标 ${target}(${dueLine(r.due, c.period)};完成 ${fmt(r.percent)}%,按进度应达 ${fmt(r.expectedPercent)}%)${flag}`;
  });
}

/** `第2名`, or `并列第2名` when another unit shares the score. */
export function rankText(r: Pick<RankedUnit, 'rank' | 'tied'>): string {
  return `${r.tied ? '并列' : ''}第${r.rank}名`;
}

function rankLine(c: Circular, r: RankedUnit): string {
  const mark = r.yellowCard ? ` 🟨 *${c.card.word}*` : '';
  return `${rankText(r)} ${safeText(r.unit.short)}  ${fmt(r.score)} ${c.points}(职责 ${Math.round(r.dutyScore * 100)}%,${submissionZh[r.submission]})${mark}`;
}

export function rankingLines(c: Circular): string[] {
  const all = c.ranking;
  if (all.length <= RANKING_LIST_MAX) return all.map((r) => rankLine(c, r));
  const bottom = all.filter((r) => r.yellowCard);
  const top = all.slice(0, RANKING_LIST_MAX - bottom.length - 1);
  return [
    ...top.map((r) => rankLine(c, r)),
    `…(其余 ${all.length - top.length - bottom.length} 个单位见线程回复)`,
    ...bottom.map((r) => rankLine(c, r)),
  ];
}

export function yellowCardText(c: Circular): string {
  const carded = c.ranking.filter((r) => r.yellowCard);
  if (!carded.length) return '';
  const who = carded.map((r) => safeText(r.unit.short)).join('、');
  const last = `后${chineseCount(c.cardCount)}名`;
  const tied = carded.length > c.cardCount ? `(含同分并列的 ${carded.length} 个单位)` : '';
  const { word, yearEnd, consequence, section } = c.card;
  const then = consequence ? `,并${safeText(consequence)}` : '';
  const per = section ? `按计划${safeText(section)},` : '';
  return c.half === 2
    ? `${per}年度排名${last}${tied}的 ${who} 亮*${safeText(word)}*${then}。`
    : `年中排名${last}${tied}的 ${who} 列为*${safeText(word)}*:如年底仍排名${last},将亮${safeText(yearEnd)}${then}。`;
}

/** The signature block (落款): who issues it and the date it is made. */
export function signatureText(c: Circular, timezone: string): string {
  return `${safeText(c.issuer)}\n${dateZh(c.asOf, timezone)}`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const chineseCount = (n: number) => DIGITS[n] ?? String(n);

function section(text: string): KnownBlock[] {
  return splitText(text, SECTION_MAX).map(
    (piece) => ({ type: 'section', text: { type: 'mrkdwn', text: piece } }) as KnownBlock,
  );
}

export function circularMessage(c: Circular, timezone: string): SlackMessage {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(c.title, 150) } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `依据${safeText(c.basis)}。报告截止 ${dateZh(c.due, timezone)},数据截至 ${dateZh(c.asOf, timezone)}。${c.scored ? '各单位明细见本消息线程。' : ''}`,
        },
      ],
    },
    ...section(`*一、报告报送情况*\n${submissionsText(c)}`),
    ...section(`*二、区域指标完成情况*(对照从计划起始到目标期限的直线进度)\n${regionalLines(c).join('\n') || '无'}`),
  ];
  if (c.scored) blocks.push(...section(`*三、考核排名*\n${rankingLines(c).join('\n') || '暂无参与排名的单位'}`));
  const cards = yellowCardText(c);
  if (cards) blocks.push(...section(cards));
  if (c.formula) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncate(`计分方法:${c.formula}`, SECTION_MAX) }],
    });
  }
  blocks.push(...section(signatureText(c, timezone)));
  return { text: circularText(c, timezone, SECTION_MAX), blocks: blocks.slice(0, 50) };
}

/** The circular as plain text, cut to `max` characters (the notification and fallback text of the message). */
export function circularText(c: Circular, timezone: string, max = 40_000): string {
  const strip = (s: string) => s.replace(/\*/g, '');
  const text = [
    `${c.title}(依据${c.basis};报告截止 ${dateZh(c.due, timezone)})`,
    `一、报告报送情况\n${strip(submissionsText(c))}`,
    `二、区域指标完成情况\n${strip(regionalLines(c).join('\n'))}`,
    c.scored ? `三、考核排名\n${strip(rankingLines(c).join('\n'))}` : '',
    strip(yellowCardText(c)),
    c.formula ? `计分方法:${c.formula}` : '',
    strip(signatureText(c, timezone)),
  ]
    .filter(Boolean)
    .join('\n\n');
  return truncate(text, max);
}

/** One unit's detail, a thread reply under the circular. */
export function unitDetailMessage(c: Circular, r: RankedUnit, timezone: string): SlackMessage {
  const duties = r.duties.map((d) => {
    if (!d.applies) return `• ${safeText(d.name)}:未填报,视为不适用,不计分`;
    const actual = d.actual === null ? '未填报' : withUnit(d.actual, d.measure);
    if (d.expected <= 0) return `• ${safeText(d.name)}:${actual},目标 ${withUnit(d.target, d.measure)},本期不考核`;
    return `• ${safeText(d.name)}:${actual} / 应达 ${withUnit(d.expected, d.measure)}(${Math.round(d.ratio * 100)}%)`;
  });
  const sub =
    r.submission === 'missing'
      ? '未报送'
      : `${submissionZh[r.submission]}(${r.submittedAt ? dateZh(r.submittedAt, timezone) : ''}${r.daysLate ? `,逾期 ${r.daysLate} 天` : ''})`;
  const head = `*${rankText(r)} ${safeText(r.unit.name)}*:${fmt(r.score)} ${c.points}${r.yellowCard ? ` 🟨 ${c.card.word}` : ''}`;
  const body = `${head}\n报告:${sub}\n职责完成度 ${Math.round(r.dutyScore * 100)}%:\n${duties.join('\n') || '• 无适用的职责指标'}`;
  return {
    text: truncate(`${formatPeriod(c.period)} ${r.unit.short} ${rankText(r)} ${fmt(r.score)} ${c.points}`, 3000),
    blocks: section(truncate(body, SECTION_MAX)),
  };
}
