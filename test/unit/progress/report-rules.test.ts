import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/plan/catalogue.js';
import { checkReportTopics, reportTopicsFor } from '../../../src/progress/report-rules.js';
import { asksForStanding } from '../../../src/progress/status.js';

const catalogue = loadCatalogue('plans/nmg-keji-2015');
const topics = reportTopicsFor(catalogue, 'institution');
const full = Object.fromEntries(topics.map((t) => [t.key, `${t.label}:已按计划推进。`]));

describe('the half-year report’s topics', () => {
  it('are the plan’s four for an institution and none for a league bureau', () => {
    expect(topics.map((t) => t.label)).toEqual([
      '科技制度落实情况',
      '科技工作开展情况',
      '科研人员培训情况',
      '科技项目推进情况',
    ]);
    expect(reportTopicsFor(catalogue, 'league_bureau')).toEqual([]);
  });

  it('a draft may leave topics empty', () => {
    expect(checkReportTopics(topics, {}, { rules_in_force: '已修订制度' }, false)).toEqual({
      ok: true,
      value: { rules_in_force: '已修订制度' },
    });
  });

  it('a submission needs every topic, and says which are missing', () => {
    const result = checkReportTopics(topics, {}, { rules_in_force: '已修订制度' }, true);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['project_progress', 'staff_training', 'work_carried_out']);
    expect(result.errors.staff_training).toEqual({
      zh: '提交前请填写“科研人员培训情况”',
      en: 'Fill in Training of research staff before submitting',
    });
  });

  it('a topic left out keeps the previous version’s text; an empty one clears it', () => {
    const result = checkReportTopics(topics, full, { staff_training: '', project_progress: '新进展' }, false);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.value.rules_in_force).toBe(full.rules_in_force);
    expect(result.value.project_progress).toBe('新进展');
    expect(result.value).not.toHaveProperty('staff_training');
  });

  it('each topic is limited to its length, counted in characters', () => {
    const max = topics[0]?.max_length ?? 0;
    expect(checkReportTopics(topics, {}, { rules_in_force: '字'.repeat(max) }, false).ok).toBe(true);
    const long = checkReportTopics(topics, {}, { rules_in_force: '字'.repeat(max + 1) }, false);
    expect(!long.ok && long.errors.rules_in_force?.zh).toContain(`最多${max}字`);
  });

  it('a topic the report does not have is pointed out rather than dropped', () => {
    const result = checkReportTopics(topics, {}, { ...full, budget: '…' }, true);
    expect(!result.ok && Object.keys(result.errors)).toEqual(['budget']);
  });
});

describe('telling a standing question from a question about the plan', () => {
  it.each([
    '国家质检中心现在有几家了?',
    '博士目前引进了多少人',
    '自治区重点实验室进展如何',
    'How many national centers are there now?',
  ])('%s asks where a target stands', (q) => expect(asksForStanding(q)).toBe(true));
  it.each(['国家质检中心建设有什么要求?', '什么是B级学科带头人', 'What does the plan say about training?'])(
    '%s asks what the plan says',
    (q) => expect(asksForStanding(q)).toBe(false),
  );
});
