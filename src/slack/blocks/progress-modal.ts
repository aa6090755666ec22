import type { KnownBlock, ModalView, PlainTextElement, PlainTextOption } from '@slack/types';
import type { Lang } from '../../answer/types.js';
import { appliesTo, type Catalogue, type Indicator, type UnitKind } from '../../plan/catalogue.js';
import { formatPeriod, type PeriodId } from '../../progress/periods.js';
import type { ProgressUpdate, UnitInfo } from '../../progress/types.js';
import { aggregationText } from './aggregation-text.js';
import { PROGRESS_WORDS as W } from './progress-modal-words.js';
import { withMeasure } from './status.js';
import { safeText, truncate } from './text.js';

/** The update modal's callback ids and block ids; block ids are the `FieldErrors` keys of the use case. */
export const PROGRESS_MODAL = 'progress_update';
export const PROGRESS_EDIT_MODAL = 'progress_edit';
export const BLOCK = {
  unit: 'unit',
  indicator: 'indicator',
  period: 'period',
  value: 'value',
  note: 'note',
  evidence: 'evidence',
} as const;

/** What the modal carries between opening and submission (`private_metadata`). */
export interface ProgressModalMeta {
  /** Where the command was typed, for the confirmation. */
  channel?: string;
  lang: Lang;
  /** The update being edited (edit modal only). */
  updateId?: number;
  /** The plan whose indicators the form offers (its slug); absent: the primary plan. */
  plan?: string;
}

const opt = (text: string, value: string, description?: string): PlainTextOption => ({
  text: { type: 'plain_text', text: truncate(text, 75) },
  value,
  ...(description ? { description: { type: 'plain_text', text: truncate(description, 75) } } : {}),
});

export function unitLabel(unit: Pick<UnitInfo, 'short' | 'name'>): string {
  return unit.short && unit.short !== unit.name ? `${unit.short}(${unit.name})` : unit.name;
}

export function indicatorLabel(indicator: Indicator, lang: Lang): string {
  const name = lang === 'en' ? indicator.name_en : indicator.name;
  const measure = indicator.measure ?? W[lang].milestone;
  return lang === 'en' ? `${name} (${measure})` : `${name}(${measure})`;
}

/** What the value field asks for: the measures of the indicators offered, as the plan writes them. */
function valueHint(indicators: readonly Pick<Indicator, 'measure'>[], lang: Lang): string {
  const measures = [...new Set(indicators.map((i) => i.measure))];
  const words = measures.filter((m): m is string => m !== null && m !== '%' && m !== '％').slice(0, 8);
  return truncate(
    W[lang].valueHint(words, measures.includes('%') || measures.includes('％'), measures.includes(null)),
    150,
  );
}

/**
 * The indicators a person may pick, grouped by the plan's section they come from: those that apply to any of the
 * given unit kinds, plus the bureau's own figures when `bureau` is set (admins).
 */
export type OptionGroup = { label: PlainTextElement; options: PlainTextOption[] };

export function indicatorGroups(
  catalogue: Catalogue,
  kinds: readonly UnitKind[],
  lang: Lang,
  bureau = false,
): OptionGroup[] {
  const groups = new Map<string, PlainTextOption[]>();
  for (const indicator of catalogue.indicators) {
    const fits = kinds.some((k) => appliesTo(indicator, k)) || (bureau && indicator.scope === 'bureau');
    if (!fits) continue;
    const list = groups.get(indicator.section) ?? [];
    list.push(opt(indicatorLabel(indicator, lang), indicator.key, aggregationText(catalogue, indicator, lang)));
    groups.set(indicator.section, list);
  }
  return [...groups].map(([section, options]) => ({
    label: { type: 'plain_text', text: truncate(section, 75) },
    options: options.slice(0, 100),
  }));
}

export interface ProgressModalInput {
  catalogue: Catalogue;
  /** The units the person may report for; the first is preset when there is only one (or `presetUnitId`). */
  units: UnitInfo[];
  presetUnitId?: string;
  /** Periods that may be reported, oldest first; `current` is preset. */
  periods: PeriodId[];
  current: PeriodId;
  /** Admins may also report the bureau's own figures. */
  bureau?: boolean;
  initial?: { indicatorKey?: string; value?: number; note?: string };
  meta: ProgressModalMeta;
  /** With several plans: the one the form is for, and the unit's others, each opened with `/progress <slug>`. */
  plans?: { title: string; others: { title: string; slug: string }[] };
}

/** Which plan the form reports on, and how to report on the unit's other plans. */
function planContext(plans: NonNullable<ProgressModalInput['plans']>, lang: Lang): KnownBlock {
  const others = plans.others
    .map((o) =>
      lang === 'en'
        ? `\`/progress ${o.slug}\` (“${safeText(o.title)}”)`
        : `\`/progress ${o.slug}\`(《${safeText(o.title)}》)`,
    )
    .join(lang === 'en' ? ', ' : '、');
  const text =
    lang === 'en'
      ? `Plan: “${safeText(plans.title)}”. For another plan, type ${others}.`
      : `计划:《${safeText(plans.title)}》。填报其他计划请输入 ${others}。`;
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, 2000) }] };
}

