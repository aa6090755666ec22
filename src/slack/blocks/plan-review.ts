import type { KnownBlock, ModalView } from '@slack/types';
import { type Lang, t } from '../../messages/index.js';
import { type IndicatorView, targetText } from '../../plan/imported.js';
import type { PlanSummary } from '../../plan/review.js';
import { safeText, truncate } from './text.js';

/** Plans for admins in Slack: the list, the import's reply, the review modal and the indicator form (pure). */

export const ACTION_OPEN_REVIEW = 'plan_review_open';
export const ACTION_APPROVE_ALL = 'plan_review_approve_all';
export const ACTION_ADD = 'plan_review_add';
export const ACTION_PAGE = 'plan_review_page';
/** Per indicator: `plan_review_approve:t03` — unique in the view, so a person (or a script) can press one. */
export const INDICATOR_ACTION = /^plan_review_(approve|reject|edit):(.+)$/;
export const REVIEW_MODAL = 'plan_review';
export const EDIT_MODAL = 'plan_indicator_edit';
export const ADD_MODAL = 'plan_indicator_add';
/** Indicators per page: two blocks each, so a page stays far below a view's 100 blocks. */
export const PAGE_SIZE = 20;

export interface ReviewMeta {
  slug: string;
  page: number;
  lang: Lang;
}
export interface FormMeta {
  slug: string;
  lang: Lang;
  /** The review modal to refresh once saved, its page, and the indicator edited. */
  parent: string;
  page: number;
  key?: string;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });
const mrkdwn = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, 3000) },
});

export function summaryLine(s: PlanSummary, lang: Lang): string {
  return t(lang, 'plans.line', {
    title: safeText(s.title),
    slug: s.slug,
    running: t(lang, s.running ? 'plans.running' : 'plans.notRunning'),
    ...s.counts,
  });
}

/** `/plan plans`: every plan with its indicators' review status and whether the workspace runs it. */
export function plansListBlocks(summaries: PlanSummary[], lang: Lang): KnownBlock[] {
  const lines = summaries.slice(0, 40).map((s) => summaryLine(s, lang));
  return [mrkdwn([t(lang, 'plans.heading'), ...lines].join('\n')), mrkdwn(t(lang, 'plans.hint'))];
}

/** What the admin must add to the workspace file for the plan to run, or that it runs. */
export function runningNote(s: PlanSummary, runningSlugs: readonly string[], lang: Lang): string {
  if (s.running) return t(lang, 'import.running');
  return t(lang, 'import.notRunning', { slug: s.slug, list: [...runningSlugs, s.slug].join(', ') });
}

/** The button that opens a plan's review, in the language of the message it stands on (`en:zhihui-nongye`). */
export function reviewButton(slug: string, lang: Lang) {
  const value = `${lang}:${slug}`;
  return { type: 'button' as const, action_id: ACTION_OPEN_REVIEW, text: plain(t(lang, 'review.open')), value };
}

/** The plan and language a review button names; a bare slug is read in Chinese. */
export function readReviewButton(value: string): { slug: string; lang: Lang } {
  const match = /^(zh|en):(.+)$/.exec(value);
  return match ? { lang: match[1] as Lang, slug: match[2] ?? '' } : { lang: 'zh', slug: value };
}

/** The reply to an imported file: what was found, whether it runs, and the button to review it. */
export function importedBlocks(
  result: { title: string; slug: string; sections: number; indicators: number },
  note: string,
  lang: Lang,
): { text: string; blocks: KnownBlock[] } {
  const done = t(lang, 'import.done', { ...result, title: safeText(result.title) });
  const lines = [done, ...(result.indicators ? [] : [t(lang, 'import.noIndicators')]), note];
  return {
    text: done,
    blocks: [
      mrkdwn(lines.join('\n')),
      {
        type: 'actions',
        block_id: 'plan_import',
        elements: [{ ...reviewButton(result.slug, lang), style: 'primary' }],
      },
    ],
  };
}

function figure(i: IndicatorView, lang: Lang): string {
  return targetText(i, ' ') ?? t(lang, 'review.milestone');
}

