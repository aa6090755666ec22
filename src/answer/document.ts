import type { Plan } from '../plan/parse.js';
import type { Answer, Lang } from './types.js';

/**
 * Facts about the document itself: its title, 文号, issuer, date and recipients. Taken from the parsed plan's
 * `meta` when the parser provides it; otherwise read from the text by the layout every Chinese official document
 * shares (文号 under the title, recipients ending in `：`, the issuer and date as the last lines, the 落款).
 */
export interface DocumentFacts {
  title?: string;
  docNumber?: string;
  issuer?: string;
  date?: string;
  recipients?: string;
}

const DOC_NUMBER = /[\p{Script=Han}]{1,10}[〔[［(（]\d{4}[〕\]］)）]\d+号/u;
const NUMERAL = '\\d〇零一二三四五六七八九十';
const DATE_LINE = new RegExp(`^[${NUMERAL}]{4}年[${NUMERAL}]{1,2}月[${NUMERAL}]{1,3}日$`);
/** A recipients line: addressed bodies ending in a colon, e.g. `各省、自治区、直辖市人民政府，国务院各部委：`. */
const RECIPIENTS_LINE = /^[^。；]{2,120}[：:]$/;
const HEAD_LINES = 8;

export function documentFacts(plan: Plan): DocumentFacts {
  const meta = (plan as Plan & { meta?: DocumentFacts }).meta;
  if (meta) return { ...derive(plan), ...meta };
  return derive(plan);
}

function derive(plan: Plan): DocumentFacts {
  const lines = plan.text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const facts: DocumentFacts = {};
  const numberLine = lines.findIndex((l, i) => i < HEAD_LINES && DOC_NUMBER.test(l) && l.length < 40);
  facts.docNumber = (numberLine >= 0 ? lines[numberLine] : plan.text)?.match(DOC_NUMBER)?.[0];
  facts.title = numberLine > 0 ? lines.slice(0, numberLine).join('') : plan.title;
  const recipients = lines.find((l, i) => i < HEAD_LINES && RECIPIENTS_LINE.test(l) && !/如下/.test(l));
  if (recipients) facts.recipients = recipients.replace(/[：:]$/, '');
  const dateLine = lines.findIndex((l) => DATE_LINE.test(l));
  if (dateLine >= 0) {
    facts.date = lines[dateLine];
    const before = lines[dateLine - 1] ?? '';
    if (before.length <= 40 && !/[。，；：:]/.test(before)) facts.issuer = before;
  }
  return facts;
}

const FIELD_WORDS: Record<keyof DocumentFacts, { zh: (v: string) => string; en: (v: string) => string }> = {
  title: { zh: (v) => `文件标题是《${v}》。`, en: (v) => `The document's title is 《${v}》.` },
  docNumber: { zh: (v) => `文号是${v}。`, en: (v) => `Its document number is ${v}.` },
  issuer: { zh: (v) => `发文机关是${v}。`, en: (v) => `It was issued by ${v}.` },
  date: { zh: (v) => `印发日期是${v}。`, en: (v) => `It is dated ${v}.` },
  recipients: { zh: (v) => `主送${v}。`, en: (v) => `It is addressed to ${v}.` },
};

const squash = (s: string) => s.replace(/\s+/g, '');

/** Answers a question about the document itself, cited where the fact stands; undefined when it is not known. */
export function answerDocument(plan: Plan, field: keyof DocumentFacts, lang: Lang): Answer | undefined {
  const value = documentFacts(plan)[field];
  if (!value) return undefined;
  const where = plan.passages.find((p) => squash(p.text).includes(squash(value)));
  const section = where?.section ?? plan.sections[0]?.label ?? plan.title;
  const answer = `${FIELD_WORDS[field][lang](value)}${lang === 'en' ? ' ' : ''}(${section})`;
  return { answer, grounded: true, mode: 'extractive', citations: [{ section, quote: value }], lang };
}
