import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SandboxEvent, SandboxSession } from './session.js';

/**
 * Writes the files a files.completeUploadExternal call shared to `dir`, so a person at the prompt can open the
 * chart or the export planbot sent; returns their paths. Names start with the file id, so nothing is overwritten.
 */
export async function saveUploads(session: SandboxSession, event: SandboxEvent, dir: string): Promise<string[]> {
  if (!('call' in event) || event.call !== 'files.completeUploadExternal') return [];
  const files = Array.isArray(event.args.files) ? (event.args.files as Array<{ id?: unknown }>) : [];
  const paths: string[] = [];
  for (const file of files) {
    const upload = session.fake.uploads.find((u) => u.id === file.id);
    if (!upload) continue;
    await mkdir(dir, { recursive: true });
    const path = resolve(join(dir, `${upload.id}-${upload.filename.replace(/[\\/]/g, '_')}`));
    await writeFile(path, upload.bytes);
    paths.push(path);
  }
  return paths;
}
