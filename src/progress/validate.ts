import { z } from 'zod';
import { type Catalogue, type Indicator, indicatorByKey, type UnitKind } from '../plan/catalogue.js';
import { aggregationOf } from '../plan/rules.js';
import { currentPeriod, formatPeriod, isFuture, isWithinPlan, type PeriodId, parsePeriod } from './periods.js';
import type { FieldErrors } from './types.js';

/**
 * Checks what a person typed against the plan's catalogue, field by field, so the modal can show each problem beside
 * its input. Pure: the clock reading and time zone are passed in.
 */

export const NOTE_MAX = 500;
export const EVIDENCE_MAX = 2000;
/** Measures that count whole things (a classifier alone, not 万人次 or 亿元): the value is an integer. */
const COUNT_MEASURES = new Set([
  '家',
  '人',
  '项',
  '个',
  '座',
  '所',
  '台',
  '件',
  '条',
  '篇',
  '次',
  '名',
  '户',
  '处',
  '套',
  '部',
]);

export interface Bilingual {
  zh: string;
  en: string;
}

/** One string for a field error: Chinese first, then English, as the modal shows it. */
export const fieldMessage = (m: Bilingual) => `${m.zh} / ${m.en}`;

const textLength = (s: string) => Array.from(s).length;

const EvidenceSchema = z.url({ protocol: /^https?$/ }).max(EVIDENCE_MAX);

/** The shape of an update as it reaches a use case; the catalogue checks come after. */
const UpdateShape = z.object({
  unitId: z.string().trim().min(1),
  indicatorKey: z.string().trim().min(1),
  period: z.string().trim().min(1),
  value: z.number(),
  note: z.string().nullish(),
  evidenceUrl: z.string().nullish(),
});

export interface PeriodRules {
  catalogue: Catalogue;
  now: Date;
  timezone: string;
}

/** A period as typed (`2016H1`, `2016上半年`) → its id, or why it cannot be reported on. */
export function checkPeriod(text: string, rules: PeriodRules): { period: PeriodId } | { error: Bilingual } {
  const period = parsePeriod(text);
  const { first, last } = rules.catalogue.periods;
  if (!period) {
    return {
      error: { zh: '期间格式不对,请写成 2016H1(上半年)或 2016H2(下半年)', en: 'Write the period as 2016H1 or 2016H2' },
    };
  }
  if (!isWithinPlan(period, rules.catalogue.periods)) {
    return {
      error: {
        zh: `${formatPeriod(period)}不在计划期内(${formatPeriod(first)}至${formatPeriod(last)})`,
        en: `${period} is outside the plan's periods (${first} to ${last})`,
      },
    };
  }
  if (isFuture(period, rules.now, rules.timezone)) {
    const current = currentPeriod(rules.now, rules.timezone);
    return {
      error: {
        zh: `${formatPeriod(period)}尚未开始,不能提前填报(当前为${formatPeriod(current)})`,
        en: `${period} has not begun yet; the current period is ${current}`,
      },
    };
  }
  return { period };
}

/** Far above any figure the plan sets (its largest is 500万元), and exact as a double. */
const VALUE_MAX = 1_000_000_000;

/** A figure in the indicator's measure: finite, not negative, a whole number for counts, 0–100 for percentages. */
export function checkValue(value: unknown, indicator: Pick<Indicator, 'measure'>): Bilingual | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { zh: '请填写一个数字', en: 'Enter a number' };
  if (value < 0) return { zh: '数值不能为负数', en: 'The value must not be negative' };
  if (value > VALUE_MAX)
    return {
      zh: `数值过大(最大 ${VALUE_MAX.toLocaleString('en')})`,
      en: `The value is too large (at most ${VALUE_MAX.toLocaleString('en')})`,
    };
  const { measure } = indicator;
  if (measure === null && value !== 0 && value !== 1)
    return { zh: '里程碑任务填 1(已完成)或 0(未完成)', en: 'A milestone takes 1 (done) or 0 (not done)' };
  if (measure === null) return null;
  if (measure === '%' && value > 100)
    return { zh: '百分比须在0到100之间', en: 'A percentage must be between 0 and 100' };
  if (COUNT_MEASURES.has(measure) && !Number.isInteger(value)) {
    return { zh: `以“${measure}”计的数值须为整数`, en: `A count in ${measure} must be a whole number` };
  }
  return null;
}

export function checkNote(note: string | null | undefined): { note: string | null } | { error: Bilingual } {
  const trimmed = note?.trim() ?? '';
  if (textLength(trimmed) > NOTE_MAX) {
    return {
      error: {
        zh: `说明最多${NOTE_MAX}字(现有${textLength(trimmed)}字)`,
        en: `The note may be at most ${NOTE_MAX} characters (it has ${textLength(trimmed)})`,
      },
    };
  }
  return { note: trimmed || null };
}

export function checkEvidence(url: string | null | undefined): { evidenceUrl: string | null } | { error: Bilingual } {
  const trimmed = url?.trim() ?? '';
  if (!trimmed) return { evidenceUrl: null };
  if (!EvidenceSchema.safeParse(trimmed).success) {
    return {
      error: {
        zh: '佐证链接须为以 http:// 或 https:// 开头的有效网址',
        en: 'The evidence link must be a valid URL starting with http:// or https://',
      },
    };
  }
  return { evidenceUrl: trimmed };
}

