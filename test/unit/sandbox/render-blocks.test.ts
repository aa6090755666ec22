import { describe, expect, it } from 'vitest';
import { withBlockIds } from '../../../src/sandbox/fake-slack-state.js';
import { buttonsOf, findInputs, mrkdwnToText, renderMessage, renderView } from '../../../src/sandbox/render-blocks.js';

const progressModal = {
  type: 'modal',
  callback_id: 'progress_update',
  private_metadata: '{"unit":"jly","period":"2016H1"}',
  title: { type: 'plain_text', text: '填报进展' },
  submit: { type: 'plain_text', text: '提交' },
  close: { type: 'plain_text', text: '取消' },
  blocks: [
    {
      type: 'section',
      block_id: 'intro',
      text: { type: 'mrkdwn', text: '*计量院* · 2016年上半年　请对照<https://example.gov.cn/plan|三年行动计划>填写。' },
    },
    {
      type: 'input',
      block_id: 'indicator',
      label: { type: 'plain_text', text: '指标' },
      element: {
        type: 'static_select',
        action_id: 'indicator',
        placeholder: { type: 'plain_text', text: '选择指标' },
        option_groups: [
          {
            label: { type: 'plain_text', text: '代表性指标' },
            options: [
              { text: { type: 'plain_text', text: '国家质检中心' }, value: 'gz_center' },
              { text: { type: 'plain_text', text: '计量标准' }, value: 'jl_standard' },
            ],
          },
          {
            label: { type: 'plain_text', text: '科技制度' },
            options: [{ text: { type: 'plain_text', text: '科技制度落实情况' }, value: 'system' }],
          },
        ],
        initial_option: { text: { type: 'plain_text', text: '计量标准' }, value: 'jl_standard' },
      },
    },
    {
      type: 'input',
      block_id: 'value',
      label: { type: 'plain_text', text: '本期完成数' },
      hint: { type: 'plain_text', text: '填写累计数，单位见指标说明' },
      element: { type: 'number_input', action_id: 'value', is_decimal_allowed: false, initial_value: '2' },
    },
    {
      type: 'input',
      block_id: 'evidence',
      optional: true,
      label: { type: 'plain_text', text: '佐证材料链接' },
      element: {
        type: 'url_text_input',
        action_id: 'evidence_url',
        placeholder: { type: 'plain_text', text: 'https://' },
      },
    },
    {
      type: 'input',
      block_id: 'done_on',
      label: { type: 'plain_text', text: '完成日期' },
      element: { type: 'datepicker', action_id: 'done_on', initial_date: '2016-06-20' },
    },
    {
      type: 'input',
      block_id: 'note',
      optional: true,
      label: { type: 'plain_text', text: '科技制度落实情况说明' },
      element: { type: 'plain_text_input', action_id: 'note', multiline: true },
    },
  ],
};

const circularMessage = {
  text: '2016年上半年科技工作通报',
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: '2016年上半年科技工作通报' } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: '<@U_ADMIN> 发布，见 <#C_KEJI|keji>。得分 = 完成率 × 权重 &amp; 加分项' },
      fields: [
        { type: 'mrkdwn', text: '*排名*\n1' },
        { type: 'mrkdwn', text: '*单位*\n计量院' },
      ],
    },
    { type: 'divider' },
    {
      type: 'section',
      block_id: 'risk',
      text: { type: 'mrkdwn', text: ':warning: *黄牌预警*：质检院、特检院、标准院' },
      accessory: {
        type: 'button',
        action_id: 'view_detail',
        value: '2016H1',
        text: { type: 'plain_text', text: '查看明细' },
      },
    },
    {
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [
            { type: 'text', text: '依据 ' },
            { type: 'text', text: '三、(四)', style: { bold: true } },
          ],
        },
        {
          type: 'rich_text_list',
          style: 'ordered',
          elements: [
            { type: 'rich_text_section', elements: [{ type: 'text', text: '约谈单位负责人' }] },
            { type: 'rich_text_section', elements: [{ type: 'text', text: '限期整改' }] },
          ],
        },
        {
          type: 'rich_text_list',
          style: 'bullet',
          indent: 1,
          elements: [
            {
              type: 'rich_text_section',
              elements: [{ type: 'link', url: 'https://example.gov.cn/plan', text: '计划原文' }],
            },
          ],
        },
        { type: 'rich_text_quote', elements: [{ type: 'text', text: '对排名后三位的单位给予黄牌警告' }] },
        { type: 'rich_text_preformatted', elements: [{ type: 'text', text: '得分 = Σ 完成率 × 权重' }] },
      ],
    },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: '来源：一、(三) 代表性指标' },
        { type: 'plain_text', text: '2016-06-30' },
      ],
    },
    {
      type: 'actions',
      block_id: 'circular_actions',
      elements: [
        {
          type: 'button',
          action_id: 'export_csv',
          value: '2016H1',
          text: { type: 'plain_text', text: '导出 CSV' },
          style: 'primary',
        },
        { type: 'button', action_id: 'open_report', text: { type: 'plain_text', text: '填报半年报告' } },
        {
          type: 'button',
          action_id: 'plan_link',
          url: 'https://example.gov.cn/plan',
          text: { type: 'plain_text', text: '打开计划' },
        },
      ],
    },
  ],
};

