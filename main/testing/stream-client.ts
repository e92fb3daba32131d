import WebSocket from 'ws';
import type { StreamServerMessage } from '../../shared/api/stream.js';

/** A real WebSocket client of the event stream that keeps every message for assertions. */
export interface StreamClient {
  socket: WebSocket;
  messages: StreamServerMessage[];
  send(message: unknown): void;
  /** The next message (after those already taken) matching the predicate; rejects after a timeout. */
  next(match: (message: StreamServerMessage) => boolean, timeoutMs?: number): Promise<StreamServerMessage>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** `autoPong: false` makes a peer that never answers pings: a vanished laptop; `protocols` are offered as a browser would. */
export async function connectStream(url: string, headers: Record<string, string> = {}, { autoPong = true, protocols = [] }: { autoPong?: boolean; protocols?: string[] } = {}): Promise<StreamClient> {
  const socket = new WebSocket(url, protocols, { headers, autoPong });
  const messages: StreamServerMessage[] = [];
  const waiters = new Set<() => void>();
  let taken = 0;
  socket.on('message', (data: Buffer) => {
    messages.push(JSON.parse(data.toString('utf8')) as StreamServerMessage);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (request, response) => {
      // The refusal was read; the connection is of no further use.
      request.destroy();
      reject(new Error(`HTTP ${response.statusCode ?? '?'}`));
    });
  });
  const next = (match: (message: StreamServerMessage) => boolean, timeoutMs = 3000): Promise<StreamServerMessage> =>
    new Promise((resolve, reject) => {
      const look = (): boolean => {
        for (let i = taken; i < messages.length; i += 1) {
          const message = messages[i];
          if (message && match(message)) {
            taken = i + 1;
            resolve(message);
            return true;
          }
        }
        return false;
      };
      if (look()) return;
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`No matching stream message within ${timeoutMs} ms; received: ${JSON.stringify(messages.slice(taken))}`));
      }, timeoutMs);
      const wake = (): void => {
        if (!look()) return;
        clearTimeout(timer);
        waiters.delete(wake);
      };
      waiters.add(wake);
    });
  return {
    socket,
    messages,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next,
    closed,
    close: async () => {
      if (socket.readyState !== WebSocket.CLOSED) socket.close();
      await closed;
    },
  };
}
