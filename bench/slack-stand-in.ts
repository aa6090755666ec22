/**
 * Slack's side of `bench/load.ts`, in a process of its own so its CPU is not counted as the app's: the fake Web API
 * (src/sandbox/fake-slack.ts) and a response_url sink. The parent talks to it over IPC:
 *   child → {ready: {apiUrl, responseBase, dm}}; parent → {count: true}; child → {counted: Tally}.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import { startFakeSlack } from '../src/sandbox/fake-slack.js';
import { directoryOf, loadWorkspace } from '../src/workspace/file.js';

export interface Tally {
  /** Posts that reached the response_url sink. */
  responses: number;
  /** response_urls posted to more than once (every reply must arrive once). */
  repeatedResponses: number;
  /** Web API calls by method. */
  calls: Record<string, number>;
  /** TCP connections the response_url sink accepted (a client that reuses connections opens few). */
  sinkConnections: number;
  /** chat.postMessage calls whose channel and text repeat an earlier one. */
  repeatedPosts: number;
}

export type StandInMessage = { ready: { apiUrl: string; responseBase: string; dm: string } } | { counted: Tally };

export async function serveStandIn(): Promise<void> {
  const workspace = loadWorkspace(loadConfig({}).workspacePath);
  const people = directoryOf(workspace);
  const { summary, reminders, admins } = workspace.channels;
  const channels = new Set<string>(['C_JLY', 'C_KEJI', 'C_GENERAL', summary, reminders, admins]);
  for (const unit of workspace.units) if (unit.channel) channels.add(unit.channel);
  const fake = await startFakeSlack({
    directory: {
      users: people.map((p) => ({ id: p.id, name: p.id.toLowerCase(), realName: p.name })),
      channels: [...channels].map((id) => ({
        id,
        name: id.toLowerCase(),
        members: ['U_PLANBOT', ...people.map((p) => p.id)],
      })),
    },
  });
  const calls: Record<string, number> = {};
  const posts = new Set<string>();
  let repeatedPosts = 0;
  fake.onCall((call) => {
    calls[call.method] = (calls[call.method] ?? 0) + 1;
    if (call.method !== 'chat.postMessage') return;
    const key = `${call.args.channel}\u0000${call.args.thread_ts ?? ''}\u0000${call.args.text}`;
    if (posts.has(key)) repeatedPosts++;
    posts.add(key);
  });
  let responses = 0;
  const seen = new Set<string>();
  let repeatedResponses = 0;
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      responses++;
      if (seen.has(req.url ?? '')) repeatedResponses++;
      seen.add(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  sink.keepAliveTimeout = 60_000;
  let sinkConnections = 0;
  sink.on('connection', () => {
    sinkConnections++;
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const send = (m: StandInMessage) => process.send?.(m);
  process.on('message', async (m: { count?: boolean }) => {
    if (!m.count) return;
    await fake.whenIdle();
    send({ counted: { responses, repeatedResponses, calls: { ...calls }, repeatedPosts, sinkConnections } });
  });
  process.on('disconnect', () => process.exit(0));
  send({
    ready: {
      apiUrl: fake.url,
      responseBase: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/r`,
      dm: fake.dmChannel('U_SHY_1'),
    },
  });
}
