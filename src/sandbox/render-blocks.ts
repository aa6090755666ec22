// Block Kit as readable terminal text, for the local workspace: what a person would see in Slack, minus the pixels.
// Pure functions over plain objects (messages and views as the Web API carries them).
import { type BlockButton, buttonsOf, findInputs, type InputOption, type ViewInput } from './block-inputs.js';

export { type BlockButton, buttonsOf, findInputs, type InputOption, type ViewInput };

export interface RenderOptions {
  /** Shows `<@U123>` as `@张三` instead of `@U123` when it knows the name. */
  userName?: (userId: string) => string | undefined;
  /** Shows `<#C123>` as `#keji` when it knows the name. */
  channelName?: (channelId: string) => string | undefined;
}

type Rec = Record<string, unknown>;

export const DIVIDER = '─'.repeat(20);

export function renderMessage(
  message: { text?: string; blocks?: unknown[]; attachments?: unknown[] },
  options: RenderOptions = {},
): string {
  const body =
    message.blocks && message.blocks.length > 0
      ? renderBlocks(message.blocks, options)
      : mrkdwnToText(message.text ?? '', options);
  const attachments = (message.attachments ?? []).filter(isRec).map((a) => renderAttachment(a, options));
  return [body, ...attachments].filter((part) => part !== '').join('\n');
}

export function renderView(view: unknown, options: RenderOptions = {}): string {
  if (!isRec(view)) return '';
  const title = view.type === 'home' ? '主页' : textOf(view.title, options);
  const lines = [`══ ${title} ══`];
  const body = renderBlocks(Array.isArray(view.blocks) ? view.blocks : [], options);
  if (body) lines.push(body);
  if (view.type !== 'home') {
    const submit = isRec(view.submit) ? `[${textOf(view.submit, options)}] ` : '';
    const close = isRec(view.close) ? textOf(view.close, options) : '取消';
    lines.push(`${submit}[${close}]`);
  }
  return lines.join('\n');
}

export function renderBlocks(blocks: unknown[], options: RenderOptions = {}): string {
  return blocks
    .filter(isRec)
    .map((block) => renderBlock(block, options))
    .filter((text) => text !== '')
    .join('\n');
}

function renderBlock(block: Rec, options: RenderOptions): string {
  switch (block.type) {
    case 'header':
      return `【${textOf(block.text, options)}】`;
    case 'section':
      return renderSection(block, options);
    case 'divider':
      return DIVIDER;
    case 'context':
      return `› ${list(block.elements)
        .map((e) => (e.type === 'image' ? `[图片：${str(e.alt_text)}]` : textOf(e, options)))
        .join('  ')}`;
    case 'actions':
      return list(block.elements)
        .map((e) => renderControl(e, options))
        .join(' ');
    case 'rich_text':
      return renderRichText(block, options);
    case 'input':
      return renderInput(block, options);
    case 'image': {
      const title = isRec(block.title) ? textOf(block.title, options) : str(block.alt_text);
      return `[图片：${title}] ${str(block.image_url)}`.trimEnd();
    }
    case 'markdown':
      return str(block.text);
    case 'table':
      return renderTable(block, options);
    case 'file':
      return `[文件 ${str(block.external_id)}]`;
    case 'video':
      return `[视频：${textOf(block.title, options)}] ${str(block.video_url)}`.trimEnd();
    default:
      return `[${str(block.type)}]`;
  }
}

function renderSection(block: Rec, options: RenderOptions): string {
  const lines: string[] = [];
  if (block.text !== undefined) lines.push(textOf(block.text, options));
  for (const field of list(block.fields)) lines.push(textOf(field, options).replace(/\s*\n\s*/g, ' '));
  if (isRec(block.accessory)) {
    const accessory = renderControl(block.accessory, options);
    const last = lines.pop();
    lines.push(last === undefined ? accessory : `${last}  ${accessory}`);
  }
  return lines.join('\n');
}

/**
 * A button's label as the terminal shows it: a button of one item among many (`plan_review_approve:t01`) shows its
 * id, the way to :click that one.
 */
export function buttonLabel(text: string, actionId: string): string {
  return actionId.includes(':') ? `${text} ‹${actionId}›` : text;
}

