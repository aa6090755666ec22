import { halfWidth } from '../plan/draft/numerals.js';
import type { Want } from './question.js';

/**
 * Whether a sentence holds the kind of answer a question asks for: a figure in the unit asked, an amount, a date, a
 * named place at the level asked, a responsible body, several items. General rules of Chinese official writing.
 */

/** The level of place a `where` question asks for (哪个市, 哪个县, 哪个乡镇). */
export type Place = 'city' | 'county' | 'township';

export interface AnswerKind {
  want: Want;
  /** The measure word a count asks in (几套 → 套). */
  unit?: string;
  place?: Place;
}

/** A parenthesised note or sentence that names who is responsible (`（市场监管总局负责）`, `牵头单位：…`). */
export const RESPONSIBLE = /负责|牵头|责任单位|配合/;

const CHINESE_DATE = /\d{4}年\d{1,2}月\d{1,2}日/;
const NUMERAL = '\\d一二两三四五六七八九十百千万亿半';
/** A figure an answer to `多少/几/how many` must hold: digits, or a Chinese numeral with its measure word. */
export const FIGURE = /\d|[一二两三四五六七八九十百千万半][项次级家人名个年月分倍类批套所种条位]|[A-Z]级/;

/** A year or a date (2017年底, 2019年6月, 2020): when, not how many. */
const DATE_FIGURE = /(?:19|20)\d\d(?:年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:底|末|初|中|前|起)?)?/g;

/** Whether the text counts something: a figure that is more than a year or a date. */
export const counts = (text: string) => FIGURE.test(halfWidth(text).replace(DATE_FIGURE, ''));

const MONEY = new RegExp(`[${NUMERAL}][${NUMERAL}.]*\\s*(万|亿)?元`);
const WHEN =
  /\d{4}年|\d{1,2}月|\d+个?(小时|天|日|周|工作日|月|年)|[一二两三四五六七八九十]+个月|之日起|即日起|年底|年内|年末|月底|每年|每季度|每月|上半年|下半年|[一二三四五六七八九十]年/;
const PLACE = /[省市区县州盟旗镇乡村]|地区|城市|新区|园区/;
/**
 * A named place (北京、拉萨市、安顺市、某某县), not a word that only holds a place character (城市, 市场, 市级, 全市域).
 * The provincial-level names are general geography, written without their 省/市 as documents list them.
 */
const PLACE_NAME = new RegExp(
  [
    '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州',
    '云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门',
    '\\p{Script=Han}{2,}(?:省|自治区|自治州|县|盟|旗|镇|乡)(?![级域内外委长])',
    '[^城都超股上全本各我该夜门地\\P{Script=Han}]市(?![场级域民长委属内辖容政县])',
  ].join('|'),
  'u',
);
const CITY = /[^城都超股上全本各我该夜门地\P{Script=Han}]市(?![场级域民长委属内辖容政县])|\p{Script=Han}{2,}盟(?!市)/u;
const COUNTY = /\p{Script=Han}{2,}(?:县|区|旗)(?![级域内外委长])/u;
const TOWNSHIP = /\p{Script=Han}{2,}(?:乡|镇)(?![级域内外委长])/u;

/** A named place at the level asked (哪个盟市 → a city, 哪个乡镇 → a township), any named place otherwise. */
function placeAt(level: Place | undefined): RegExp {
  return level === 'city' ? CITY : level === 'county' ? COUNTY : level === 'township' ? TOWNSHIP : PLACE_NAME;
}
const BODY = /部|委|局|办|厅|院|会|署|行|政府|单位|机构|组织/;
/** Items in a row, separated by 、 (北京、天津、上海), or two named before 等/共. */
const ENUMERATION =
  /[^、，。；]{1,12}、[^、，。；]{1,12}、|[^、，。；]{2,12}[、和或及与][^、，。；]{2,12}(等|共|\d+个)/;
/**
 * ENUMERATION, tested only where it can match: its first half needs two 、, its second 等, 共 or a figure before 个.
 * The pattern backtracks over every start of a sentence; most sentences have neither, and are passed over at once.
 */
function enumerates(text: string): boolean {
  const twoCommas = text.indexOf('、') !== text.lastIndexOf('、');
  return (twoCommas || /等|共|\d个/.test(text)) && ENUMERATION.test(text);
}
/** Measure words that stand for each other in a count (多少人 is answered by 8名). */
const SAME_UNIT: Record<string, string> = { 人: '人名位', 名: '人名位', 位: '人名位', 个: '个家所项' };

/** The figure, in the measure word asked (几套 → `10000套`), that a count's answer should hold. */
function unitFigure(unit: string): RegExp {
  const units = SAME_UNIT[unit];
  return units ? new RegExp(`[${NUMERAL}](余|多|个)?[${units}]`) : new RegExp(`[${NUMERAL}](余|多)?${unit}`);
}

/** Whether a sentence holds the kind of answer asked for: above 1 when it does, below when it does not. */
export function fits(query: AnswerKind, raw: string, note = ''): number {
  const text = halfWidth(raw);
  switch (query.want) {
    case 'date':
      return CHINESE_DATE.test(text) ? 1.1 : WHEN.test(text) ? 1 : 0.5;
    case 'money':
      return MONEY.test(text) ? 1 : 0.5;
    case 'count':
      if (query.unit) return unitFigure(query.unit).test(text) ? 1.5 : counts(text) ? 0.8 : 0.5;
      return counts(text) ? 1 : 0.6;
    case 'who':
      return note || RESPONSIBLE.test(text) ? 1.1 : BODY.test(text) ? 0.9 : 0.6;
    case 'where':
      return PLACE.test(text) ? 1 : 0.7;
    case 'list':
      // Which ones (哪些城市, 哪几种模式): a sentence naming several answers best.
      return enumerates(text) ? 1.3 : 1;
    default:
      return 1;
  }
}

export function placeLevel(question: string): Place | undefined {
  if (/哪(个|些|几个)?(乡镇|乡|镇|村)/.test(question)) return 'township';
  if (/哪(个|些|几个)?(区县|县|区|旗)/.test(question)) return 'county';
  if (/哪(个|些|几个)?(盟市|城市|市|地市)|which cit/i.test(question)) return 'city';
  return undefined;
}

/** Units a plan states a quantity in as a figure. */
const MEASURED = /^(名|人|位|家|套|所|座|亿元|万元|元|亿|万|万人|台|吨|户|亩|公里|平方米|岁|倍)$/;

/** Whether a sentence states the thing a figure, amount or date question asks for. */
export function answersWant(query: AnswerKind, raw: string): boolean {
  const text = halfWidth(raw);
  // Asked in a unit of measure (几台, 多少亿元), the answer gives a figure in it (or one that stands for it: 人/名).
  // Kinds and ranks (几种, 几级) are often answered by naming them, not counting them.
  if ((query.want === 'count' || query.want === 'money') && query.unit && MEASURED.test(query.unit))
    return unitFigure(query.unit).test(text);
  if (query.want === 'money') return MONEY.test(text);
  if (query.want === 'date') return WHEN.test(text) || CHINESE_DATE.test(text);
  if (query.want === 'count') return counts(text);
  if (query.want === 'where') return placeAt(query.place).test(text);
  return true;
}
