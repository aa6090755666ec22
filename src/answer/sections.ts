import type { Plan, Section } from '../plan/parse.js';
import type { Query } from './retrieve.js';
import { normalise } from './tokenize.js';
import type { Answer, Citation } from './types.js';

/** A lead sentence that names an item of a list section (`坚持问题导向。`) is this short at most. */
const LEAD = 24;
const MAX_ITEMS = 12;

/**
 * "What are the 基本原则?" / "基本原则有几条?": when a list or count question names a section's heading and that
 * section is a list (numbered subsections, or paragraphs that each open with a short lead sentence), the answer
 * is its items, counted, each cited.
 */
export function headingList(plan: Plan, query: Query): Omit<Answer, 'lang'> | undefined {
  if (query.want !== 'list' && query.want !== 'count') return undefined;
  const terms = query.groups.map((g) => normalise(g[0] ?? '')).filter((t) => t.length > 0);
  if (terms.length === 0 || terms.join('').length < 2) return undefined;
  const at = plan.sections.findIndex(
    (s) => s.depth > 0 && terms.every((t) => normalise(s.heading).includes(t)) && s.heading.length <= 16,
  );
  const section = plan.sections[at];
  if (!section) return undefined;
  const items = childItems(plan, at) ?? leadItems(plan, section);
  if (!items || items.length < 2) return undefined;
  const shown = items.slice(0, MAX_ITEMS);
  const count = query.lang === 'en' ? `${items.length} items` : `共${items.length}项`;
  const names = shown.map((c) => c.quote.replace(/[。；;：:]$/, ''));
  const answer =
    query.lang === 'en'
      ? `The plan lists ${count} under ${section.label}: ${names.join('; ')}.`
      : `${section.heading}${count}：${names.join('；')}。(${section.label})`;
  return { answer, grounded: true, mode: 'extractive', citations: shown };
}

/** The headings of a section's direct subsections. */
function childItems(plan: Plan, at: number): Citation[] | undefined {
  const parent = plan.sections[at] as Section;
  const children: Section[] = [];
  for (const s of plan.sections.slice(at + 1)) {
    if (s.depth <= parent.depth) break;
    children.push(s);
  }
  const depth = Math.min(...children.map((c) => c.depth));
  const direct = children.filter((c) => c.depth === depth);
  return direct.length >= 2 ? direct.map((c) => ({ section: parent.label, quote: c.heading })) : undefined;
}

/** The short lead sentence of each of a section's paragraphs, when every paragraph has one. */
function leadItems(plan: Plan, section: Section): Citation[] | undefined {
  const paragraphs = plan.passages.filter((p) => p.kind === 'paragraph' && p.section === section.label);
  const leads = paragraphs.map((p) => plan.passages.find((s) => s.id === `${p.id}.s0`)?.text ?? '');
  if (leads.some((l) => l.length === 0 || l.length > LEAD)) return undefined;
  return leads.map((quote) => ({ section: section.label, quote }));
}