/** `/progress`: unit, indicator (grouped by section), period, value, note, evidence link. */
export function progressModal(input: ProgressModalInput): ModalView {
  const { lang } = input.meta;
  const w = W[lang];
  const unitOptions = input.units.slice(0, 100).map((u) => opt(unitLabel(u), u.id));
  const presetUnit =
    input.units.find((u) => u.id === input.presetUnitId) ?? (input.units.length === 1 ? input.units[0] : undefined);
  const presetUnitOption = presetUnit ? unitOptions.find((o) => o.value === presetUnit.id) : undefined;
  const kinds = presetUnit ? [presetUnit.kind] : [...new Set(input.units.map((u) => u.kind))];
  const groups = indicatorGroups(input.catalogue, kinds, lang, input.bureau);
  const offeredKeys = new Set(groups.flatMap((g) => g.options.map((o) => o.value)));
  const offered = input.catalogue.indicators.filter((i) => offeredKeys.has(i.key));
  const initialIndicator = groups.flatMap((g) => g.options).find((o) => o.value === input.initial?.indicatorKey);
  const periodOptions = input.periods.map((p) => opt(formatPeriod(p, lang), p));
  const initialPeriod = periodOptions.find((o) => o.value === input.current);

  const blocks: KnownBlock[] = [
    ...(input.plans?.others.length ? [planContext(input.plans, lang)] : []),
    {
      type: 'input',
      block_id: BLOCK.unit,
      label: { type: 'plain_text', text: w.unit },
      element: {
        type: 'static_select',
        action_id: BLOCK.unit,
        options: unitOptions,
        ...(presetUnitOption ? { initial_option: presetUnitOption } : {}),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.indicator,
      label: { type: 'plain_text', text: w.indicator },
      element: {
        type: 'static_select',
        action_id: BLOCK.indicator,
        placeholder: { type: 'plain_text', text: w.indicatorPh },
        option_groups: groups,
        ...(initialIndicator ? { initial_option: initialIndicator } : {}),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.period,
      label: { type: 'plain_text', text: w.period },
      element: {
        type: 'static_select',
        action_id: BLOCK.period,
        options: periodOptions.slice(-100),
        ...(initialPeriod ? { initial_option: initialPeriod } : {}),
      },
    },
    ...valueInputs(lang, offered, input.initial),
  ];
  return {
    type: 'modal',
    callback_id: PROGRESS_MODAL,
    title: { type: 'plain_text', text: w.title },
    submit: { type: 'plain_text', text: w.submit },
    close: { type: 'plain_text', text: w.close },
    private_metadata: JSON.stringify(input.meta),
    blocks,
  };
}

function valueInputs(
  lang: Lang,
  indicators: readonly Pick<Indicator, 'measure'>[],
  initial?: { value?: number; note?: string | null; evidenceUrl?: string | null },
): KnownBlock[] {
  const w = W[lang];
  return [
    {
      type: 'input',
      block_id: BLOCK.value,
      label: { type: 'plain_text', text: w.value },
      hint: { type: 'plain_text', text: valueHint(indicators, lang) },
      element: {
        type: 'number_input',
        action_id: BLOCK.value,
        is_decimal_allowed: true,
        min_value: '0',
        ...(initial?.value !== undefined ? { initial_value: String(initial.value) } : {}),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.note,
      optional: true,
      label: { type: 'plain_text', text: w.note },
      element: {
        type: 'plain_text_input',
        action_id: BLOCK.note,
        multiline: true,
        max_length: 1000,
        placeholder: { type: 'plain_text', text: w.notePh },
        ...(initial?.note ? { initial_value: initial.note } : {}),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.evidence,
      optional: true,
      label: { type: 'plain_text', text: w.evidence },
      element: {
        type: 'url_text_input',
        action_id: BLOCK.evidence,
        placeholder: { type: 'plain_text', text: w.evidencePh },
        ...(initial?.evidenceUrl ? { initial_value: initial.evidenceUrl } : {}),
      },
    },
  ];
}

/** Editing one update: what it is stays fixed (unit, indicator, period); value, note and link can change. */
export function editProgressModal(input: {
  update: ProgressUpdate;
  unit: Pick<UnitInfo, 'short' | 'name'>;
  indicator?: Indicator;
  meta: ProgressModalMeta & { updateId: number };
}): ModalView {
  const { lang } = input.meta;
  const w = W[lang];
  const u = input.update;
  const what = `${unitLabel(input.unit)} · ${input.indicator ? indicatorLabel(input.indicator, lang) : u.indicatorKey} · ${formatPeriod(u.period, lang)}`;
  const current = input.indicator ? withMeasure(u.value, input.indicator.measure, lang) : String(u.value);
  return {
    type: 'modal',
    callback_id: PROGRESS_EDIT_MODAL,
    title: { type: 'plain_text', text: w.editTitle },
    submit: { type: 'plain_text', text: w.submit },
    close: { type: 'plain_text', text: w.close },
    private_metadata: JSON.stringify(input.meta),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncate(`${safeText(w.editing(what))}\n${lang === 'en' ? 'Now' : '当前'}:*${current}*`, 3000),
        },
      },
      ...valueInputs(lang, input.indicator ? [input.indicator] : [], {
        value: u.value,
        note: u.note,
        evidenceUrl: u.evidenceUrl,
      }),
    ],
  };
}
