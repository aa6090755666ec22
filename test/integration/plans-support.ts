import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

/** A made-up plan of another field than the shipped one, with figures, a range word, a milestone and a lead. */
export const OTHER_PLAN_TEXT = `某市推进智慧农业发展三年行动方案
一、总体目标
到2025年底，建成智慧农业示范基地50个左右，农产品抽检合格率稳定在98%以上。
二、重点任务
（一）基础设施
2024年6月底前，建成全市农业大数据平台。（市农业农村局牵头）
到2025年，新建高标准农田不少于12万亩。
（二）人才培养
每年培训新型职业农民2000人次以上。
`;

/** A second made-up plan, so two plans can run side by side. */
export const THIRD_PLAN_TEXT = `某县全民健身设施建设实施方案
一、工作目标
到2026年底，新建社区健身中心20个以上，人均体育场地面积达到2.6平方米。
二、保障措施
2025年12月底前，完成全县健身设施普查。（县体育局牵头，县住建局配合）
`;

export const quietConfig = () => loadConfig({});
export const quietLogger = () => createLogger({ level: 'error', secrets: [] });
