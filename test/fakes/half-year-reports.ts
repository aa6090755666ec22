import type { TestSandbox } from './sandbox.js';

/**
 * Made-up half-year reports two units submit through `/report` in the sandbox: points with figures, a framing
 * sentence the circular should leave out, and problems raised. By topic key of the shipped plan's report topics.
 */
export const REPORTS: Record<string, { member: string; channel: string; topics: Record<string, string> }> = {
  jly: {
    member: 'U_JLY_1',
    channel: 'C_JLY',
    topics: {
      rules_in_force: '现将有关情况报告如下。修订科研项目管理办法等3项制度。',
      work_carried_out: '开展计量比对研究课题4项，其中2项已通过验收。存在的主要困难是高端计量设备短缺。',
      staff_training: '组织科研人员培训3期，共培训60人次。',
      project_progress: '承担的自治区科技项目2项已结题。',
    },
  },
  shy: {
    member: 'U_SHY_1',
    channel: 'C_SHY',
    topics: {
      rules_in_force: '制定科研经费使用细则1项。',
      work_carried_out: '开展石化产品检测方法研究，发表论文5篇。',
      staff_training: '选派4名技术骨干赴外省进修。建议加大对青年科研人员的经费支持。',
      project_progress: '申报科技项目1项，正在评审。',
    },
  },
};

/** The topics' labels as the report modal shows them, by key. */
export const TOPIC_LABELS: Record<string, string> = {
  rules_in_force: '科技制度落实情况',
  work_carried_out: '科技工作开展情况',
  staff_training: '科研人员培训情况',
  project_progress: '科技项目推进情况',
};

/** Each unit opens `/report` and submits every topic, as its member would. */
export async function submitReports(sb: TestSandbox): Promise<void> {
  for (const r of Object.values(REPORTS)) {
    await sb.run({ as: r.member, channel: r.channel, command: '/report', text: '2016H1' });
    const fields = Object.fromEntries(
      Object.entries(r.topics).map(([key, text]) => [TOPIC_LABELS[key]?.replace(/情况$/, '') ?? key, text]),
    );
    await sb.run({ as: r.member, submit: fields });
  }
}

/** The section block of a message that carries a heading, as text. */
export function sectionWith(blocks: unknown, heading: string): string {
  const list = (blocks ?? []) as Array<{ type: string; text?: { text?: string } }>;
  return list.find((b) => b.type === 'section' && b.text?.text?.includes(heading))?.text?.text ?? '';
}