/**
 * Whether the actor may report this indicator for this unit, as the plan's rules say who reports it: the issuer's
 * own figures only admins, a figure named for one unit only for that unit, others for units of the listed kinds.
 */
export function checkApplies(
  catalogue: Catalogue,
  indicator: Indicator,
  unit: { id?: string; kind: UnitKind },
  isAdmin: boolean,
): Bilingual | null {
  const by = aggregationOf(catalogue, indicator).reportedBy;
  const { issuer, admins } = catalogue.rules.words;
  if (by === 'admins') {
    return isAdmin
      ? null
      : {
          zh: `“${indicator.name}”是${issuer}的指标,由${admins}填报`,
          en: `${indicator.name_en} is the issuer's own figure, reported by admins`,
        };
  }
  if ('unit' in by) {
    if (unit.id === undefined || unit.id === by.unit) return null;
    return { zh: `“${indicator.name}”只由 ${by.unit} 填报`, en: `${indicator.name_en} is reported by ${by.unit} only` };
  }
  if (by.kinds.length === 0 || by.kinds.includes(unit.kind)) return null;
  return { zh: `“${indicator.name}”不适用于此类单位`, en: `${indicator.name_en} does not apply to this kind of unit` };
}

export interface CleanUpdate {
  unitId: string;
  indicator: Indicator;
  period: PeriodId;
  value: number;
  note: string | null;
  evidenceUrl: string | null;
  idempotencyKey: string | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Validates a whole update for a unit of `kind`; every problem found is reported, keyed by its input. */
export function validateUpdate(
  input: unknown,
  unit: { id?: string; kind: UnitKind },
  isAdmin: boolean,
  rules: PeriodRules,
): Checked<CleanUpdate> {
  const errors: FieldErrors = {};
  const raw = (input ?? {}) as Record<string, unknown>;
  const shape = UpdateShape.safeParse(raw);
  const indicator =
    typeof raw.indicatorKey === 'string' ? indicatorByKey(rules.catalogue, raw.indicatorKey.trim()) : undefined;
  if (!indicator) {
    errors.indicator = fieldMessage({ zh: '请选择计划中的一项指标', en: 'Choose one of the plan’s indicators' });
  } else {
    const notApplicable = checkApplies(rules.catalogue, indicator, unit, isAdmin);
    if (notApplicable) errors.indicator = fieldMessage(notApplicable);
  }
  const period = checkPeriod(typeof raw.period === 'string' ? raw.period : '', rules);
  if ('error' in period) errors.period = fieldMessage(period.error);
  const valueProblem = checkValue(raw.value, indicator ?? { measure: '万元' });
  if (valueProblem) errors.value = fieldMessage(valueProblem);
  const note = checkNote(typeof raw.note === 'string' ? raw.note : null);
  if ('error' in note) errors.note = fieldMessage(note.error);
  else if (raw.note != null && typeof raw.note !== 'string')
    errors.note = fieldMessage({ zh: '说明须为文字', en: 'The note must be text' });
  const evidence = checkEvidence(typeof raw.evidenceUrl === 'string' ? raw.evidenceUrl : null);
  if ('error' in evidence) errors.evidence = fieldMessage(evidence.error);
  if (!shape.success) {
    for (const issue of shape.error.issues) {
      const field = FIELD_OF[String(issue.path[0])] ?? 'unit';
      errors[field] ??= fieldMessage({ zh: '此项无效', en: 'This field is not valid' });
    }
  }
  if (Object.keys(errors).length || !indicator || 'error' in period || 'error' in note || 'error' in evidence) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      unitId: String(raw.unitId).trim(),
      indicator,
      period: period.period,
      value: raw.value as number,
      note: note.note,
      evidenceUrl: evidence.evidenceUrl,
      idempotencyKey: typeof raw.idempotencyKey === 'string' && raw.idempotencyKey.trim() ? raw.idempotencyKey : null,
    },
  };
}

const FIELD_OF: Record<string, string> = {
  unitId: 'unit',
  indicatorKey: 'indicator',
  period: 'period',
  value: 'value',
  note: 'note',
  evidenceUrl: 'evidence',
};

export interface UpdateChanges {
  value?: number;
  note?: string | null;
  evidenceUrl?: string | null;
  period?: string;
}

export interface CleanChanges {
  value?: number;
  note?: string | null;
  evidenceUrl?: string | null;
  period?: PeriodId;
}

/** Validates only the fields an edit changes, by the same rules as a new update. */
export function validateChanges(
  changes: UpdateChanges,
  indicator: Indicator,
  rules: PeriodRules,
): Checked<CleanChanges> {
  const errors: FieldErrors = {};
  const out: CleanChanges = {};
  if (changes.value !== undefined) {
    const problem = checkValue(changes.value, indicator);
    if (problem) errors.value = fieldMessage(problem);
    else out.value = changes.value;
  }
  if (changes.note !== undefined) {
    const note = checkNote(changes.note);
    if ('error' in note) errors.note = fieldMessage(note.error);
    else out.note = note.note;
  }
  if (changes.evidenceUrl !== undefined) {
    const evidence = checkEvidence(changes.evidenceUrl);
    if ('error' in evidence) errors.evidence = fieldMessage(evidence.error);
    else out.evidenceUrl = evidence.evidenceUrl;
  }
  if (changes.period !== undefined) {
    const period = checkPeriod(changes.period, rules);
    if ('error' in period) errors.period = fieldMessage(period.error);
    else out.period = period.period;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: out };
}
