import { existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { DatabaseTarget } from '../../db/client.js';
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

/** Where `ask --plan SLUG` looks a slug up: the shipped plan's folder, and the database the app uses. */
export interface SlugLookup {
  shippedDir: string;
  database: DatabaseTarget;
}

const SLUG = /^[\p{L}\p{N}][\p{L}\p{N}-]*$/u;

/**
 * What `planbot ask --plan ARG` answers from: a plan file, a plan folder (its plan.txt), or a plan's slug — the
 * shipped plan's, or one imported into the database the app uses (`DATABASE_URL` or the PGlite directory).
 */
export async function resolvePlanSource(arg: string, lookup?: SlugLookup): Promise<Plan> {
  if (existsSync(arg) && statSync(arg).isDirectory()) return loadPlan(arg);
  if (existsSync(arg) || documentFormat(arg)) return planFromFile(arg);
  if (lookup && SLUG.test(arg)) {
    const shipped = existsSync(lookup.shippedDir) ? loadPlan(lookup.shippedDir) : undefined;
    if (shipped?.slug === arg) return shipped;
    const stored = await importedPlan(arg, lookup.database);
    if (stored) return stored;
  }
  throw new PlanbotError(
    'not_found',
    `no plan file, folder or imported plan "${arg}" (planbot plan list shows the imported ones)`,
    {
      zh: `找不到计划“${arg}”:请给出计划文件(.txt、.docx、.pdf、.html)、包含 plan.txt 的文件夹,或已导入计划的简称(planbot plan list 可查)。`,
      en: `No plan "${arg}": give a plan file (.txt, .docx, .pdf, .html), a folder holding plan.txt, or the slug of an imported plan (see planbot plan list).`,
    },
  );
}

/** An imported plan's text, parsed; null when the database holds no such plan (or no database exists yet). */
async function importedPlan(slug: string, target: DatabaseTarget): Promise<Plan | null> {
  // A PGlite directory that was never created holds no plans: do not create one just to look.
  if (target.kind === 'pglite' && !existsSync(target.dataDir)) return null;
  const [{ openDatabase }, { findStoredPlan }] = await Promise.all([
    import('../../db/client.js'),
    import('./store.js'),
  ]);
  const database = await openDatabase(target);
  try {
    const stored = await findStoredPlan(database.db, slug);
    return stored ? { ...parsePlan(stored.text, stored.slug), title: stored.title } : null;
  } finally {
    await database.close();
  }
}
