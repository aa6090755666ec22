/** The update and edit forms' words, in each language. */
export const PROGRESS_WORDS = {
  zh: {
    title: '填报进展',
    editTitle: '修改进展',
    submit: '提交',
    close: '取消',
    unit: '填报单位',
    indicator: '指标',
    indicatorPh: '选择要填报的指标',
    period: '期间',
    value: '数值',
    valueHint: (measures: string[], percent: boolean, milestone: boolean) =>
      `${[
        measures.length ? `按指标的计量单位填写(${measures.join('、')})` : '按指标的计量单位填写',
        ...(percent ? ['百分比填 0–100 之间的数'] : []),
        ...(milestone ? ['里程碑任务填 1(已完成)或 0(未完成)'] : []),
      ].join(';')}。`,
    milestone: '完成与否',
    note: '说明',
    notePh: '例如:通过国家验收',
    evidence: '佐证链接',
    evidencePh: 'https://',
    editing: (what: string) => `修改:${what}`,
  },
  en: {
    title: 'Report progress',
    editTitle: 'Edit update',
    submit: 'Submit',
    close: 'Cancel',
    unit: 'Unit',
    indicator: 'Indicator',
    indicatorPh: 'Choose an indicator',
    period: 'Period',
    value: 'Value',
    valueHint: (measures: string[], percent: boolean, milestone: boolean) =>
      `${[
        measures.length ? `In the indicator's measure (${measures.join(', ')})` : "In the indicator's measure",
        ...(percent ? ['percentages as a number from 0 to 100'] : []),
        ...(milestone ? ['a milestone takes 1 (done) or 0 (not done)'] : []),
      ].join('; ')}.`,
    milestone: 'done or not',
    note: 'Note',
    notePh: 'e.g. passed national acceptance',
    evidence: 'Evidence link',
    evidencePh: 'https://',
    editing: (what: string) => `Editing: ${what}`,
  },
} as const;
