import { chineseTerms, stem } from './tokenize.js';

/**
 * English → Chinese vocabulary of quality-and-technical-supervision science plans, so an English question can
 * find the Chinese text. Each entry maps English phrases to the Chinese forms a plan may use for the concept; a
 * concept counts as found when any of its forms is. Kept as data: extend it, do not special-case questions.
 */
export const GLOSSARY: readonly { en: string[]; zh: string[] }[] = [
  {
    en: [
      'national inspection center',
      'national testing center',
      'national quality inspection center',
      'national center',
      'national-level inspection center',
    ],
    zh: ['国家质检中心', '国家检验中心', '国家中心', '国家级检测中心'],
  },
  {
    en: [
      'regional inspection center',
      'autonomous region level inspection center',
      'region level inspection center',
      'provincial inspection center',
      'regional-level inspection center',
      'provincial-level inspection center',
    ],
    zh: ['自治区级质检中心'],
  },
  {
    en: ['inspection center', 'testing center', 'quality inspection center', 'inspection and testing center'],
    zh: ['质检中心', '检验中心', '检测中心'],
  },
  { en: ['inspection', 'testing', 'test', 'quality inspection', 'examination'], zh: ['检验', '检测', '质检'] },
  {
    en: ['quality supervision', 'quality and technical supervision', 'quality control'],
    zh: ['质监', '质量监督', '质量技术监督'],
  },
  { en: ['quality'], zh: ['质量'] },
  { en: ['safety', 'security'], zh: ['安全'] },
  {
    en: ['regional bureau', 'region bureau', 'autonomous region bureau', 'provincial bureau', 'the bureau', 'bureau'],
    zh: ['自治区局', '区局', '局'],
  },
  { en: ['league and city bureau', 'city bureau', 'league bureau', 'prefecture bureau'], zh: ['盟市质监局', '盟市'] },
  {
    en: [
      'directly affiliated technical institution',
      'affiliated technical institution',
      'technical institution',
      'technical institute',
      'technical body',
      'technical organization',
      'institution',
      'institute',
    ],
    zh: ['直属技术机构', '技术机构', '机构'],
  },
  { en: ['unit', 'organization', 'organisation', 'department'], zh: ['单位', '部门'] },
  {
    en: ['region', 'autonomous region', 'inner mongolia', 'whole region', 'province'],
    zh: ['自治区', '我区', '全区', '内蒙古'],
  },
  { en: ['system', 'whole system'], zh: ['系统', '全系统'] },
  {
    en: [
      'science and technology',
      's&t',
      'technology',
      'scientific and technological',
      'technological',
      'science',
      'tech',
    ],
    zh: ['科技', '技术'],
  },
  { en: ['research', 'scientific research', 'r&d', 'study', 'studies'], zh: ['科研', '研究'] },
  { en: ['research project', 'project'], zh: ['项目', '课题'] },
  { en: ['research topic', 'topic', 'subject'], zh: ['课题'] },
  {
    en: ['fund', 'funding', 'fund', 'money', 'budget', 'expenditure', 'grant', 'financial support', 'finance'],
    zh: ['经费', '资金'],
  },
  {
    en: [
      'special fund',
      'special funding',
      'earmarked fund',
      'dedicated fund',
      'special research funding',
      'special research fund',
    ],
    zh: ['专项经费'],
  },
  { en: ['invest', 'investment', 'input', 'spend', 'spending'], zh: ['投入'] },
  { en: ['revenue', 'income', 'turnover'], zh: ['收入'] },
  { en: ['share', 'percentage', 'percent', 'proportion', 'ratio', 'rate'], zh: ['比例', '%'] },
  {
    en: ['at least', 'no less than', 'not less than', 'minimum', 'not lower than', 'no lower than'],
    zh: ['不少于', '以上', '不低于', '不能低于'],
  },
  { en: ['million', 'ten thousand', 'yuan', 'rmb'], zh: ['万元'] },
  { en: ['phd', 'doctor', 'doctorate', 'doctoral', 'ph.d'], zh: ['博士'] },
  { en: ['master', "master's", 'master degree', 'masters'], zh: ['硕士'] },
  { en: ['graduate student', 'postgraduate'], zh: ['研究生'] },
  { en: ['talent', 'talented people', 'talents', 'expert'], zh: ['人才'] },
  { en: ['high-level talent', 'high level talent', 'top talent', 'senior talent'], zh: ['高层次人才'] },
  {
    en: ['personnel', 'staff', 'employee', 'worker', 'people', 'researcher', 'technician'],
    zh: ['人员', '技术人员', '科研人员'],
  },
  { en: ['recruit', 'recruitment', 'attract', 'introduce', 'hire', 'bring in'], zh: ['引进'] },
  { en: ['train', 'training', 'cultivate', 'develop talent', 'foster'], zh: ['培养', '培训'] },
  {
    en: ['academic leader', 'discipline leader', 'subject leader', 'leading academic', 'discipline head'],
    zh: ['学科带头人'],
  },
  { en: ['grade', 'level', 'tier', 'class'], zh: ['级'] },
  { en: ['academic committee', 'academic council', 'academic board'], zh: ['学术委员会'] },
  { en: ['leading group', 'leadership group', 'steering group'], zh: ['领导小组'] },
  { en: ['leader', 'head', 'top leader', 'chief', 'director', 'number one'], zh: ['一把手', '负责人', '领导'] },
  { en: ['leadership'], zh: ['领导'] },
  {
    en: ['assessment', 'evaluation', 'appraisal', 'performance review', 'review', 'evaluate', 'assess'],
    zh: ['考核', '评价', '评审'],
  },
  { en: ['annual', 'yearly', 'per year', 'each year', 'every year', 'a year'], zh: ['每年', '年度'] },
  { en: ['score', 'point', 'mark'], zh: ['分'] },
  { en: ['rank', 'ranking', 'ranked', 'order'], zh: ['排名', '排队'] },
  { en: ['lowest', 'bottom', 'worst', 'last', 'lowest-ranked'], zh: ['排名后', '后三名', '后'] },
  { en: ['yellow card', 'warning'], zh: ['黄牌'] },
  { en: ['talk', 'interview', 'summon'], zh: ['约谈'] },
  { en: ['report', 'reporting'], zh: ['报告'] },
  { en: ['twice', 'two times'], zh: ['两次'] },
  { en: ['half year', 'half-year', 'semiannual', 'semi-annual', 'six months'], zh: ['半年'] },
  { en: ['mid-year', 'midyear', 'middle of the year'], zh: ['年中'] },
  { en: ['year-end', 'end of the year', 'end of year'], zh: ['年底', '年末'] },
  { en: ['supervision', 'oversight', 'monitoring', 'monitor', 'supervise'], zh: ['监管', '监督', '督查', '监控'] },
  { en: ['inspection team', 'supervision team', 'inspection group'], zh: ['督查组'] },
  { en: ['circulate', 'notify', 'bulletin', 'circular', 'announce'], zh: ['通报'] },
  { en: ['notice'], zh: ['通知'] },
  { en: ['award', 'prize'], zh: ['奖'] },
  { en: ['reward', 'incentive', 'commend', 'commendation'], zh: ['奖励', '激励', '表彰'] },
  { en: ['progress award', 'science and technology progress award', 's&t progress award'], zh: ['科技进步奖'] },
  { en: ['achievement', 'result', 'outcome'], zh: ['成果'] },
  { en: ['subsidy', 'allowance', 'bonus'], zh: ['补贴', '津贴'] },
  { en: ['housing', 'house', 'accommodation', 'home'], zh: ['住房'] },
  { en: ['medical', 'health care', 'healthcare', 'medical care'], zh: ['医疗'] },
  { en: ['spouse', 'spouse job', 'partner job'], zh: ['配偶'] },
  { en: ['children', 'child', 'schooling', 'school', "children's schooling", 'kid'], zh: ['子女入学', '子女'] },
  { en: ['salary', 'pay', 'remuneration', 'wage'], zh: ['薪酬'] },
  { en: ['support', 'help', 'assistance', 'guarantee', 'safeguard'], zh: ['帮助', '支持', '保障'] },
  { en: ['provide', 'offer'], zh: ['提供'] },
  {
    en: ['cooperation', 'collaboration', 'partnership', 'cooperate', 'cooperative', 'joint'],
    zh: ['合作', '共建', '联合'],
  },
  { en: ['exchange', 'communication'], zh: ['交流'] },
  { en: ['guangdong'], zh: ['广东'] },
  { en: ['denmark', 'danish'], zh: ['丹麦'] },
  { en: ['mongolia', 'sino-mongolian', 'china-mongolia'], zh: ['中蒙'] },
  { en: ['russia', 'sino-russian', 'china-russia'], zh: ['中俄'] },
  { en: ['laboratory', 'lab'], zh: ['实验室'] },
  { en: ['key laboratory', 'key lab'], zh: ['重点实验室'] },
  { en: ['standard', 'standardization', 'standardisation', 'norm'], zh: ['标准', '标准化'] },
  { en: ['metrology', 'measurement', 'calibration'], zh: ['计量'] },
  { en: ['special equipment', 'pressure equipment', 'boiler', 'pressure vessel'], zh: ['特种设备'] },
  { en: ['wool', 'cashmere', 'fiber', 'fibre'], zh: ['毛绒', '纤维'] },
  { en: ['natural gas', 'gas'], zh: ['天然气'] },
  { en: ['energy', 'clean energy', 'power'], zh: ['能源', '电力'] },
  { en: ['energy saving', 'energy efficiency', 'energy conservation'], zh: ['节能'] },
  { en: ['coal'], zh: ['煤'] },
  { en: ['rare earth'], zh: ['稀土'] },
  {
    en: [
      'key direction',
      'priority',
      'focus',
      'priority area',
      'key area',
      'key field',
      'main direction',
      'direction',
      'research direction',
    ],
    zh: ['重点方向', '重点'],
  },
  { en: ['patent'], zh: ['专利'] },
  { en: ['equipment', 'instrument', 'device', 'apparatus'], zh: ['设备', '仪器', '装备'] },
  { en: ['paper', 'thesis', 'article'], zh: ['论文'] },
  { en: ['lecture', 'seminar'], zh: ['讲座'] },
  { en: ['exhibition', 'showcase', 'display'], zh: ['展示'] },
  { en: ['target', 'goal', 'objective', 'indicator', 'aim'], zh: ['目标', '指标'] },
  { en: ['state council'], zh: ['国务院'] },
  { en: ['opinion', 'directive', 'document'], zh: ['意见'] },
  { en: ['issue', 'issued', 'publish', 'published', 'release', 'released', 'date'], zh: ['印发', '年'] },
  { en: ['service', 'services'], zh: ['服务'] },
  { en: ['industry', 'industrial'], zh: ['产业', '行业'] },
  { en: ['product'], zh: ['产品'] },
  { en: ['abroad', 'overseas', 'go abroad'], zh: ['出国'] },
  { en: ['mechanism', 'regime', 'institutional'], zh: ['机制', '制度'] },
  { en: ['rule', 'policy', 'regulation', 'measure'], zh: ['制度', '政策', '措施'] },
  { en: ['management', 'manage', 'administration'], zh: ['管理'] },
  { en: ['manager', 'administrator', 'management staff'], zh: ['管理人员'] },
  { en: ['full-time', 'full time', 'dedicated'], zh: ['专职'] },
  { en: ['innovation', 'innovative', 'innovate'], zh: ['创新'] },
  { en: ['team', 'group'], zh: ['团队', '小组'] },
  { en: ['month'], zh: ['月'] },
  { en: ['year'], zh: ['年'] },
  { en: ['end'], zh: ['末', '底'] },
  { en: ['decide', 'decision', 'approve', 'approval'], zh: ['决定', '决策', '批准'] },
  {
    en: ['accountable', 'accountability', 'held accountable', 'responsible', 'responsibility'],
    zh: ['问责', '责任', '负责'],
  },
  {
    en: ['build', 'construction', 'establish', 'set up', 'create', 'develop', 'development'],
    zh: ['建设', '建立', '设立', '发展'],
  },
  { en: ['complete', 'finish', 'completion', 'accomplish'], zh: ['完成'] },
  { en: ['new'], zh: ['新'] },
  { en: ['work'], zh: ['工作'] },
  { en: ['university', 'college', 'higher education'], zh: ['高校', '高等院校'] },
  { en: ['enterprise', 'company', 'business'], zh: ['企业'] },
  { en: ['environment', 'atmosphere'], zh: ['环境', '氛围'] },
  { en: ['coordination', 'coordinate'], zh: ['协调'] },
  { en: ['implement', 'implementation', 'carry out'], zh: ['落实', '贯彻', '实施'] },
  { en: ['gold medal', 'outstanding contribution', 'contribution'], zh: ['突出贡献', '贡献'] },
  { en: ['title', 'honorary title', 'honour', 'honor'], zh: ['称号', '荣誉'] },
  { en: ['wind', 'wind power', 'wind energy'], zh: ['风能'] },
  { en: ['guiding ideology', 'guiding principle', 'guiding thought', 'guiding idea', 'guideline'], zh: ['指导思想'] },
  { en: ['overall goal', 'overall objective', 'overall target', 'general goal'], zh: ['总体目标'] },
  { en: ['overall requirement', 'general requirement'], zh: ['总体要求'] },
  { en: ['main task', 'key task', 'task'], zh: ['主要任务', '任务'] },
  { en: ['safeguard measure', 'supporting measure', 'guarantee measure'], zh: ['保障措施'] },
  { en: ['consult', 'seek advice', 'seek opinion', 'solicit opinion', 'ask for advice'], zh: ['征求', '意见'] },
  { en: ['major', 'important', 'significant', 'big'], zh: ['重大', '重要'] },
  { en: ['capacity', 'ability', 'capability', 'competence'], zh: ['能力'] },
  { en: ['foreign', 'international', 'overseas partner'], zh: ['国际', '国外', '外'] },
  { en: ['country', 'nation', 'national', 'state'], zh: ['国家'] },
  { en: ['general administration', 'aqsiq', 'state administration', 'ministry'], zh: ['国家质检总局', '总局'] },
  { en: ['china', 'chinese'], zh: ['中国'] },
  { en: ['china jiliang university', 'china metrology university', 'china metrology college'], zh: ['中国计量学院'] },
  {
    en: ['national institute of metrology', 'metrology academy', 'metrology institute'],
    zh: ['中国计量科学研究院', '国家计量院', '计量院'],
  },
  { en: ['production', 'manufacturing'], zh: ['生产', '制造'] },
  { en: ['license', 'licence', 'permit'], zh: ['许可'] },
  { en: ['traceability', 'tracing', 'trace'], zh: ['追溯', '溯源'] },
  { en: ['risk'], zh: ['风险'] },
  { en: ['online', 'on-line'], zh: ['在线'] },
  { en: ['remote'], zh: ['远程'] },
  { en: ['non-destructive', 'nondestructive'], zh: ['无损'] },
  { en: ['rapid', 'quick', 'fast'], zh: ['快速'] },
  {
    en: ['digital', 'digitisation', 'digitization', 'information', 'informatization'],
    zh: ['数字化', '信息化', '信息'],
  },
  { en: ['platform'], zh: ['平台'] },
  { en: ['base', 'training base'], zh: ['基地'] },
  { en: ['pilot', 'trial'], zh: ['试点'] },
  { en: ['reform'], zh: ['改革'] },
  { en: ['brand'], zh: ['品牌'] },
  { en: ['acceptance', 'accreditation', 'acceptance check'], zh: ['验收'] },
  {
    en: ['prepare', 'preparation', 'planned', 'plan to build', 'approved for preparation'],
    zh: ['筹备', '批筹', '筹建'],
  },
  { en: ['existing', 'current', 'currently'], zh: ['现有'] },
  { en: ['deadline', 'time limit'], zh: ['时限'] },
  { en: ['meeting', 'office meeting'], zh: ['会议'] },
  { en: ['director general', 'bureau director', "director's office meeting"], zh: ['局长', '局长办公会议'] },
  { en: ['on-site', 'site', 'field'], zh: ['现场'] },
  { en: ['problem', 'difficulty'], zh: ['问题'] },
  { en: ['young', 'youth', 'middle-aged'], zh: ['青年', '中青年'] },
  { en: ['ethics', 'morality', 'integrity', 'moral character'], zh: ['品德'] },
  { en: ['performance', 'track record'], zh: ['业绩', '绩效'] },
  { en: ['knowledge'], zh: ['知识'] },
  { en: ['element', 'factor', 'criterion', 'criteria'], zh: ['要素'] },
  { en: ['attend', 'participate', 'take part'], zh: ['参加', '参与'] },
  { en: ['send', 'dispatch', 'second', 'seconded', 'secondment'], zh: ['选派', '派遣', '挂职'] },
  { en: ['further study', 'advanced study', 'study visit'], zh: ['进修'] },
  { en: ['scholar', 'visiting scholar', 'academic'], zh: ['学者'] },
  { en: ['catalogue', 'catalog', 'list', 'directory'], zh: ['目录'] },
  { en: ['agreement', 'contract'], zh: ['协议'] },
  { en: ['key university', 'major university'], zh: ['重点大学'] },
  { en: ['sign', 'signed'], zh: ['签署'] },
  { en: ['staffing', 'headcount', 'staff quota', 'post', 'position'], zh: ['编制'] },
  { en: ['premises', 'space', 'venue', 'facility', 'facilities'], zh: ['场所', '设施'] },
  { en: ['talent fund', 'training fund', 'foundation'], zh: ['基金'] },
  { en: ['peer', 'same industry', 'other organisations in the industry'], zh: ['同行业'] },
  { en: ['ministerial', 'provincial and ministerial', 'provincial or ministerial'], zh: ['省部级'] },
  { en: ['expense', 'cost'], zh: ['经费'] },
  {
    en: ['standardization research center', 'standardisation research centre', 'standards research center'],
    zh: ['标准化研究中心'],
  },
  { en: ['technical committee', 'standardization technical committee'], zh: ['标准化技术委员会', '技术委员会'] },
  { en: ['ethnic minority', 'minority', 'ethnic'], zh: ['少数民族', '民族'] },
  { en: ['technical backbone', 'key technician', 'key researcher', 'backbone'], zh: ['技术骨干', '骨干'] },
  { en: ['principal investigator', 'project leader', 'project lead'], zh: ['课题负责人', '负责人'] },
  {
    en: ['separately', 'separate accounting', 'accounted separately', 'independent accounting'],
    zh: ['单独核算', '单独'],
  },
  { en: ['audit'], zh: ['审计'] },
  {
    en: ['priority research', 'forward-looking', 'prospective', 'basic research', 'fundamental research'],
    zh: ['前瞻性', '基础性'],
  },
];

