/**
 * Reads V8 `.cpuprofile` files (`bench/load.ts --profile DIR`, one per thread) and prints where the time went: self
 * time by package or source file, and the hottest functions — the flame graph's wide bars, as a table.
 *
 *   npx tsx bench/profile-summary.ts DIR [--top 25]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The package (node_modules/…), our folder (src/…, db/…), Node's internals, or V8's own entries. */
export function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[1] ?? url.slice(5)}`;
  const ours = /\/(src|db|bench|test)\/(.+)$/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  return url;
}

/** `windows`: [from, to] in the profile's clock (monotonic µs); samples outside them (start-up, other levels) drop. */
export function summarise(profile: Profile, top: number, windows: Array<[number, number]> = []): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (windows.length && !windows.some(([a, b]) => at >= a && at <= b)) return;
    self.set(id, (self.get(id) ?? 0) + delta);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const busy = [...self].filter(([id]) => byId.get(id)?.callFrame.functionName !== '(idle)');
  const busyTotal = busy.reduce((a, [, t]) => a + t, 0);
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, t] of busy) {
    const f = (byId.get(id) as Node).callFrame;
    const a = area(f.url, f.functionName);
    areas.set(a, (areas.get(a) ?? 0) + t);
    const key = `${f.functionName || '(anonymous)'} ${a}:${f.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + t);
  }
  const pct = (t: number) => `${((100 * t) / busyTotal).toFixed(1)}%`;
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, t]) => `| ${k} | ${(t / 1000).toFixed(0)} | ${pct(t)} |`);
  return [
    `busy ${(busyTotal / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s sampled`,
    '',
    '| area | ms | share of busy |',
    '| --- | ---: | ---: |',
    ...rows(areas),
    '',
    '| function | ms | share of busy |',
    '| --- | ---: | ---: |',
    ...rows(fns),
  ].join('\n');
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const dir = process.argv[2] ?? '.';
  const i = process.argv.indexOf('--top');
  const top = i > 0 ? Number(process.argv[i + 1]) : 25;
  const marks = existsSync(join(dir, 'marks.txt')) ? readFileSync(join(dir, 'marks.txt'), 'utf8') : '';
  const windows = marks
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' ').map(Number) as [number, number]);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    process.stdout.write(`## ${file}\n\n${summarise(profile, top, windows)}\n\n`);
  }
}