function indicatorText(i: IndicatorView, lang: Lang): string {
  const none = t(lang, 'review.none');
  return [
    `*${i.key} ${safeText(i.name)}* · ${t(lang, `review.status.${i.status}`)}`,
    `${t(lang, 'review.target')}: ${safeText(figure(i, lang))} · ${t(lang, 'review.deadline')}: ${i.deadline ?? none} · ${t(lang, 'review.lead')}: ${safeText(i.lead ?? none)}`,
    `${t(lang, 'review.section')}: ${safeText(i.section)}`,
    `> ${safeText(truncate(i.quote.replace(/\s+/g, ' '), 600))}`,
  ].join('\n');
}

export interface ReviewInput {
  summary: PlanSummary;
  indicators: IndicatorView[];
  page: number;
  lang: Lang;
  /** What the last press did, shown at the top. */
  notice?: string;
  runningSlugs: readonly string[];
}

/** The review modal: the plan's indicators a page at a time, each with approve / reject / edit. */
export function reviewModal(input: ReviewInput): ModalView {
  const { summary, lang } = input;
  const pages = Math.max(1, Math.ceil(input.indicators.length / PAGE_SIZE));
  const page = Math.min(Math.max(0, input.page), pages - 1);
  const shown = input.indicators.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const blocks: KnownBlock[] = [];
  if (input.notice)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(input.notice, 3000) }] });
  blocks.push(
    mrkdwn(t(lang, 'review.summary', { title: safeText(summary.title), slug: summary.slug, ...summary.counts })),
  );
  if (!summary.running) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: runningNote(summary, input.runningSlugs, lang) }],
    });
  }
  blocks.push({
    type: 'actions',
    block_id: 'review_all',
    elements: [
      ...(summary.counts.draft
        ? [
            {
              type: 'button' as const,
              action_id: ACTION_APPROVE_ALL,
              text: plain(t(lang, 'review.approveAll')),
              style: 'primary' as const,
              value: summary.slug,
            },
          ]
        : []),
      { type: 'button' as const, action_id: ACTION_ADD, text: plain(t(lang, 'review.add')), value: summary.slug },
    ],
  });
  if (!input.indicators.length) blocks.push(mrkdwn(t(lang, 'review.empty')));
  for (const i of shown) {
    blocks.push({ type: 'divider' }, mrkdwn(indicatorText(i, lang)));
    const buttons = [
      ...(i.status !== 'approved' ? [['approve', 'primary'] as const] : []),
      ...(i.status !== 'rejected' ? [['reject', 'danger'] as const] : []),
      ['edit', undefined] as const,
    ];
    blocks.push({
      type: 'actions',
      block_id: `ind_${i.key}`,
      elements: buttons.map(([verb, style]) => ({
        type: 'button' as const,
        action_id: `plan_review_${verb}:${i.key}`,
        text: plain(t(lang, `review.${verb}`)),
        value: i.key,
        ...(style ? { style } : {}),
      })),
    });
  }
  if (pages > 1) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: t(lang, 'review.page', { page: page + 1, pages, count: input.indicators.length }) },
      ],
    });
    const nav = [
      ...(page > 0
        ? [
            {
              type: 'button' as const,
              action_id: `${ACTION_PAGE}:prev`,
              text: plain(t(lang, 'review.prev')),
              value: String(page - 1),
            },
          ]
        : []),
      ...(page < pages - 1
        ? [
            {
              type: 'button' as const,
              action_id: `${ACTION_PAGE}:next`,
              text: plain(t(lang, 'review.next')),
              value: String(page + 1),
            },
          ]
        : []),
    ];
    blocks.push({ type: 'actions', block_id: 'review_pages', elements: nav });
  }
  const meta: ReviewMeta = { slug: summary.slug, page, lang };
  return {
    type: 'modal',
    callback_id: REVIEW_MODAL,
    title: plain(t(lang, 'review.title')),
    close: plain(t(lang, 'review.close')),
    private_metadata: JSON.stringify(meta),
    blocks,
  };
}