/** An interactive element as it sits on a message or in an actions block. */
function renderControl(element: Rec, options: RenderOptions): string {
  switch (element.type) {
    case 'button':
    case 'workflow_button':
      return `[${buttonLabel(textOf(element.text, options), str(element.action_id))}]`;
    case 'overflow':
      return '[⋯]';
    case 'image':
      return `[图片：${str(element.alt_text)}]`;
    case 'datepicker':
      return `[${str(element.initial_date) || textOf(element.placeholder, options) || '选择日期'} ▾]`;
    case 'timepicker':
      return `[${str(element.initial_time) || textOf(element.placeholder, options) || '选择时间'} ▾]`;
    case 'checkboxes':
    case 'radio_buttons':
      return optionLines(element, options).join(' ');
    default: {
      const initial = isRec(element.initial_option) ? textOf(element.initial_option.text, options) : '';
      return `[${initial || textOf(element.placeholder, options) || '请选择'} ▾]`;
    }
  }
}

const INPUT_KINDS: Record<string, string> = {
  plain_text_input: '文本',
  number_input: '数字',
  url_text_input: '网址',
  email_text_input: '邮箱',
  datepicker: '日期',
  timepicker: '时间',
  datetimepicker: '日期时间',
  static_select: '单选',
  external_select: '搜索选择',
  multi_static_select: '多选',
  radio_buttons: '单选',
  checkboxes: '多选',
  users_select: '选择成员',
  multi_users_select: '选择成员',
  conversations_select: '选择会话',
  channels_select: '选择频道',
  file_input: '文件',
  rich_text_input: '富文本',
};

function renderInput(block: Rec, options: RenderOptions): string {
  const element = isRec(block.element) ? block.element : {};
  const type = str(element.type);
  const kind = type === 'plain_text_input' && element.multiline === true ? '多行文本' : (INPUT_KINDS[type] ?? type);
  const lines = [`▸ ${textOf(block.label, options)}${block.optional === true ? '（选填）' : ''}`];
  const current = initialText(element, options);
  const placeholder = textOf(element.placeholder, options);
  lines.push(`  ⟨${kind}⟩${current ? ` ${current}` : placeholder ? ` （${placeholder}）` : ''}`);
  for (const line of optionLines(element, options)) lines.push(`    ${line}`);
  if (block.hint !== undefined) lines.push(`  提示：${textOf(block.hint, options)}`);
  return lines.join('\n');
}

function initialText(element: Rec, options: RenderOptions): string {
  for (const key of [
    'initial_value',
    'initial_date',
    'initial_time',
    'initial_user',
    'initial_conversation',
    'initial_channel',
  ]) {
    if (typeof element[key] === 'string' || typeof element[key] === 'number') {
      const value = String(element[key]);
      if (key === 'initial_user') return `@${options.userName?.(value) ?? value}`;
      if (key === 'initial_conversation' || key === 'initial_channel')
        return `#${options.channelName?.(value) ?? value}`;
      return value;
    }
  }
  if (typeof element.initial_date_time === 'number') return new Date(element.initial_date_time * 1000).toISOString();
  if (isRec(element.initial_option) && element.type !== 'radio_buttons')
    return textOf(element.initial_option.text, options);
  return '';
}

/** The choices of a select, radio group or checkbox group, with the chosen ones marked. */
function optionLines(element: Rec, options: RenderOptions): string[] {
  const multi = element.type === 'checkboxes' || element.type === 'multi_static_select';
  const chosen = new Set(
    [...list(element.initial_options), ...(isRec(element.initial_option) ? [element.initial_option] : [])].map((o) =>
      str(o.value),
    ),
  );
  const mark = (o: Rec) => {
    const on = chosen.has(str(o.value));
    return `${multi ? (on ? '☑' : '☐') : on ? '●' : '○'} ${textOf(o.text, options)}`;
  };
  const lines = list(element.options).map(mark);
  for (const group of list(element.option_groups)) {
    lines.push(`${textOf(group.label, options)}：`);
    for (const option of list(group.options)) lines.push(`  ${mark(option)}`);
  }
  return lines;
}

function renderAttachment(attachment: Rec, options: RenderOptions): string {
  const parts = [
    str(attachment.pretext),
    str(attachment.title),
    mrkdwnToText(str(attachment.text), options),
    ...list(attachment.fields).map((f) => `${str(f.title)}：${mrkdwnToText(str(f.value), options)}`),
    renderBlocks(list(attachment.blocks), options),
    str(attachment.footer),
  ].filter((part) => part !== '');
  if (parts.length === 0 && attachment.fallback) parts.push(str(attachment.fallback));
  return parts
    .join('\n')
    .split('\n')
    .map((line) => `┃ ${line}`)
    .join('\n');
}

