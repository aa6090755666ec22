/**
 * What a question is, by general rules of how people ask, before any search: small talk or a question about the
 * bot (answered with a pointer to `/plan help`), a question about the document itself (its title, 文号, issuer,
 * date, recipients), or a question about its content together with the kind of answer it wants (a figure, an
 * amount, a date, a place, a responsible body, a list).
 */

export type Social = 'greeting' | 'thanks' | 'help';
export type DocumentField = 'title' | 'docNumber' | 'issuer' | 'date' | 'recipients';
/** The kind of answer a content question wants. */
export type Want = 'who' | 'date' | 'money' | 'where' | 'count' | 'list' | 'any';

export type Intent =
  | { kind: 'social'; social: Social }
  | { kind: 'document'; field: DocumentField }
  | { kind: 'content'; want: Want; unit?: string };

const PUNCTUATION = /[\s\p{P}\p{S}]/gu;

const GREETING =
  /^(你好|您好|大家好|嗨|哈喽|哈啰|在吗|在不在|早|早上好|上午好|中午好|下午好|晚上好|hi|hello|hey|hallo|goodmorning|goodafternoon|goodevening)(啊|呀|呢|planbot|bot)?$/i;
const THANKS =
  /^(好的|好|嗯|收到|明白了?|了解了?|ok|okay)?(谢谢|多谢|感谢|谢了|辛苦了?|thanks|thankyou|thx|ty)(你|您|啦|了|哈|哦|planbot)?$|^(好的|收到|明白了?|ok|okay|got it)$/i;
/** How to use the bot: reporting progress, what it can do. Such questions are about planbot, not the document. */
const BOT_HOWTO =
  /(怎么|如何|怎样|在哪)(填报|填写|提交|录入|更新|上报|汇报)(进展|进度|完成情况|数据)|(填报|提交|更新)(进展|进度)|你(能|会|可以)(做|干|帮)|怎么用你|(怎么|如何)使用(这个)?(机器人|planbot|bot)|^(帮助|help|使用说明|用法)$|what can you do|how (do|can|should) i (use (you|this|planbot|the bot)|report|submit|update)|how to (use planbot|report progress|submit)/i;

const DOC_NOUN =
  /(文件|通知|意见|方案|规划|计划|批复|决定|办法|措施|这份|本文|document|notice|plan|circular|opinion|guideline|measures)/i;
const DOC_FIELDS: { field: DocumentField; re: RegExp }[] = [
  { field: 'docNumber', re: /文号|发文字号|发文号|几号文|document number|reference number/i },
  {
    field: 'date',
    re: /(哪天|哪一天|什么时候|何时|哪年|哪一年|日期|时间)(印发|发布|发|出台|下发|签发|成文|批)|(印发|发布|发文|成文|出台|下发|签发|批复)(的)?(日期|时间|日子)|落款.{0,3}(哪天|哪一天|日期|时间|什么时候)|(印发|发布|出台|下发|发)的?是?(哪天|哪一天|什么时候|何时|哪年)|when (was|were) (it|(this|these|the) (document|notice|plan|circular|opinion|guideline|measure)s?) (issued|published|released|signed)|date of (issue|issuance|the (document|notice))/i,
  },
  {
    field: 'issuer',
    re: /(谁|哪个部门|哪个单位|哪个机关|哪家|什么部门|什么机关)(印发|发布|发|出台|下发|签发)|发文(机关|单位|部门)|印发(机关|单位|部门)|落款|who (issued|published|signed)|issued by whom|issuing (body|authority|agency)/i,
  },
  {
    field: 'recipients',
    re: /(发给|印发给|下发给|送给|主送)(了)?(谁|哪些|哪里|什么)|主送(机关|单位)|抄送|(sent|addressed|issued) to whom|who (is|was) it (sent|addressed) to|recipients/i,
  },
  {
    field: 'title',
    re: /(标题|题目|全称|全名|名称|名字|叫什么)|what is (the|its) (title|name)|title of/i,
  },
];

