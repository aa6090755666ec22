/** One level of `bench/load.ts`: the request mix, closed-loop workers, and the tables it prints. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { postSigned, type SignedRequest } from '../src/sandbox/signing.js';
import { ACTION_VOTE_UP } from '../src/slack/blocks/answer.js';
import { buttonRequest, commandRequest, messageRequest } from '../test/reliability/support.js';
import { type ChildMessage, SIGNING_SECRET, type Stats } from './bare-app.js';
import type { StandInMessage, Tally } from './slack-stand-in.js';

export const SLACK_ACK_LIMIT_MS = 3000;

export const QUESTIONS = readFileSync(fileURLToPath(new URL('../test/fixtures/qa/dev.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { q: string }).q);

export const KINDS = ['plan', 'dm', 'vote', 'progress'] as const;
export type Kind = (typeof KINDS)[number];
/** The mix, out of 20: questions by /plan, by DM, clicks on an answer's vote button, inline progress updates. */
const MIX: Kind[] = [
  ...Array(8).fill('plan'),
  ...Array(6).fill('dm'),
  ...Array(3).fill('vote'),
  ...Array(3).fill('progress'),
];

export interface Target {
  name: 'planbot' | 'bare';
  child: ChildProcess;
  eventsUrl: string;
}

export interface Slack {
  child: ChildProcess;
  apiUrl: string;
  responseBase: string;
  dm: string;
}

