// The limits Slack enforces on Block Kit, so a payload Slack would refuse is refused here too rather than in production.
// Messages are reported as Slack does: `[ERROR] <why> [json-pointer:/blocks/0/text]`.
import { isRecord, SlackApiError } from './fake-slack-state.js';

type Problems = string[];

export function checkMessageBlocks(blocks: unknown, field = 'blocks'): void {
  if (blocks === undefined) return;
  const problems: Problems = [];
  if (!Array.isArray(blocks)) {
    throw new SlackApiError('invalid_blocks_format');
  }
  if (blocks.length > 50) problems.push(`[ERROR] no more than 50 items allowed [json-pointer:/${field}]`);
  checkBlocks(blocks, `/${field}`, problems);
  if (problems.length > 0) throw new SlackApiError('invalid_blocks', { response_metadata: { messages: problems } });
}

export function checkView(view: unknown, expectedTypes: string[]): void {
  if (!isRecord(view)) throw new SlackApiError('invalid_arguments');
  const problems: Problems = [];
  const type = view.type;
  if (typeof type !== 'string' || !expectedTypes.includes(type)) {
    problems.push(`[ERROR] must be one of ${expectedTypes.join(', ')} [json-pointer:/view/type]`);
  }
  const blocks = Array.isArray(view.blocks) ? view.blocks : undefined;
  if (!blocks) problems.push('[ERROR] missing required field: blocks [json-pointer:/view/blocks]');
  if (type === 'modal') {
    if (!isRecord(view.title)) problems.push('[ERROR] missing required field: title [json-pointer:/view/title]');
    for (const key of ['title', 'submit', 'close']) checkPlainText(view[key], 24, `/view/${key}`, problems);
    if (blocks?.some((b) => isRecord(b) && b.type === 'input') && !isRecord(view.submit)) {
      problems.push(
        '[ERROR] submit is required when an input block is within the blocks array [json-pointer:/view/submit]',
      );
    }
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
    problems.push('[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]');
  }
  if (blocks) {
    if (blocks.length > 100) problems.push('[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]');
    checkBlocks(blocks, '/view/blocks', problems);
  }
  if (problems.length > 0) throw new SlackApiError('invalid_arguments', { response_metadata: { messages: problems } });
}

function checkBlocks(blocks: unknown[], pointer: string, problems: Problems): void {
  const seen = new Set<string>();
  blocks.forEach((block, index) => {
    const at = `${pointer}/${index}`;
    if (!isRecord(block) || typeof block.type !== 'string') {
      problems.push(`[ERROR] missing required field: type [json-pointer:${at}]`);
      return;
    }
    if (typeof block.block_id === 'string') {
      if (seen.has(block.block_id)) problems.push(`[ERROR] duplicate block_id [json-pointer:${at}/block_id]`);
      seen.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        checkPlainText(block.text, 150, `${at}/text`, problems, true);
        break;
      case 'section':
        checkText(block.text, 3000, `${at}/text`, problems);
        if (block.text === undefined && !Array.isArray(block.fields)) {
          problems.push(`[ERROR] must provide text or fields [json-pointer:${at}]`);
        }
        if (Array.isArray(block.fields)) {
          if (block.fields.length > 10)
            problems.push(`[ERROR] no more than 10 items allowed [json-pointer:${at}/fields]`);
          block.fields.forEach((f, i) => {
            checkText(f, 2000, `${at}/fields/${i}`, problems);
          });
        }
        break;
      case 'actions':
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 25) {
          problems.push(`[ERROR] must contain 1 to 25 elements [json-pointer:${at}/elements]`);
        } else {
          block.elements.forEach((e, i) => {
            checkElement(e, `${at}/elements/${i}`, problems);
          });
        }
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length > 10) {
          problems.push(`[ERROR] must contain at most 10 elements [json-pointer:${at}/elements]`);
        }
        break;
      case 'input':
        checkPlainText(block.label, 2000, `${at}/label`, problems, true);
        if (!isRecord(block.element)) problems.push(`[ERROR] missing required field: element [json-pointer:${at}]`);
        else checkElement(block.element, `${at}/element`, problems);
        break;
    }
  });
}

function checkElement(element: unknown, at: string, problems: Problems): void {
  if (!isRecord(element) || typeof element.type !== 'string') {
    problems.push(`[ERROR] missing required field: type [json-pointer:${at}]`);
    return;
  }
  if (element.type === 'button') checkPlainText(element.text, 75, `${at}/text`, problems, true);
  const options = Array.isArray(element.options) ? element.options : [];
  if (options.length > 100) problems.push(`[ERROR] no more than 100 items allowed [json-pointer:${at}/options]`);
  options.forEach((o, i) => {
    if (isRecord(o)) checkText(o.text, 75, `${at}/options/${i}/text`, problems);
  });
}

function checkPlainText(value: unknown, max: number, at: string, problems: Problems, required = false): void {
  if (value === undefined) {
    if (required) problems.push(`[ERROR] missing required field: text [json-pointer:${at}]`);
    return;
  }
  if (!isRecord(value) || value.type !== 'plain_text') {
    problems.push(`[ERROR] must be a plain_text text object [json-pointer:${at}]`);
    return;
  }
  checkText(value, max, at, problems);
}

function checkText(value: unknown, max: number, at: string, problems: Problems): void {
  if (value === undefined) return;
  if (!isRecord(value) || typeof value.text !== 'string') {
    problems.push(`[ERROR] must be a text object [json-pointer:${at}]`);
    return;
  }
  if (value.text.length === 0) problems.push(`[ERROR] must be more than 0 characters [json-pointer:${at}/text]`);
  if (value.text.length > max)
    problems.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${at}/text]`);
}
