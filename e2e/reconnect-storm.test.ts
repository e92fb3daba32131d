import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../shared/api/auth.js';
import { eventually } from '../main/testing/eventually.js';
import { StreamSocket } from '../renderer/src/transport/stream-socket.js';
import { RestartableEngine, usePageWebSocket } from './support/restartable-engine.js';

const CLIENTS = 500;
const WINDOW_MS = 100;

/** Every connection attempt the page's WebSocket makes, by time: ws stands in for the browser's. */
const attempts: number[] = [];
class CountedWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    attempts.push(performance.now());
    super(...args);
  }
}

/** The most attempts that fell in any one window of WINDOW_MS. */
function busiestWindow(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= WINDOW_MS) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/**
 * RELIABILITY 12: a floor of terminals (the renderer's own StreamSocket, 500 of them) loses the
 * engine at once and comes back with full-jitter backoff: the attempts are spread out, and
 * every one has a fresh snapshot within 30 s of the engine's return.
 */
describe('reconnect storm: 500 stream clients lose the engine together', () => {
  let server: RestartableEngine;
  let tokens: AuthTokens;
  let restoreWebSocket: () => void;
  const sockets: StreamSocket[] = [];

  beforeAll(async () => {
    restoreWebSocket = usePageWebSocket(CountedWebSocket);
    server = await RestartableEngine.open();
    tokens = await server.register('storm@desk.example', 'Storm');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.remove();
    restoreWebSocket();
  });

  it('spreads the attempts (no 100 ms window holds more than 10%) and gives every client a fresh snapshot within 30 s', { timeout: 90_000 }, async () => {
    const snapshots = new Array<number>(CLIENTS).fill(0);
    for (let i = 0; i < CLIENTS; i += 1) {
      const socket = new StreamSocket(server.streamUrl);
      socket.listeners.add('price-update', (event) => {
        if (event.snapshot) snapshots[i] = (snapshots[i] ?? 0) + 1;
      });
      socket.setAccessToken(tokens.accessToken);
      sockets.push(socket);
    }
    await eventually(() => snapshots.every((count) => count >= 1), 'every client’s first snapshot', 30_000);

    attempts.length = 0;
    await server.engine.close();
    const back = performance.now();
    await server.start();
    await eventually(() => snapshots.every((count) => count >= 2), 'a fresh snapshot for every client', 30_000 - (performance.now() - back));

    const busiest = busiestWindow(attempts);
    expect(attempts.length).toBeGreaterThanOrEqual(CLIENTS);
    expect(busiest, `${String(busiest)} of ${String(attempts.length)} attempts in one ${String(WINDOW_MS)} ms window`).toBeLessThanOrEqual(attempts.length / 10);
  });
});