describe('renderView', () => {
  it('shows a progress modal with its title, inputs, hints, initial values, select options and buttons', () => {
    expect(renderView(progressModal)).toBe(
      [
        '══ 填报进展 ══',
        '*计量院* · 2016年上半年　请对照三年行动计划 (https://example.gov.cn/plan)填写。',
        '▸ 指标',
        '  ⟨单选⟩ 计量标准',
        '    代表性指标：',
        '      ○ 国家质检中心',
        '      ● 计量标准',
        '    科技制度：',
        '      ○ 科技制度落实情况',
        '▸ 本期完成数',
        '  ⟨数字⟩ 2',
        '  提示：填写累计数，单位见指标说明',
        '▸ 佐证材料链接（选填）',
        '  ⟨网址⟩ （https://）',
        '▸ 完成日期',
        '  ⟨日期⟩ 2016-06-20',
        '▸ 科技制度落实情况说明（选填）',
        '  ⟨多行文本⟩',
        '[提交] [取消]',
      ].join('\n'),
    );
  });

  it('when a modal has no submit button, only its close button is shown', () => {
    const notice = {
      type: 'modal',
      title: { type: 'plain_text', text: '已提交' },
      close: { type: 'plain_text', text: '关闭' },
      blocks: [{ type: 'section', text: { type: 'plain_text', text: '进展已记录。' } }],
    };
    expect(renderView(notice)).toBe('══ 已提交 ══\n进展已记录。\n[关闭]');
  });

  it('shows App Home without a title bar of its own or modal buttons', () => {
    const home = { type: 'home', blocks: [{ type: 'header', text: { type: 'plain_text', text: '本期待办' } }] };
    expect(renderView(home)).toBe('══ 主页 ══\n【本期待办】');
  });

  it('marks the chosen boxes of checkboxes and multi selects', () => {
    const view = {
      type: 'modal',
      title: { type: 'plain_text', text: '半年报告' },
      submit: { type: 'plain_text', text: '提交' },
      blocks: [
        {
          type: 'input',
          label: { type: 'plain_text', text: '报告专题' },
          element: {
            type: 'checkboxes',
            action_id: 'topics',
            options: [
              { text: { type: 'plain_text', text: '科研项目' }, value: 'projects' },
              { text: { type: 'plain_text', text: '人才培养' }, value: 'talent' },
            ],
            initial_options: [{ text: { type: 'plain_text', text: '人才培养' }, value: 'talent' }],
          },
        },
      ],
    };
    expect(renderView(view)).toBe(
      ['══ 半年报告 ══', '▸ 报告专题', '  ⟨多选⟩', '    ☐ 科研项目', '    ☑ 人才培养', '[提交] [取消]'].join('\n'),
    );
  });
});

