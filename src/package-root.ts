import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own directory, where package.json, prompts/, plans/ and db/migrations live. Found by walking up
 * from this file, so the same code finds them when it runs from src/ (tsx) and from dist/src/ (the build).
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the package, e.g. `packagePath('prompts', 'answer.md')`. */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}

/** The version in package.json (shown by /healthz and the metrics). */
export const PACKAGE_VERSION: string = readManifest(PACKAGE_ROOT)?.version ?? '0.0.0';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (readManifest(dir)?.name === 'planbot') return dir;
    if (dirname(dir) === dir) throw new Error(`planbot's package.json not found above ${from}`);
  }
}

function readManifest(dir: string): { name?: string; version?: string } | undefined {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
