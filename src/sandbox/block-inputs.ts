// What a person can fill in or press on a view or message: the script runner submits modals and clicks buttons by
// label or action_id through these. Block ids follow the fake Web API's convention (`b<index>` when a block has none).

export interface InputOption {
  text: string;
  value: string;
}

export interface ViewInput {
  blockId: string;
  actionId: string;
  label: string;
  /** The element type: plain_text_input, static_select, number_input, datepicker… */
  type: string;
  optional: boolean;
  hint?: string;
  multiline?: boolean;
  /** The choices of a select, radio group or checkbox group, option groups flattened. */
  options?: InputOption[];
  /**
   * The value shown before anyone types: a string for text, number, url and date inputs; an InputOption for a
   * single select or radio group; InputOption[] for multi selects and checkboxes; a user or conversation id.
   */
  initial?: unknown;
}

export interface BlockButton {
  text: string;
  actionId: string;
  value?: string;
  blockId: string;
  url?: string;
  style?: string;
}

type Rec = Record<string, unknown>;

const SINGLE_INITIAL: Record<string, string> = {
  plain_text_input: 'initial_value',
  number_input: 'initial_value',
  url_text_input: 'initial_value',
  email_text_input: 'initial_value',
  datepicker: 'initial_date',
  timepicker: 'initial_time',
  datetimepicker: 'initial_date_time',
  users_select: 'initial_user',
  multi_users_select: 'initial_users',
  conversations_select: 'initial_conversation',
  multi_conversations_select: 'initial_conversations',
  channels_select: 'initial_channel',
  multi_channels_select: 'initial_channels',
  rich_text_input: 'initial_value',
};

/** The input blocks of a view (or a list of blocks), in order. */
export function findInputs(view: unknown): ViewInput[] {
  return blocksOf(view).flatMap((block, index) => {
    if (block.type !== 'input' || !isRec(block.element)) return [];
    const element = block.element;
    const blockId = blockIdOf(block, index);
    const type = str(element.type);
    const options = optionsOf(element);
    const input: ViewInput = {
      blockId,
      actionId: str(element.action_id) || blockId,
      label: plain(block.label),
      type,
      optional: block.optional === true,
    };
    if (block.hint !== undefined) input.hint = plain(block.hint);
    if (type === 'plain_text_input') input.multiline = element.multiline === true;
    if (options.length > 0 || 'options' in element || 'option_groups' in element) input.options = options;
    const initial = initialOf(element);
    if (initial !== undefined) input.initial = initial;
    return [input];
  });
}

/** Buttons on a message, a view or a list of blocks: in actions blocks and as section accessories. */
export function buttonsOf(blocksOrView: unknown): BlockButton[] {
  const attachments = isRec(blocksOrView) && Array.isArray(blocksOrView.attachments) ? blocksOrView.attachments : [];
  const sources = [blocksOf(blocksOrView), ...attachments.filter(isRec).map((a) => blocksOf(a))];
  return sources.flatMap((blocks) => blocks.flatMap((block, index) => buttonsIn(block, index)));
}

function buttonsIn(block: Rec, index: number): BlockButton[] {
  const blockId = blockIdOf(block, index);
  const elements = block.type === 'actions' ? list(block.elements) : isRec(block.accessory) ? [block.accessory] : [];
  return elements
    .filter((e) => e.type === 'button')
    .map((e) => {
      const button: BlockButton = { text: plain(e.text), actionId: str(e.action_id), blockId };
      if (typeof e.value === 'string') button.value = e.value;
      if (typeof e.url === 'string') button.url = e.url;
      if (typeof e.style === 'string') button.style = e.style;
      return button;
    });
}

export function blockIdOf(block: Rec, index: number): string {
  return typeof block.block_id === 'string' ? block.block_id : `b${index}`;
}

function initialOf(element: Rec): unknown {
  const key = SINGLE_INITIAL[str(element.type)];
  if (key && element[key] !== undefined) return element[key];
  if (isRec(element.initial_option)) return toOption(element.initial_option);
  if (Array.isArray(element.initial_options)) return list(element.initial_options).map(toOption);
  return undefined;
}

function optionsOf(element: Rec): InputOption[] {
  return [...list(element.options), ...list(element.option_groups).flatMap((g) => list(g.options))].map(toOption);
}

function toOption(option: Rec): InputOption {
  return { text: plain(option.text), value: str(option.value) };
}

function blocksOf(value: unknown): Rec[] {
  if (Array.isArray(value)) return list(value);
  return isRec(value) ? list(value.blocks) : [];
}

function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  return isRec(value) ? str(value.text) : '';
}

function isRec(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Rec[] {
  return Array.isArray(value) ? value.filter(isRec) : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
