import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { type Lang, t } from '../../messages/index.js';
import type { IndicatorView } from '../../plan/imported.js';
import type { FormErrors, FormField } from '../../plan/review.js';
import { ADD_MODAL, EDIT_MODAL, type FormMeta } from './plan-review.js';
import { truncate } from './text.js';

/** The form over the review modal that edits an indicator or adds one (pure). */

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });

const COMPARATORS = ['>=', '<=', '=', '~'] as const;

/** The form to edit an indicator (`indicator` given) or add one; `errors` are shown beside their inputs. */
export function indicatorFormModal(meta: FormMeta, indicator?: IndicatorView): ModalView {
  const { lang } = meta;
  const option = (c: (typeof COMPARATORS)[number]): PlainTextOption => ({
    text: plain(`${c} ${t(lang, `edit.cmp.${c}`)}`),
    value: c,
  });
  const text = (
    field: FormField,
    label: string,
    value: string | null | undefined,
    optional = true,
    multiline = false,
  ): KnownBlock => ({
    type: 'input',
    block_id: field,
    optional,
    label: plain(label),
    element: {
      type: 'plain_text_input',
      action_id: field,
      ...(multiline ? { multiline: true } : {}),
      ...(value ? { initial_value: value } : {}),
    },
  });
  const cmp = indicator?.comparator ?? '>=';
  const blocks: KnownBlock[] = [
    text('name', t(lang, 'edit.name'), indicator?.name, false),
    text(
      'target',
      t(lang, 'edit.target'),
      indicator?.target === null || indicator?.target === undefined ? '' : String(indicator.target),
    ),
    {
      type: 'input',
      block_id: 'comparator',
      optional: true,
      label: plain(t(lang, 'edit.comparator')),
      element: {
        type: 'static_select',
        action_id: 'comparator',
        options: COMPARATORS.map(option),
        initial_option: option(cmp),
      },
    },
    text('measure', t(lang, 'edit.measure'), indicator?.measure),
    {
      type: 'input',
      block_id: 'deadline',
      optional: true,
      label: plain(t(lang, 'edit.deadline')),
      element: {
        type: 'datepicker',
        action_id: 'deadline',
        ...(indicator?.deadline ? { initial_date: indicator.deadline } : {}),
      },
    },
    text('lead', t(lang, 'edit.lead'), indicator?.lead),
    text('quote', t(lang, 'edit.quote'), indicator?.quote, false, true),
  ];
  return {
    type: 'modal',
    callback_id: indicator ? EDIT_MODAL : ADD_MODAL,
    title: plain(t(lang, indicator ? 'edit.titleEdit' : 'edit.titleAdd')),
    submit: plain(t(lang, 'edit.save')),
    close: plain(t(lang, 'edit.back')),
    private_metadata: JSON.stringify({ ...meta, ...(indicator ? { key: indicator.key } : {}) }),
    blocks,
  };
}

/** The form's problems as Slack shows them beside their inputs (block ids are the field names). */
export function formErrors(errors: FormErrors, lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, key ? t(lang, key) : '']));
}
