import type { Plan } from '../parse.js';
import { type Clause, splitClauses } from './clauses.js';
import { comparatorOf } from './comparator.js';
import { type Deadline, findDeadlines, planYear } from './deadline.js';
import { type Figure, findFigures } from './figures.js';
import { responsibleMarks, subjectOf } from './lead.js';
import { figureName, milestoneName } from './name.js';
import { isTarget } from './targets.js';
import type { DraftIndicator } from './types.js';

type Draft = Omit<DraftIndicator, 'key'>;

/** A milestone's task must say something: at least this many Han characters after its deadline. */
const MIN_TASK = 4;
const hanCount = (s: string) => (s.match(/[\u4e00-\u9fff]/g) ?? []).length;
/** A sentence that defines a term states how something is counted, not an aim (`日间手术是指…不超过48小时`). */
/**
 * Sections that review the past period (`一、发展基础`, `(一)主要成就`, `现状与形势`): a plan's figures there are what
 * was achieved, not what it aims at. A genre convention of Chinese plans, not one plan's wording.
 */
const RETROSPECT = /(?:发展基础|工作基础|现实基础|基本情况|现状|回顾|成效|成就|形势|发展环境)$/;
/** A figure due every year is not tied to the one-off deadline stated before it. */
const RECURRING = /每年|每季度|每月|每半年|年度/;
const DEFINITION = /是指|系指|指的是|定义为|计算方法|计算公式|统计口径/;

/** The body a task opens with when it acts itself (`国家中医药局印发…`), not when it is told to (`各地要…`). */
function actorOf(task: string): string | null {
  const subject = subjectOf(task);
  if (!subject) return null;
  const rest = task.slice(task.indexOf(subject) + subject.length);
  return /^[要将应可须，,]/.test(rest) || rest.length === 0 ? null : subject;
}

interface ParagraphContext {
  text: string;
  section: string;
  clauses: Clause[];
  deadlines: Deadline[];
  marks: { at: number; lead: string }[];
}

/** The responsible body for an item ending at `end` in clause `ci`: a parenthesis after it, else a subject. */
function leadFor(p: ParagraphContext, ci: number, end: number, task?: string): string | null {
  const mark = p.marks.find((m) => m.at >= end);
  if (mark) return mark.lead;
  const clause = p.clauses[ci];
  const opening = p.clauses.find((c) => c.sentence === clause?.sentence);
  return (
    (task ? subjectOf(task) : null) ??
    (clause ? subjectOf(clause.text, task === undefined) : null) ??
    (opening ? subjectOf(opening.text, task === undefined) : null)
  );
}

/** The part of a clause that quotes figure `i` of several (`博士8人以上、硕士40人以上` → one each). */
function segmentOf(clause: string, figures: Figure[], i: number): [number, number] {
  const fig = figures[i] as Figure;
  const prev = figures[i - 1];
  const next = figures[i + 1];
  let start = 0;
  if (prev) {
    const comma = clause.lastIndexOf('、', fig.start);
    start = comma >= prev.end ? comma + 1 : prev.end;
  }
  let end = clause.length;
  if (next) {
    const comma = clause.indexOf('、', fig.end);
    end = comma >= 0 && comma < next.start ? comma : next.start;
  }
  return [start, end];
}

/** The target figures of each clause, in order (a clause continuing a list of targets may hold a bare figure). */
function clauseTargets(p: ParagraphContext): Figure[][] {
  const defining = new Set(p.clauses.filter((c) => DEFINITION.test(c.text)).map((c) => c.sentence));
  const result: Figure[][] = [];
  p.clauses.forEach((clause, ci) => {
    const previous = p.clauses[ci - 1];
    const followsTarget = previous?.sentence === clause.sentence && (result[ci - 1]?.length ?? 0) > 0;
    const accepted: Figure[] = [];
    if (!defining.has(clause.sentence)) {
      for (const f of findFigures(clause.text)) {
        if (isTarget(f, { clause: clause.text, followsTarget, previous: accepted.at(-1) })) accepted.push(f);
      }
    }
    result.push(accepted);
  });
  return result;
}

const MILESTONE = { target: null, targetMax: null, comparator: null, measure: null } as const;

