/**
 * Who answers for a target, as the plan writes it. Plans name the responsible bodies in a parenthesis after the
 * task (`（体育总局、民政部负责）`, `（发展改革委牵头，财政部参与）`), the first listed being the lead
 * (列第一位者为牵头单位); otherwise the subject of the sentence (`各省份于…前完成`, `试点地区要…`) is taken.
 */

const RESPONSIBLE = /[（(]([^（）()]{2,80}?)(?:牵头|负责|按职责分工负责|分别负责)[^（）()]{0,40}[）)]/g;
/** Endings of a body's name: ministries, offices, governments, regions, institutions. */
const NOT_A_BODY =
  '(?!推进|加强|加快|完成|建立|推动|开展|围绕|争取|力争|确保|做好|坚持|实施|提高|落实|按照|根据|通过|对|在|以|为|新|将|把|由|从|向|与|\\d)';
const SUFFIX = '(?:委员会|委|局|部|厅|办公室|办|院|署|会|组|室|中心|基金|机构|地区|省份|政府|单位|城市|部门)';
/** A body's name opening a text: `各省份` before a verb or modal, or a name ending like a body (`国家卫生健康委`). */
const BODY = new RegExp(
  `^${NOT_A_BODY}(?:各[^\\s，。；、\\d]{1,4}?(?=要|将|应|须|于|在|可|负责|组织|完成|按|结合|根据|对|建立|出台)|[^\\s，。；：\\d年]{1,18}?${SUFFIX}(?=[^，,。；;、的级性）)\\s\\d]))`,
);

/** The first body in a list (`体育总局、民政部` → `体育总局`). */
export function firstBody(list: string): string | null {
  const first = list.split(/[、，,；;和及与]/)[0]?.trim() ?? '';
  const name = first.replace(/^(?:由|请)/, '').replace(/(?:等部门|等单位|等)$/, '');
  return name.length >= 2 ? name : null;
}

/** The responsible bodies a paragraph names in parentheses, each with where it stands. */
export function responsibleMarks(paragraph: string): { at: number; lead: string }[] {
  const marks: { at: number; lead: string }[] = [];
  for (const m of paragraph.matchAll(RESPONSIBLE)) {
    const lead = firstBody(m[1] ?? '');
    if (lead) marks.push({ at: m.index ?? 0, lead });
  }
  return marks;
}

/** The body a clause or sentence opens with, if it opens with one (`国家卫生健康委推行…` → `国家卫生健康委`). */
export function subjectOf(text: string): string | null {
  const stripped = text.replace(
    /^(?:[（(][^）)]*[）)]|其中|同时|并|原则上|此外|每年|每个|每家|(?:力争|争取)?(?:到|在|于)?\d{4}年(?:\d{1,2}月)?(?:底|末)?(?:前|以前)?|[，,])+/,
    '',
  );
  const m = BODY.exec(stripped);
  if (!m) return null;
  const name = m[0];
  // `国家质检中心达到10家`: the name is what is counted, not who answers for it.
  if (/^(?:达到|达|为|不|占|比例|数量|总数|规模)/.test(stripped.slice(name.length))) return null;
  return firstBody(name.replace(/(?:要|将)$/, '')) === null ? null : name;
}
