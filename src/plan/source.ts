import { existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { PlanbotError } from '../errors.js';
import { loadPlan } from './load.js';
import { type Plan, parsePlan } from './parse.js';
import { documentFormat, readDocumentFile } from './read/index.js';

/** A plan document's slug: its file name without the extension, in the characters slugs use. */
export function slugFromFileName(fileName: string): string {
  const stem = basename(fileName, extname(fileName));
  return (
    stem
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'plan'
  );
}

/** Reads and parses one plan document (.txt, .docx, .pdf, .html); needs nothing but the file. */
export async function planFromFile(path: string): Promise<Plan> {
  const { text } = await readDocumentFile(path);
  const plan = parsePlan(text, slugFromFileName(path));
  if (!plan.passages.length) {
    throw new PlanbotError('document_unusable', `${path} has no text to answer from`, {
      zh: `文件“${basename(path)}”中没有可用的正文。`,
      en: `The file "${basename(path)}" has no body text to answer from.`,
    });
  }
  return plan;
}

/**
 * What `planbot ask --plan ARG` answers from: a plan file, or a plan folder (its plan.txt). Other sources
 * (an imported plan's slug) are looked up before the "not found" at the end.
 */
export async function resolvePlanSource(arg: string): Promise<Plan> {
  if (existsSync(arg) && statSync(arg).isDirectory()) return loadPlan(arg);
  if (existsSync(arg) || documentFormat(arg)) return planFromFile(arg);
  throw new PlanbotError('not_found', `no plan file or folder ${arg}`, {
    zh: `找不到计划“${arg}”:请给出计划文件(.txt、.docx、.pdf、.html)或包含 plan.txt 的文件夹。`,
    en: `No plan "${arg}": give a plan file (.txt, .docx, .pdf, .html) or a folder holding plan.txt.`,
  });
}