function draftParagraph(text: string, section: string, issued: number | null): Draft[] {
  const p: ParagraphContext = {
    text,
    section,
    clauses: splitClauses(text),
    deadlines: findDeadlines(text, issued),
    marks: responsibleMarks(text),
  };
  const targets = clauseTargets(p);
  const drafts: Draft[] = [];
  let context: Deadline | null = null;
  // A milestone just drafted and the clause after it: a figure there, with no deadline of its own, is what the
  // milestone's deadline is about (`于2019年初开始执行…，周期为1年`), so the two become one target.
  let pending: { draft: Draft; next: number; sentence: number } | null = null;
  // The last milestone whose task opened with the body doing it: the next sentence may give a parallel task to
  // another body under the same deadline (`…前，国家卫生健康委推行…。国家中医药局印发…。`).
  let parallel: { deadline: Deadline; sentence: number } | null = null;
  let skipTo = -1;
  p.clauses.forEach((clause, ci) => {
    if (ci < skipTo) return;
    const inClause = (c: Clause | undefined) =>
      p.deadlines.filter((d) => c !== undefined && d.start >= c.start && d.start < c.end);
    // `储存6个月以上12个月以内的，…`: a clause ending in 的 names cases, its spans are not deadlines.
    const condition = /的$/.test(clause.text);
    const own = condition ? [] : inClause(clause).filter((d) => d.kind !== 'start');
    // `从2019年起，启动…` dates a task too, unless a dated deadline follows (`2020年起，每年2月底前…`).
    const starts = condition ? [] : inClause(clause).filter((d) => d.kind === 'start');
    const dated = own.length > 0 ? own : starts.filter(() => inClause(p.clauses[ci + 1]).length === 0);
    const figures = targets[ci] ?? [];
    const opensSentence = p.clauses[ci - 1]?.sentence !== clause.sentence;
    if (figures.length > 0) {
      const recurring = RECURRING.test(clause.text);
      if (pending && pending.next === ci && pending.sentence === clause.sentence && own.length === 0 && !recurring)
        drafts.splice(drafts.indexOf(pending.draft), 1);
      figures.forEach((figure, i) => {
        const at = clause.start + figure.start;
        const deadline = own.filter((d) => d.start < at).at(-1) ?? (recurring ? null : context);
        const [from, to] = segmentOf(clause.text, figures, i);
        const quote = clause.text.slice(from, to);
        const local = { ...figure, start: figure.start - from, end: figure.end - from };
        const named = figureName(quote, local, deadline?.text ?? null);
        // A table cell (`≥95%`) has no words of its own: the row's first cell names it.
        const rowHead = p.clauses.find((c) => c.sentence === clause.sentence)?.text ?? '';
        drafts.push({
          name: /[\u4e00-\u9fff]/.test(named) || !/[\u4e00-\u9fff]/.test(rowHead) ? named : rowHead.slice(0, 24),
          target: figure.value,
          targetMax: figure.valueMax,
          comparator: comparatorOf(clause.text, figure),
          measure: figure.measure,
          deadline: deadline?.iso ?? null,
          deadlineText: deadline?.text ?? null,
          lead: leadFor(p, ci, clause.start + to),
          section,
          quote,
        });
      });
      pending = null;
      parallel = null;
    } else if (dated.length > 0) {
      const d = dated[0] as Deadline;
      let last = ci;
      let task = text.slice(d.end, clause.end);
      // `该项工作于2019年4月底前完成`: the task stands around the deadline.
      if (hanCount(task) < MIN_TASK) {
        const around = text.slice(clause.start, d.start) + task;
        if (hanCount(task) > 0 && hanCount(around) >= MIN_TASK) task = around;
      }
      const next = p.clauses[ci + 1];
      if (hanCount(task) < MIN_TASK && next && next.sentence === clause.sentence) {
        // The deadline stands alone (`到2025年，…`): its task is the next clause, unless that holds figures,
        // which then take the deadline themselves.
        if ((targets[ci + 1]?.length ?? 0) > 0) {
          context = d;
          return;
        }
        task = next.text;
        last = ci + 1;
      }
      const end = p.clauses[last]?.end ?? clause.end;
      if (hanCount(task.replace(/^(?:前|底前|以前|之前)/, '')) >= MIN_TASK) {
        const actor = actorOf(task);
        const draft: Draft = {
          name: milestoneName(actor ? task.slice(task.indexOf(actor) + actor.length) : task, section),
          ...MILESTONE,
          deadline: d.iso,
          deadlineText: d.text,
          lead: leadFor(p, ci, end, task),
          section,
          quote: text.slice(clause.start, end),
        };
        drafts.push(draft);
        pending = { draft, next: last + 1, sentence: clause.sentence };
        parallel = actor ? { deadline: d, sentence: clause.sentence } : null;
        skipTo = last + 1;
      }
    } else if (opensSentence && parallel?.sentence === clause.sentence - 1) {
      const actor = actorOf(clause.text);
      if (actor && hanCount(clause.text) >= MIN_TASK * 2) {
        drafts.push({
          name: milestoneName(clause.text.slice(clause.text.indexOf(actor) + actor.length), section),
          ...MILESTONE,
          deadline: parallel.deadline.iso,
          deadlineText: parallel.deadline.text,
          lead: actor,
          section,
          quote: clause.text,
        });
        parallel = { deadline: parallel.deadline, sentence: clause.sentence };
      }
    }
    context = own.at(-1) ?? context;
  });
  return drafts;
}

/**
 * Drafts a plan's quantified targets and dated milestones from its text alone, by general rules: figures with a
 * measure that the plan commits to (a comparator or a goal verb), dated tasks, their deadlines, leads and sections.
 * Every quote is a verbatim span of `plan.text`. Keys run t01, t02… in the order the plan states them.
 */
export function draftTargets(plan: Plan): DraftIndicator[] {
  const issued = planYear(plan.text);
  const drafts = plan.passages
    .filter((p) => p.kind === 'paragraph' && !RETROSPECT.test(p.section))
    .flatMap((p) => draftParagraph(p.text, p.section, issued))
    .filter((d) => d.quote.length > 0 && plan.text.includes(d.quote));
  const width = Math.max(2, String(drafts.length).length);
  return drafts.map((d, i) => ({ key: `t${String(i + 1).padStart(width, '0')}`, ...d }));
}
