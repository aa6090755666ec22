import { describe, expect, it } from 'vitest';
import type { IndicatorView } from '../../../src/plan/imported.js';
import type { PlanSummary } from '../../../src/plan/review.js';
import { checkView } from '../../../src/sandbox/fake-slack-validate.js';
import { indicatorFormModal } from '../../../src/slack/blocks/indicator-form.js';
import { PAGE_SIZE, reviewModal } from '../../../src/slack/blocks/plan-review.js';

const indicator = (n: number): IndicatorView => ({
  key: `t${String(n).padStart(2, '0')}`,
  name: `指标${n}`,
  target: n,
  comparator: '>=',
  measure: '个',
  deadline: '2025-12-31',
  lead: '市农业农村局',
  section: '一、总体目标',
  quote: `到2025年建成${n}个。`.repeat(80),
  status: n % 3 === 0 ? 'approved' : 'draft',
});
const summary: PlanSummary = {
  slug: 'big-plan',
  title: '某市行动方案',
  builtIn: false,
  running: false,
  counts: { draft: 80, approved: 40, rejected: 0 },
};

describe('the review modal', () => {
  it('shows a plan of 120 indicators a page at a time, each page within what Slack accepts', () => {
    const indicators = Array.from({ length: 120 }, (_, i) => indicator(i + 1));
    for (const page of [0, 3, 5]) {
      const view = reviewModal({ summary, indicators, page, lang: 'zh', runningSlugs: ['nmg-keji-2015'] });
      expect(() => checkView(view, ['modal'])).not.toThrow();
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      const text = JSON.stringify(view.blocks);
      expect(text).toContain(`plan_review_edit:t${String(page * PAGE_SIZE + 1).padStart(2, '0')}`);
      expect(text).not.toContain(`plan_review_edit:t${String((page + 1) * PAGE_SIZE + 1).padStart(2, '0')}"`);
    }
    const last = reviewModal({ summary, indicators, page: 99, lang: 'en', runningSlugs: [] });
    expect(JSON.stringify(last.blocks)).toContain('Page 6 of 6');
  });

  it('shows a range as both its ends, not as its low end alone', () => {
    const range: IndicatorView = { ...indicator(1), target: 60, targetMax: 70, comparator: '=', measure: '%' };
    const text = JSON.stringify(
      reviewModal({ summary, indicators: [range], page: 0, lang: 'zh', runningSlugs: [] }).blocks,
    );
    expect(text).toContain('60–70 %');
    expect(text).not.toContain('= 60 %');
  });

  it('tells the admin what to add to the workspace file while the plan does not run', () => {
    const view = reviewModal({ summary, indicators: [], page: 0, lang: 'en', runningSlugs: ['nmg-keji-2015'] });
    expect(JSON.stringify(view.blocks)).toContain('plans: [nmg-keji-2015, big-plan]');
  });

  it('the edit form for an indicator is a modal Slack accepts, filled with the indicator', () => {
    const view = indicatorFormModal({ slug: 'big-plan', lang: 'zh', parent: 'V1', page: 0 }, indicator(7));
    expect(() => checkView(view, ['modal'])).not.toThrow();
    expect(JSON.stringify(view.blocks)).toContain('"initial_date":"2025-12-31"');
  });
});
