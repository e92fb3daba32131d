import { connect, createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientMessageReader, type ClientMessage } from './pg-wire.js';
import { listen } from './sockets.js';

/**
 * What the proxy does to the traffic, switchable at run time:
 * - pass: forwards both ways;
 * - delay: holds each chunk `ms` before forwarding it (order kept);
 * - blackhole: accepts and reads, forwards nothing and answers nothing, also on connections
 *   already open — a network partition. A connection that lost bytes in it is closed when
 *   the mode changes: its byte stream is broken, as after a partition that outlived TCP's
 *   retransmissions;
 * - reset: every connection, open or new, is destroyed with a TCP RST — a terminated peer;
 * - closeAfter: forwards `bytes` more server-to-client bytes (over all connections), then
 *   closes the connection that reached the count;
 * - closeOnServerMessage: passes everything, but once a client message matching `replyTo` has
 *   been forwarded to the server, closes that connection instead of forwarding the reply —
 *   "the server committed, the client never heard".
 * The two cutting modes fire once, then the proxy is back to pass, so a client's retry goes through;
 * closeOnServerMessage with `repeat` cuts every matching message until the mode is changed (a
 * test that must see the client still retrying).
 */
export type FaultMode =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  | { kind: 'blackhole' }
  | { kind: 'reset' }
  | { kind: 'closeAfter'; bytes: number }
  | { kind: 'closeOnServerMessage'; replyTo: (message: ClientMessage) => boolean; repeat: boolean };

export const Fault = {
  pass: { kind: 'pass' },
  delay: (ms: number) => ({ kind: 'delay', ms }),
  blackhole: { kind: 'blackhole' },
  reset: { kind: 'reset' },
  closeAfter: (bytes: number) => ({ kind: 'closeAfter', bytes }),
  closeOnServerMessage: (replyTo: (message: ClientMessage) => boolean, { repeat = false }: { repeat?: boolean } = {}) => ({ kind: 'closeOnServerMessage', replyTo, repeat }),
} satisfies Record<string, FaultMode | ((...args: never[]) => FaultMode)>;

/** A client message whose SQL contains `text` (case-insensitive): `Fault.closeOnServerMessage(sqlContains('COMMIT'))`. */
export const sqlContains =
  (text: string) =>
  (message: ClientMessage): boolean =>
    message.sql?.toUpperCase().includes(text.toUpperCase()) ?? false;

/** One direction of a connection: chunks leave in arrival order, each when its delay is over. */
class Link {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(private readonly to: Socket) {}

  send(chunk: Buffer, delayMs: number): void {
    if (delayMs === 0 && this.queued === 0) {
      this.to.write(chunk);
      return;
    }
    const due = performance.now() + delayMs;
    this.queued += 1;
    this.tail = this.tail.then(async () => {
      await sleep(Math.max(0, due - performance.now()));
      if (!this.to.destroyed) this.to.write(chunk);
      this.queued -= 1;
    });
  }

  /** Runs `then` once every chunk sent before has left. */
  after(then: () => void): void {
    if (this.queued === 0) then();
    else this.tail = this.tail.then(then);
  }
}

/** A client connection and, unless it arrived during a blackhole, its connection to the server. */
class ProxiedConnection {
  readonly reader = new ClientMessageReader();
  /** Bytes were swallowed by a blackhole: the protocol stream is broken. */
  lostBytes = false;
  /** A message matching closeOnServerMessage was forwarded: its reply must not be. */
  cutBeforeReply = false;
  readonly toServer: Link | null;
  readonly toClient: Link | null;

  constructor(
    readonly client: Socket,
    readonly server: Socket | null,
  ) {
    this.toServer = server ? new Link(server) : null;
    this.toClient = server ? new Link(client) : null;
  }

  destroy(): void {
    this.client.destroy();
    this.server?.destroy();
  }

  reset(): void {
    for (const socket of [this.client, this.server]) if (socket && !socket.destroyed) socket.resetAndDestroy();
  }
}

