import { connect, createServer, type Server, type Socket } from 'node:net';

/** A loopback TCP proxy in front of a server (PostgreSQL, say) whose line a test can cut, stall and restore. */
export interface TcpProxy {
  readonly port: number;
  /** Drops every open connection and refuses new ones until `restore`. */
  cut(): void;
  /**
   * Holds every byte in both directions (open and new connections) until `restore`: the server seems to hang, as a
   * database does behind a dead link or a lock, without any connection failing.
   */
  stall(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const held: Array<() => void> = [];
  let mode: 'open' | 'cut' | 'stalled' = 'open';
  const forward = (from: Socket, to: Socket) =>
    from.on('data', (chunk) => {
      if (mode === 'stalled') held.push(() => to.write(chunk));
      else to.write(chunk);
    });
  const server: Server = createServer((client) => {
    if (mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      s.on('end', () => (s === client ? upstream : client).end());
    }
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    cut() {
      mode = 'cut';
      held.length = 0;
      for (const s of open) s.destroy();
    },
    stall() {
      mode = 'stalled';
    },
    restore() {
      mode = 'open';
      for (const send of held.splice(0)) send();
    },
    close() {
      for (const s of open) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