describe('renderMessage', () => {
  it('shows a circular with header, fields, accessory, rich text, context and buttons', () => {
    expect(renderMessage(circularMessage)).toBe(
      [
        '【2016年上半年科技工作通报】',
        '@U_ADMIN 发布，见 #keji。得分 = 完成率 × 权重 & 加分项',
        '*排名* 1',
        '*单位* 计量院',
        '────────────────────',
        ':warning: *黄牌预警*：质检院、特检院、标准院  [查看明细]',
        '依据 *三、(四)*',
        '1. 约谈单位负责人',
        '2. 限期整改',
        '  ◦ 计划原文 (https://example.gov.cn/plan)',
        '> 对排名后三位的单位给予黄牌警告',
        '```',
        '得分 = Σ 完成率 × 权重',
        '```',
        '› 来源：一、(三) 代表性指标  2016-06-30',
        '[导出 CSV] [填报半年报告] [打开计划]',
      ].join('\n'),
    );
  });

  it('shows the id of a button that is one of many alike, so that one can be clicked', () => {
    const blocks = ['t01', 't02'].map((key) => ({
      type: 'actions',
      elements: [
        { type: 'button', action_id: `plan_review_approve:${key}`, text: { type: 'plain_text', text: '批准' } },
      ],
    }));
    const text = renderMessage({ blocks });
    expect(text).toContain('[批准 ‹plan_review_approve:t01›]');
    expect(text).toContain('[批准 ‹plan_review_approve:t02›]');
    expect(
      renderMessage({
        blocks: [
          { type: 'actions', elements: [{ type: 'button', action_id: 'x', text: { type: 'plain_text', text: '好' } }] },
        ],
      }),
    ).toContain('[好]');
  });

  it('when a message has no blocks, shows its text with links and mentions made readable', () => {
    expect(renderMessage({ text: '<@U_JLY_LEAD> 请于 6 月 30 日前填报，见 <https://example.gov.cn/plan|计划>' })).toBe(
      '@U_JLY_LEAD 请于 6 月 30 日前填报，见 计划 (https://example.gov.cn/plan)',
    );
  });

  it('shows a streamed answer written as a markdown block as it is', () => {
    const answer = {
      text: '',
      blocks: [{ type: 'markdown', text: '**目标**：建成 [国家质检中心](https://example.gov.cn) 3 个' }],
    };
    expect(renderMessage(answer)).toBe('**目标**：建成 [国家质检中心](https://example.gov.cn) 3 个');
  });

  it('shows legacy attachments under a bar, after the message', () => {
    const message = {
      text: '导出完成',
      attachments: [{ title: '2016H1.csv', fields: [{ title: '行数', value: '12' }], footer: 'planbot' }],
    };
    expect(renderMessage(message)).toBe('导出完成\n┃ 2016H1.csv\n┃ 行数：12\n┃ planbot');
  });

  it('shows images by their alt text and blocks it does not know by their type', () => {
    const message = {
      blocks: [
        { type: 'image', image_url: 'https://example.gov.cn/chart.png', alt_text: '上半年得分图' },
        { type: 'carousel' },
      ],
    };
    expect(renderMessage(message)).toBe('[图片：上半年得分图] https://example.gov.cn/chart.png\n[carousel]');
  });

  it('names people and channels when the caller knows their names', () => {
    const names: Record<string, string> = { U_JLY_LEAD: '计量院负责人', C_KEJI: 'keji' };
    const text = renderMessage(
      { text: '<@U_JLY_LEAD> 已在 <#C_KEJI> 提交' },
      { userName: (id) => names[id], channelName: (id) => names[id] },
    );
    expect(text).toBe('@计量院负责人 已在 #keji 提交');
  });
});

describe('mrkdwnToText', () => {
  it.each([
    ['<https://example.gov.cn|计划原文>', '计划原文 (https://example.gov.cn)'],
    ['<https://example.gov.cn>', 'https://example.gov.cn'],
    ['<mailto:keji@example.gov.cn|keji@example.gov.cn>', 'keji@example.gov.cn'],
    ['<@U123>', '@U123'],
    ['<@U123|zhangsan>', '@zhangsan'],
    ['<#C1|keji>', '#keji'],
    ['<#C1>', '#C1'],
    ['<!here> 请注意', '@here 请注意'],
    ['<!subteam^S1|@kejichu>', '@kejichu'],
    ['<!date^1466352000^{date}|2016年6月20日>', '2016年6月20日'],
    ['完成率 &lt; 60% &amp;&amp; 排名 &gt; 3', '完成率 < 60% && 排名 > 3'],
    ['*粗体* _斜体_ ~删除~ `代码`', '*粗体* _斜体_ ~删除~ `代码`'],
  ])('turns %s into %s', (input, expected) => {
    expect(mrkdwnToText(input)).toBe(expected);
  });
});