const NUMBER_WORDS: Record<string, string[]> = {
  one: ['1', '一'],
  two: ['2', '两', '二'],
  three: ['3', '三'],
  four: ['4', '四'],
  five: ['5', '五'],
  six: ['6', '六'],
  seven: ['7', '七'],
  eight: ['8', '八'],
  nine: ['9', '九'],
  ten: ['10', '十'],
  twenty: ['20', '二十'],
  first: ['一', '1'],
  second: ['二', '2'],
  third: ['三', '3'],
};

/** English words that frame a question rather than name what it is about. */
const EN_STOP = new Set(
  (
    'a an the of for to in on at by with and or but is are was were be been being should must will would shall can ' +
    'could may might do does did done have has had having how what which who whom whose when where why many much ' +
    'each every any all this that these those it its their there they them plan plans say says said about according ' +
    'under need needs needed give given get gets such as if than then so also into from more most less least than ' +
    'happen happens happened often exist exists existing kind type sort include includes including there here ' +
    'me my we our you your i tell explain describe let know please number amount count counts large big whole total ' +
    "up out over per via any some other same what's whats is it really actually required require requirement " +
    'requirements specific specify specified state states stated mention mentioned regarding concerning between ' +
    'within by until till before after during time times go goes going make makes made take takes taken way ways ' +
    'making taking given whether should'
  )
    .split(/\s+/)
    .map((w) => stem(w)),
);

