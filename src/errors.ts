/**
 * A small set of coded errors. `userMessage` is the sentence a person can act on (Chinese first, English too);
 * `message` and `cause` are for the log.
 */
export type ErrorCode =
  | 'config_invalid'
  | 'workspace_invalid'
  | 'plan_invalid'
  | 'document_unusable'
  | 'database_locked'
  | 'database_unavailable'
  | 'not_permitted'
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'model_unavailable';

export class PlanbotError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: { zh: string; en: string };
  constructor(
    code: ErrorCode,
    message: string,
    userMessage?: { zh: string; en: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PlanbotError';
    this.code = code;
    this.userMessage = userMessage ?? { zh: message, en: message };
  }
}

export const isPlanbotError = (e: unknown): e is PlanbotError => e instanceof PlanbotError;

/** The sentence to show a person for any error: a coded one's own, or a generic apology. */
export function userSentence(error: unknown, lang: 'zh' | 'en' = 'zh'): string {
  if (isPlanbotError(error)) return error.userMessage[lang];
  return lang === 'en'
    ? 'Something went wrong on our side; nothing was saved. Please try again in a moment.'
    : '处理时出现内部错误,本次操作未保存任何内容,请稍后重试。';
}

/** A message that must fit one log or terminal line: whitespace collapsed, long quoted input cut short. */
export function oneLine(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