export function ask<T>(
  child: ChildProcess,
  message: object,
  pick: (m: ChildMessage | StandInMessage) => T | undefined,
) {
  return new Promise<T>((resolve) => {
    const onMessage = (m: ChildMessage | StandInMessage) => {
      const value = pick(m);
      if (value === undefined) return;
      child.off('message', onMessage);
      resolve(value);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

const drain = (t: Target) => ask(t.child, { drain: true }, (m) => ('drained' in m ? m.drained : undefined));
export const tally = (slack: Slack) =>
  ask(slack.child, { count: true }, (m) => ('counted' in m ? m.counted : undefined));

let mix: Kind[] = MIX;
/** Sends only requests of this kind (`--only`), to price one kind at a time; the default is the mix. */
export function sendOnly(kind: Kind): void {
  mix = [kind];
}

let seq = 0;
function nextRequest(slack: Slack, name: Target['name']): { kind: Kind; req: SignedRequest } {
  const n = seq++;
  const kind = mix[n % mix.length] as Kind;
  const question = QUESTIONS[n % QUESTIONS.length] as string;
  const responseUrl = name === 'planbot' ? `${slack.responseBase}/${n}` : 'http://127.0.0.1:9/none';
  const dm = name === 'planbot' ? slack.dm : 'D_BARE';
  switch (kind) {
    case 'plan':
      return {
        kind,
        req: commandRequest({ command: '/plan', text: question, user: 'U_JLY_1', channel: 'C_JLY', responseUrl }),
      };
    case 'dm':
      return { kind, req: messageRequest({ user: 'U_SHY_1', channel: dm, text: question }) };
    case 'vote':
      // Question 1 is asked before the run starts.
      return {
        kind,
        req: buttonRequest({ user: 'U_TJY_1', channel: 'C_JLY', actionId: ACTION_VOTE_UP, value: '1', responseUrl }),
      };
    case 'progress': {
      const text = `科技投入 ${(n % 9) + 1}%`;
      return {
        kind,
        req: commandRequest({ command: '/progress', text, user: 'U_JLY_1', channel: 'C_JLY', responseUrl }),
      };
    }
  }
}

export interface LevelResult {
  app: 'planbot' | 'bare' | 'planbot×2';
  concurrency: number;
  sent: Record<Kind, number>;
  ok: number;
  /** Refused with 503: the app had MAX_OUTSTANDING requests waiting (back-pressure; Slack retries events). */
  busy: number;
  /** Any other status, or no answer at all. */
  failed: number;
  overLimit: number;
  /** Acknowledged requests per second while sending. */
  throughput: number;
  /** Requests fully handled per second: sending time plus the time to finish the backlog. */
  doneRate: number;
  p50: number;
  p99: number;
  max: number;
  cpuMsPerRequest: number;
  cpuShare: number;
  loopDelayP99Ms: number;
  drainMs: number;
  repliesExpected: number;
  repliesReceived: number;
  repeatedReplies: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Sends the mix for `seconds` from `concurrency` closed-loop workers, round-robin over `targets`; then drains. */
export async function runLevel(
  targets: Target[],
  slack: Slack,
  concurrency: number,
  seconds: number,
): Promise<LevelResult> {
  const name = targets[0]?.name ?? 'bare';
  const latencies: number[] = [];
  const sent: Record<Kind, number> = { plan: 0, dm: 0, vote: 0, progress: 0 };
  let failed = 0;
  let overLimit = 0;
  const busy: Record<Kind, number> = { plan: 0, dm: 0, vote: 0, progress: 0 };
  const before: Tally = await tally(slack);
  for (const t of targets) t.child.send({ reset: true });
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let turn = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const target = targets[turn++ % targets.length] as Target;
      const { kind, req } = nextRequest(slack, name);
      sent[kind]++;
      const t0 = performance.now();
      let status = 0;
      try {
        status = (await postSigned(target.eventsUrl, SIGNING_SECRET, req)).status;
      } catch {}
      const took = performance.now() - t0;
      if (took >= SLACK_ACK_LIMIT_MS) overLimit++;
      // Latency percentiles are of acknowledgements: a quick 503 is not one.
      if (status === 200) latencies.push(took);
      else if (status === 503) busy[kind]++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  const stats: Stats[] = await Promise.all(targets.map(drain));
  const after = await tally(slack);
  latencies.sort((a, b) => a - b);
  const refused = busy.plan + busy.dm + busy.vote + busy.progress;
  const acked = latencies.length;
  const drainMs = Math.max(...stats.map((s) => s.drainMs));
  const cpuMs = stats.reduce((n, s) => n + s.cpuMs, 0);
  return {
    app: targets.length > 1 ? 'planbot×2' : name,
    concurrency,
    sent,
    ok: acked,
    busy: refused,
    failed,
    overLimit,
    throughput: acked / (elapsedMs / 1000),
    doneRate: acked / ((elapsedMs + drainMs) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
    cpuMsPerRequest: cpuMs / Math.max(1, acked),
    cpuShare: stats.reduce((n, s) => n + s.cpuShare, 0),
    loopDelayP99Ms: Math.max(...stats.map((s) => s.loopDelayP99Ms)),
    drainMs,
    repliesExpected:
      name === 'planbot' ? sent.plan + sent.vote + sent.progress - busy.plan - busy.vote - busy.progress : 0,
    repliesReceived: after.responses - before.responses,
    repeatedReplies: after.repeatedResponses - before.repeatedResponses,
  };
}

const f1 = (n: number) => n.toFixed(1);

export function table(results: LevelResult[]): string {
  const rows = [
    '| in flight | app | acked/s | done/s | p50 ms | p99 ms | max ms | busy 503 | failed | CPU ms/req | app CPU | ingress loop p99 ms | drain s | replies |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const replies = r.app === 'bare' ? '–' : `${r.repliesReceived}/${r.repliesExpected}`;
    rows.push(
      `| ${r.concurrency} | ${r.app} | ${f1(r.throughput)} | ${f1(r.doneRate)} | ${f1(r.p50)} | ${f1(r.p99)} | ${f1(r.max)} | ${r.busy} | ${r.failed} | ${r.cpuMsPerRequest.toFixed(2)} | ${Math.round(r.cpuShare * 100)}% | ${f1(r.loopDelayP99Ms)} | ${f1(r.drainMs / 1000)} | ${replies} |`,
    );
  }
  const ratios = [
    '',
    '| in flight | p99 planbot/bare | p50 planbot/bare | acked/s planbot/bare | done/s planbot ÷ acked/s bare |',
    '| ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const p of results.filter((r) => r.app !== 'bare')) {
    const b = results.find((r) => r.app === 'bare' && r.concurrency === p.concurrency);
    if (b)
      ratios.push(
        `| ${p.concurrency} | ${(p.p99 / b.p99).toFixed(2)} | ${(p.p50 / b.p50).toFixed(2)} | ${(p.throughput / b.throughput).toFixed(2)} | ${(p.doneRate / b.throughput).toFixed(2)} |`,
      );
  }
  return [...rows, ...ratios].join('\n');
}
