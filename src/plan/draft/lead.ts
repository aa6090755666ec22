import { GOAL_VERB } from './targets.js';

/**
 * Who answers for a target, as the plan writes it. Plans name the responsible bodies in a parenthesis after the
 * task (`（体育总局、民政部负责）`, `（发展改革委牵头，财政部参与）`), the first listed being the lead
 * (列第一位者为牵头单位); otherwise the subject of the sentence (`各省份于…前完成`, `试点地区要…`) is taken.
 */

const RESPONSIBLE = /[（(]([^（）()]{2,80}?)(?:牵头|负责|按职责分工负责|分别负责)[^（）()]{0,40}[）)]/g;
/** Endings of a body's name: ministries, offices, governments, regions, institutions. */
const NOT_A_BODY =
  '(?!推进|加强|加快|完成|建立|推动|开展|围绕|争取|力争|确保|做好|坚持|实施|提高|落实|按照|根据|通过|鼓励|支持|引导|要求|享受|报送|资助|面向|实现|选拔|培养|引进|建设|召开|基本|系统|对|在|以|为|新|将|把|由|从|向|与|\\d)';
const SUFFIX =
  '(?:委员会|委|局|部|厅|办公室|办|院|署|协会|学会|理事会|联合会|组|室|中心|基金|机构|地区|省份|政府|单位|城市|部门)';
/** A body's name opening a text: `各省份` before a verb or modal, or a name ending like a body (`国家卫生健康委`). */
const BODY = new RegExp(
  `^${NOT_A_BODY}(?:各[^\\s，。；、\\d]{1,4}?(?=要|将|应|须|于|在|可|负责|组织|完成|按|结合|根据|对|建立|出台)|[^\\s，。；：\\d年的]{1,12}?${SUFFIX}(?:办公厅|办公室)?(?=[^，,。；;、的级性校长员所内外）)\\s\\d]))`,
);

/** The first body in a list (`体育总局、民政部` → `体育总局`). */
export function firstBody(list: string): string | null {
  const first = list.split(/[、，,；;]/)[0]?.trim() ?? '';
  const name = first.replace(/^(?:由|请)/, '').replace(/(?:等部门|等单位|等)$/, '');
  return name.length >= 2 ? name : null;
}

/** The responsible bodies a paragraph names in parentheses, each with where it stands. */
export function responsibleMarks(paragraph: string): { at: number; lead: string }[] {
  const marks: { at: number; lead: string }[] = [];
  // `（牵头单位：市委组织部，配合单位：市国资委）` names the lead outright.
  for (const m of paragraph.matchAll(/[（(]\s*(?:牵头|责任|负责)(?:单位|部门)\s*[:：]\s*([^，,；;。）)]+)/g)) {
    const lead = firstBody(m[1] ?? '');
    if (lead) marks.push({ at: m.index ?? 0, lead });
  }
  if (marks.length > 0) return marks;
  for (const m of paragraph.matchAll(RESPONSIBLE)) {
    const lead = firstBody(m[1] ?? '');
    if (lead) marks.push({ at: m.index ?? 0, lead });
  }
  return marks;
}

/** What follows a body that acts: a modal or a goal verb (`各区要…`, `每个中心培养…`). */
const ACTS = new RegExp(
  `^(?:要|将|应|须|必须|于|在|负责|牵头|会同|按|对|积极|加快|全面|进一步|${GOAL_VERB.source.slice(3, -2)})`,
);

/**
 * The body a clause or sentence opens with, if it opens with one (`国家卫生健康委推行…` → `国家卫生健康委`). With
 * `acting`, only a body followed by a modal or a goal verb counts (so `单位地区生产总值…` names no one).
 */
export function subjectOf(text: string, acting = false): string | null {
  const stripped = text.replace(
    /^(?:[（(][^）)]*[）)]|其中|同时|并|原则上|此外|每年|每个|每家|(?:力争|争取)?(?:到|在|于)?\d{4}年(?:\d{1,2}月)?(?:底|末)?(?:前|以前)?|[，,])+/,
    '',
  );
  const m = BODY.exec(stripped);
  if (!m) return null;
  const name = m[0];
  // A verb inside means the match ran over a clause (`职业教育基本完成由政府`), not a body's name.
  if (/完成|构建|建设|推进|推动|实施|报送|开展|举办|为主|提供|参加/.test(name)) return null;
  // `国家质检中心达到10家`: the name is what is counted, not who answers for it.
  const rest = stripped.slice(name.length);
  if (/^(?:达到|达|为|不|占|比例|数量|总数|规模)/.test(rest)) return null;
  if (acting && !ACTS.test(rest)) return null;
  return firstBody(name.replace(/(?:要|将)$/, '')) === null ? null : name;
}
