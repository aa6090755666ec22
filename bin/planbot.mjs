#!/usr/bin/env node
// The planbot command: the compiled build (`npm run build` → dist/) when there is one and no source is newer than
// it; otherwise (a checkout without a build, or sources edited since) the TypeScript sources through tsx, so a stale
// build never runs by mistake.
import { existsSync, readdirSync, statSync } from 'node:fs';

const built = new URL('../dist/src/cli.js', import.meta.url);
const sources = [new URL('../src/', import.meta.url), new URL('../db/', import.meta.url)];

function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
    }
  }
  return newest;
}

const useBuild =
  existsSync(built) && sources.every((dir) => newestSource(dir) <= statSync(built).mtimeMs);
if (useBuild) {
  process.setSourceMapsEnabled(true);
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
