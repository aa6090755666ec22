import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { PlanbotError } from '../errors.js';
import { type Plan, parsePlan } from './parse.js';

/** Reads `<dir>/plan.txt` and parses it; the slug is the folder's name. */
export function loadPlan(dir: string): Plan {
  const file = join(dir, 'plan.txt');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new PlanbotError(
      'plan_invalid',
      `cannot read plan text ${file}`,
      { zh: `无法读取计划文本 ${file}。`, en: `Cannot read the plan text ${file}.` },
      { cause },
    );
  }
  const plan = parsePlan(text, basename(resolve(dir)));
  if (!plan.title || !plan.sections.some((s) => s.depth > 0)) {
    throw new PlanbotError('plan_invalid', `plan text ${file} has no title or no numbered sections`, {
      zh: `计划文本 ${file} 没有标题或没有编号的章节(如“一、”)。`,
      en: `The plan text ${file} has no title or no numbered sections (such as "一、").`,
    });
  }
  return plan;
}
