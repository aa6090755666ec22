import type { Bilingual } from '../progress/types.js';
import { en } from './en.js';
import { zh } from './zh.js';

/**
 * The message catalogues: one per language, keys in the code and sentences here, so a reader sees one language
 * only. `{{name}}` placeholders are filled from `params`.
 */
export type Lang = 'zh' | 'en';
export type MessageKey = keyof typeof zh;

const catalogues: Record<Lang, Record<MessageKey, string>> = { zh, en };

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[lang][key].replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function hasKey(key: string): key is MessageKey {
  return Object.hasOwn(zh, key);
}

/** A domain message that carries both languages (field errors), in the reader's. */
export const inLang = (message: Bilingual, lang: Lang): string => message[lang];