const WANTS: { want: Want; re: RegExp }[] = [
  {
    want: 'who',
    re: /谁|哪个部门|哪些部门|哪个单位|哪些单位|哪家|哪个机构|哪些机构|什么部门|什么单位|什么机构|牵头|负责|主管|归口|\bwho\b|\bwhom\b|which (department|agenc|bod|ministr|authorit|office|organ|unit)/i,
  },
  {
    want: 'date',
    re: /哪天|哪一天|何时|什么时候|啥时候|多会儿|几时|什么时间|日期|哪年|哪一年|哪个月|截止|期限|最晚|最迟|多久|几月|几年(前|内|底)|\bwhen\b|\bdate\b|deadline|what year|which year|by when|until when|how long|how far ahead|how far in advance|how soon|how early/i,
  },
  {
    want: 'money',
    re: /多少钱|多少(万|亿)?元|多少.{0,4}(资金|经费|补贴|补助|奖励|奖金|费)|(钱|资金|经费|补贴|补助|奖金|费)(是|给|拨|发|有)?多少|金额|how much\b.*\b(money|funding|fund|subsid|grant|allowance|fee|salary|bonus|cost|spend)|budget|\bamount\b/i,
  },
  {
    want: 'where',
    // 从哪儿出 asks for a source (of money, of people), not a place.
    re: /(?<!从)(哪里|哪儿)|在哪|什么地方|哪个(地方|城市|省|区|县|市|地区)|哪些(地方|城市|省|省份|地区|区|县|市)|哪几个(地方|城市|省|省份|地区|区|县|市)|(城市|省份|地区|地方)[^，。？?]{0,6}(哪几个|哪些|哪个)|\bwhere\b|which (cit|province|region|district|place|area)/i,
  },
  {
    want: 'count',
    re: /多少|(?<!哪)几|比例|比重|占比|多长|多大|多高|how (many|much|often|long|large|big)|what (share|percentage|proportion|ratio|number)|\bnumber of\b|\bpercent/i,
  },
  { want: 'list', re: /哪些|有什么|有哪|分别|什么样|哪几|what are|which|list/i },
];

/** The measure word a count asks in (几套, 多少名, 多少亿元): an answering sentence gives a figure in it. */
const UNIT_ASKED =
  /(?:多少|几)个?(名|人|位|家|项|套|所|座|亿元|万元|元|批|次|条|种|年|岁|级|户|亩|公里|平方米|万人|亿|万|倍|天|月|省|市|区|台|吨|个)/;

const TASK_DEADLINE = /最晚|最迟|截止|之前|以前|要|须|应当|需要|各(省|地|市|级|部门|单位)/;

export function classify(question: string): Intent {
  const bare = question.replace(PUNCTUATION, '');
  if (GREETING.test(bare) || bare.length === 0) return { kind: 'social', social: 'greeting' };
  if (THANKS.test(bare)) return { kind: 'social', social: 'thanks' };
  if (BOT_HOWTO.test(question)) return { kind: 'social', social: 'help' };
  for (const { field, re } of DOC_FIELDS) {
    if (!re.test(question)) continue;
    // A name, date or author asked about a task (活动的名称, 谁发布数据) is a content question.
    if (field !== 'docNumber' && field !== 'recipients' && !DOC_NOUN.test(question) && !/的[?？]?$/.test(question))
      continue;
    // A deadline for something still to be done (实施方案最晚什么时候出台) is the content's, not the document's date.
    if (field === 'date' && TASK_DEADLINE.test(question)) continue;
    return { kind: 'document', field };
  }
  const want = WANTS.find((w) => w.re.test(question))?.want ?? 'any';
  const unit = want === 'count' || want === 'money' ? UNIT_ASKED.exec(question)?.[1] : undefined;
  return { kind: 'content', want, unit };
}
