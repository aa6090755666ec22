import type { Db } from '../../db/client.js';
import { PlanbotError } from '../errors.js';
import type { Cadence } from '../progress/periods.js';
import { draftTargets } from './draft/index.js';
import { spanOf } from './imported.js';
import { parsePlan } from './parse.js';
import { type DocumentText, readDocumentBytes } from './read/index.js';
import { sectionCount } from './registry.js';
import { defaultSlug, SLUG } from './slug.js';
import { insertPlan, listStoredPlans } from './store.js';

/** Importing a plan document: parse, draft its targets, store all of it (CONTRACT §8 `plan add`, and from Slack). */

export interface ImportRequest {
  document: DocumentText;
  /** The file's name: the slug's default, and named in messages. */
  fileName: string;
  slug?: string;
  title?: string;
  cadence?: Cadence;
  by: string;
  now: Date;
  /** The deployment's time zone, for the periods an imported plan runs over. */
  timezone: string;
  /** Slugs no import may take (the shipped plan's). */
  reserved: readonly string[];
}

export interface ImportResult {
  slug: string;
  title: string;
  sections: number;
  indicators: number;
}

function refuse(message: string, zh: string, en: string): PlanbotError {
  return new PlanbotError('invalid_input', message, { zh, en });
}

/** Parses and drafts the document, then stores plan and draft in one transaction; nothing is stored on a refusal. */
export async function importPlan(
  db: Db,
  request: ImportRequest & {
    /** Given the default slug when none was asked for, the one to take (a shared file takes the first free one). */
    chooseSlug?: (base: string) => Promise<string>;
  },
): Promise<ImportResult> {
  const parsed = parsePlan(request.document.text);
  const title = (request.title ?? parsed.title).trim() || request.fileName;
  const base = await defaultSlug(request.fileName, title);
  const slug = request.slug ?? (request.chooseSlug ? await request.chooseSlug(base) : base);
  if (!SLUG.test(slug)) {
    throw refuse(
      `slug "${slug}" must be lowercase ascii letters, digits and -`,
      `计划标识“${slug}”只能由小写英文字母、数字和 - 组成。`,
      `The plan's slug "${slug}" may hold only lowercase ascii letters, digits and -.`,
    );
  }
  if (request.reserved.includes(slug)) {
    throw new PlanbotError('conflict', `"${slug}" is the shipped plan's slug; choose another --slug`, {
      zh: `“${slug}”是内置计划的标识,请换一个。`,
      en: `"${slug}" is the shipped plan's slug; choose another.`,
    });
  }
  const plan = { ...parsed, slug };
  if (!plan.passages.length) {
    throw new PlanbotError('document_unusable', `${request.fileName} has no text to answer from`, {
      zh: `文件“${request.fileName}”中没有可用的正文。`,
      en: `The file "${request.fileName}" has no body text to use.`,
    });
  }
  const drafts = draftTargets(plan);
  const cadence = request.cadence ?? 'half-yearly';
  const span = spanOf(drafts, cadence, request.now, request.timezone);
  const sections = sectionCount(plan);
  await insertPlan(
    db,
    {
      slug,
      title,
      text: request.document.text,
      format: request.document.format,
      sections,
      cadence,
      spanFrom: span.from,
      spanTo: span.to,
      by: request.by,
      at: request.now,
    },
    drafts,
  );
  return { slug, title, sections, indicators: drafts.length };
}

/** The first of `base`, `base-2`, `base-3`… that no plan takes. */
export async function freeSlug(db: Db, base: string, reserved: readonly string[]): Promise<string> {
  const taken = new Set([...(await listStoredPlans(db)).map((p) => p.slug), ...reserved]);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const slug = `${base.slice(0, 58)}-${n}`;
    if (!taken.has(slug)) return slug;
  }
}

/**
 * A document someone shared (in Slack): read as `plan add` reads a file — same extraction, same refusals — and
 * imported under the slug asked for, or the first free one made from the file's name or the plan's title.
 */
export async function importSharedDocument(
  db: Db,
  request: Omit<ImportRequest, 'document' | 'slug'> & { bytes: Uint8Array; slug?: string },
): Promise<ImportResult> {
  const { bytes, ...rest } = request;
  const document = await readDocumentBytes(bytes, request.fileName);
  return importPlan(db, { ...rest, document, chooseSlug: (base) => freeSlug(db, base, request.reserved) });
}