const WH = new Set(['which', 'what', 'whose']);

interface Phrase {
  words: string[];
  zh: string[];
}

const phrases: Phrase[] = GLOSSARY.flatMap((entry) =>
  entry.en.map((en) => ({
    words: en
      .toLowerCase()
      .split(/[\s-]+/)
      .map(stem),
    zh: entry.zh,
  })),
).sort((a, b) => b.words.length - a.words.length);
const byFirstWord = new Map<string, Phrase[]>();
for (const p of phrases) {
  const first = p.words[0] ?? '';
  byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), p]);
}

export interface Translation {
  /** Concepts found, each as the Chinese forms that count for it. */
  groups: string[][];
  /** Content words the glossary does not know: the question is about something the vocabulary lacks. */
  unknown: string[];
  /** Unknown words right after `which`/`what` (`which country`): they name the kind of answer, not the topic. */
  answerType: string[];
  /** The question's content words, for saying what the plan does not cover. */
  topic: string;
}

/** Maps an English question to Chinese concept groups through the glossary; Chinese inside it is kept as is. */
export function translateQuestion(question: string): Translation {
  const groups: string[][] = [];
  const unknown: string[] = [];
  const answerType: string[] = [];
  const topicWords: string[] = [];
  for (const han of question.match(/\p{Script=Han}[\p{Script=Han}\d]*/gu) ?? []) {
    for (const term of chineseTerms(han)) groups.push([term]);
  }
  const words = (
    question
      .toLowerCase()
      .replace(/\p{Script=Han}+/gu, ' ')
      .match(/[a-z0-9&.']+/g) ?? []
  )
    .map((w) => w.replace(/^[.']+|[.']+$/g, ''))
    .filter((w) => w.length > 0);
  const stems = words.map(stem);
  for (let i = 0; i < stems.length; ) {
    const w = stems[i] ?? '';
    const match = (byFirstWord.get(w) ?? []).find((p) => p.words.every((pw, j) => stems[i + j] === pw));
    if (match) {
      groups.push(match.zh);
      topicWords.push(...words.slice(i, i + match.words.length));
      i += match.words.length;
      continue;
    }
    if (/^\d+(\.\d+)?$/.test(w)) groups.push([w]);
    else if (NUMBER_WORDS[w]) groups.push(NUMBER_WORDS[w] ?? []);
    else if (!EN_STOP.has(w)) {
      if (i > 0 && WH.has(stems[i - 1] ?? '')) answerType.push(words[i] ?? w);
      unknown.push(words[i] ?? w);
      topicWords.push(words[i] ?? w);
    }
    i++;
  }
  return { groups, unknown, answerType, topic: topicWords.join(' ') };
}