describe('findInputs', () => {
  it('lists each input with its label, type, options from option groups and initial value', () => {
    expect(findInputs(progressModal)).toEqual([
      {
        blockId: 'indicator',
        actionId: 'indicator',
        label: '指标',
        type: 'static_select',
        optional: false,
        options: [
          { text: '国家质检中心', value: 'gz_center' },
          { text: '计量标准', value: 'jl_standard' },
          { text: '科技制度落实情况', value: 'system' },
        ],
        initial: { text: '计量标准', value: 'jl_standard' },
      },
      {
        blockId: 'value',
        actionId: 'value',
        label: '本期完成数',
        type: 'number_input',
        optional: false,
        hint: '填写累计数，单位见指标说明',
        initial: '2',
      },
      { blockId: 'evidence', actionId: 'evidence_url', label: '佐证材料链接', type: 'url_text_input', optional: true },
      {
        blockId: 'done_on',
        actionId: 'done_on',
        label: '完成日期',
        type: 'datepicker',
        optional: false,
        initial: '2016-06-20',
      },
      {
        blockId: 'note',
        actionId: 'note',
        label: '科技制度落实情况说明',
        type: 'plain_text_input',
        optional: true,
        multiline: true,
      },
    ]);
  });

  it('when blocks have no block_id, uses the ids the fake Web API gives them', () => {
    const blocks = [
      { type: 'section', text: { type: 'mrkdwn', text: '说明' } },
      {
        type: 'input',
        label: { type: 'plain_text', text: '备注' },
        element: { type: 'plain_text_input', action_id: 'note' },
      },
    ];
    const stored = { type: 'modal', blocks: withBlockIds(blocks) };
    expect(findInputs({ type: 'modal', blocks })[0]?.blockId).toBe('b1');
    expect(findInputs(stored)[0]?.blockId).toBe('b1');
  });

  it('gives multi selects their initial options as a list', () => {
    const blocks = [
      {
        type: 'input',
        block_id: 'units',
        label: { type: 'plain_text', text: '单位' },
        element: {
          type: 'multi_static_select',
          action_id: 'units',
          options: [
            { text: { type: 'plain_text', text: '计量院' }, value: 'jly' },
            { text: { type: 'plain_text', text: '质检院' }, value: 'zjy' },
          ],
          initial_options: [{ text: { type: 'plain_text', text: '质检院' }, value: 'zjy' }],
        },
      },
    ];
    expect(findInputs(blocks)[0]?.initial).toEqual([{ text: '质检院', value: 'zjy' }]);
  });
});

describe('buttonsOf', () => {
  it('finds the buttons of a message in accessories and actions blocks, in order', () => {
    expect(buttonsOf(circularMessage)).toEqual([
      { text: '查看明细', actionId: 'view_detail', value: '2016H1', blockId: 'risk' },
      { text: '导出 CSV', actionId: 'export_csv', value: '2016H1', blockId: 'circular_actions', style: 'primary' },
      { text: '填报半年报告', actionId: 'open_report', blockId: 'circular_actions' },
      { text: '打开计划', actionId: 'plan_link', blockId: 'circular_actions', url: 'https://example.gov.cn/plan' },
    ]);
  });

  it('finds buttons in a view and in a bare list of blocks, skipping selects', () => {
    const blocks = [
      {
        type: 'actions',
        block_id: 'home_actions',
        elements: [
          { type: 'static_select', action_id: 'period', options: [] },
          { type: 'button', action_id: 'open_progress', text: { type: 'plain_text', text: '填报进展' } },
        ],
      },
    ];
    const expected = [{ text: '填报进展', actionId: 'open_progress', blockId: 'home_actions' }];
    expect(buttonsOf({ type: 'home', blocks })).toEqual(expected);
    expect(buttonsOf(blocks)).toEqual(expected);
  });

  it('when a message has no blocks, it has no buttons', () => {
    expect(buttonsOf({ text: '你好' })).toEqual([]);
  });
});