function renderTable(block: Rec, options: RenderOptions): string {
  const rows = Array.isArray(block.rows) ? block.rows : [];
  return rows
    .map((row) =>
      (Array.isArray(row) ? row : [])
        .map((cell) => {
          if (!isRec(cell)) return '';
          if (cell.type === 'rich_text') return renderRichText(cell, options).replace(/\n/g, ' ');
          return str(cell.text);
        })
        .join(' | '),
    )
    .join('\n');
}

function renderRichText(block: Rec, options: RenderOptions): string {
  return list(block.elements)
    .map((element) => {
      switch (element.type) {
        case 'rich_text_list': {
          const indent = '  '.repeat(Number(element.indent ?? 0));
          const offset = Number(element.offset ?? 0);
          const bullets = ['•', '◦', '▪'];
          return list(element.elements)
            .map((item, i) => {
              const marker =
                element.style === 'ordered' ? `${offset + i + 1}.` : (bullets[Number(element.indent ?? 0) % 3] ?? '•');
              return `${indent}${marker} ${richInline(item, options)}`;
            })
            .join('\n');
        }
        case 'rich_text_quote':
          return richInline(element, options)
            .split('\n')
            .map((line) => `> ${line}`)
            .join('\n');
        case 'rich_text_preformatted':
          return `\`\`\`\n${richInline(element, options)}\n\`\`\``;
        default:
          return richInline(element, options);
      }
    })
    .join('\n');
}

function richInline(container: Rec, options: RenderOptions): string {
  return list(container.elements)
    .map((e) => {
      const style = isRec(e.style) ? e.style : {};
      let text: string;
      switch (e.type) {
        case 'text':
          text = str(e.text);
          break;
        case 'link':
          text = e.text ? `${str(e.text)} (${str(e.url)})` : str(e.url);
          break;
        case 'user':
          text = `@${options.userName?.(str(e.user_id)) ?? str(e.user_id)}`;
          break;
        case 'channel':
          text = `#${options.channelName?.(str(e.channel_id)) ?? str(e.channel_id)}`;
          break;
        case 'usergroup':
          text = `@${str(e.usergroup_id)}`;
          break;
        case 'broadcast':
          text = `@${str(e.range)}`;
          break;
        case 'emoji':
          text = e.unicode
            ? String.fromCodePoint(
                ...str(e.unicode)
                  .split('-')
                  .map((h) => Number.parseInt(h, 16)),
              )
            : `:${str(e.name)}:`;
          break;
        case 'date':
          text = str(e.fallback) || new Date(Number(e.timestamp) * 1000).toISOString();
          break;
        default:
          text = str(e.text ?? e.value);
      }
      if (style.code) text = `\`${text}\``;
      if (style.bold) text = `*${text}*`;
      if (style.italic) text = `_${text}_`;
      if (style.strike) text = `~${text}~`;
      return text;
    })
    .join('');
}

/** Slack mrkdwn stays as written, except links, mentions and escapes, which become what a reader sees. */
export function mrkdwnToText(text: string, options: RenderOptions = {}): string {
  return text
    .replace(/<([^<>|]+)(?:\|([^<>]*))?>/g, (_all, target: string, label: string | undefined) => {
      if (target.startsWith('@')) return `@${label ?? options.userName?.(target.slice(1)) ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? options.channelName?.(target.slice(1)) ?? target.slice(1)}`;
      if (target.startsWith('!')) {
        const special = target.slice(1);
        if (['here', 'channel', 'everyone'].includes(special)) return `@${special}`;
        if (special.startsWith('subteam^')) return label ?? `@${special.slice('subteam^'.length)}`;
        return label ?? '';
      }
      const shown = target.startsWith('mailto:') ? target.slice('mailto:'.length) : target;
      return label !== undefined && label !== shown ? `${label} (${shown})` : shown;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function textOf(value: unknown, options: RenderOptions = {}): string {
  if (typeof value === 'string') return value;
  if (!isRec(value)) return '';
  const text = str(value.text);
  return value.type === 'mrkdwn' ? mrkdwnToText(text, options) : text;
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