export interface FaultProxy {
  /** The PostgreSQL URL through the proxy: the target's, with the proxy's host and port. */
  readonly url: string;
  readonly port: number;
  /** Client connections open now. */
  readonly connections: number;
  readonly mode: FaultMode;
  setMode(mode: FaultMode): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy of our own between a client and a PostgreSQL the test owns, for fault
 * injection (the technique node-postgres uses in its tests). `port` fixes where it listens,
 * so a test can start it later on the port a client was already given.
 */
export async function startFaultProxy(targetUrl: string, options: { port?: number } = {}): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 5432);
  const open = new Set<ProxiedConnection>();
  let mode: FaultMode = Fault.pass;
  let closeAfterBudget = 0;

  const backToPass = (): void => {
    mode = Fault.pass;
  };

  const fromClient = (connection: ProxiedConnection, chunk: Buffer): void => {
    if (mode.kind === 'blackhole' || !connection.toServer) {
      connection.lostBytes = true;
      return;
    }
    const messages = connection.reader.read(chunk);
    if (mode.kind === 'closeOnServerMessage' && messages.some(mode.replyTo)) connection.cutBeforeReply = true;
    connection.toServer.send(chunk, mode.kind === 'delay' ? mode.ms : 0);
  };

  const fromServer = (connection: ProxiedConnection, toClient: Link, chunk: Buffer): void => {
    if (mode.kind === 'blackhole') {
      connection.lostBytes = true;
      return;
    }
    if (connection.cutBeforeReply) {
      if (!(mode.kind === 'closeOnServerMessage' && mode.repeat)) backToPass();
      connection.destroy();
      return;
    }
    if (mode.kind === 'closeAfter' && chunk.length > closeAfterBudget) {
      const head = chunk.subarray(0, closeAfterBudget);
      backToPass();
      if (head.length > 0) toClient.send(head, 0);
      toClient.after(() => connection.destroy());
      return;
    }
    if (mode.kind === 'closeAfter') closeAfterBudget -= chunk.length;
    toClient.send(chunk, mode.kind === 'delay' ? mode.ms : 0);
  };

  const accept = (client: Socket): void => {
    client.on('error', () => undefined);
    if (mode.kind === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const server = mode.kind === 'blackhole' ? null : connect({ port: targetPort, host: target.hostname, noDelay: true });
    const connection = new ProxiedConnection(client, server);
    open.add(connection);
    client.on('data', (chunk: Buffer) => fromClient(connection, chunk));
    client.on('close', () => {
      open.delete(connection);
      // The client is gone whatever the mode: its server session goes too, after what was already sent.
      if (connection.toServer) connection.toServer.after(() => connection.server?.destroy());
    });
    if (!server || !connection.toClient) return;
    const toClient = connection.toClient;
    server.on('error', () => undefined);
    server.on('data', (chunk: Buffer) => fromServer(connection, toClient, chunk));
    server.on('close', () => {
      // A server that hangs up in a blackhole is not heard of either.
      if (mode.kind === 'blackhole') connection.lostBytes = true;
      else toClient.after(() => client.destroy());
    });
  };

  // No Nagle on either side, as pg sets on its own socket: a message written in pieces would
  // otherwise wait for the delayed ACK (40 ms on Linux) and every query through the proxy with it.
  const server = createServer({ noDelay: true }, accept);
  const port = await listen(server, options.port ?? 0);
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    port,
    get connections() {
      return open.size;
    },
    get mode() {
      return mode;
    },
    setMode(next) {
      if (mode.kind === 'blackhole' && next.kind !== 'blackhole') {
        for (const connection of open) if (connection.lostBytes || !connection.server) connection.destroy();
      }
      if (next.kind === 'reset') for (const connection of open) connection.reset();
      if (next.kind === 'closeAfter') closeAfterBudget = next.bytes;
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of open) connection.destroy();
        server.close(() => resolve());
      }),
  };
}
