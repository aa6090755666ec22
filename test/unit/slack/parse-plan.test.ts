import { describe, expect, it } from 'vitest';
import { parsePlanCommand } from '../../../src/slack/listeners/commands/parse-plan.js';

describe('/plan sub-commands', () => {
  it('reads status with and without a unit', () => {
    expect(parsePlanCommand('status')).toEqual({ kind: 'status' });
    expect(parsePlanCommand('status jly')).toEqual({ kind: 'status', unit: 'jly' });
    expect(parsePlanCommand('进展 计量院')).toEqual({ kind: 'status', unit: '计量院' });
  });

  it('reads the admins’ plan commands: plans, import, review with an optional slug', () => {
    expect(parsePlanCommand('plans')).toEqual({ kind: 'plans' });
    expect(parsePlanCommand('导入')).toEqual({ kind: 'import' });
    expect(parsePlanCommand('review')).toEqual({ kind: 'review' });
    expect(parsePlanCommand('review Zhihui-Nongye')).toEqual({ kind: 'review', slug: 'zhihui-nongye' });
    expect(parsePlanCommand('审核 zhihui-nongye')).toEqual({ kind: 'review', slug: 'zhihui-nongye' });
  });

  it('keeps a sentence that starts with "review" a question', () => {
    expect(parsePlanCommand('review the targets for 2017')).toMatchObject({ kind: 'question' });
    expect(parsePlanCommand('审核 科技项目怎么做?')).toMatchObject({ kind: 'question' });
  });

  it('keeps a sentence that starts with "status" a question', () => {
    expect(parsePlanCommand('status of the national centres?')).toEqual({
      kind: 'question',
      text: 'status of the national centres?',
    });
  });

  it('reads export with its period and format, csv by default', () => {
    expect(parsePlanCommand('export 2016H1 xlsx')).toEqual({ kind: 'export', period: '2016H1', format: 'xlsx' });
    expect(parsePlanCommand('export 2016H1')).toEqual({ kind: 'export', period: '2016H1', format: 'csv' });
    expect(parsePlanCommand('导出 2016上半年 CSV')).toEqual({ kind: 'export', period: '2016H1', format: 'csv' });
    expect(parsePlanCommand('export 2016H1 csv zh')).toEqual({
      kind: 'export',
      period: '2016H1',
      format: 'csv',
      lang: 'zh',
    });
    expect(parsePlanCommand('导出 中文 2016H1')).toMatchObject({ period: '2016H1', lang: 'zh' });
  });

  it('marks an export without a readable period so the usage can be shown', () => {
    expect(parsePlanCommand('export')).toEqual({ kind: 'export', period: null, format: 'csv' });
    expect(parsePlanCommand('export soon')).toEqual({ kind: 'export', period: null, format: 'csv' });
  });

  it('still treats help, stats and questions as before', () => {
    expect(parsePlanCommand('')).toEqual({ kind: 'help' });
    expect(parsePlanCommand('stats')).toEqual({ kind: 'stats' });
    expect(parsePlanCommand('国家质检中心现在有几家了?')).toEqual({
      kind: 'question',
      text: '国家质检中心现在有几家了?',
    });
  });
});
