import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../shared/api/auth.js';
import { STREAM_PATH } from '../shared/api/stream.js';
import { listen } from '../main/engine/listen.js';
import type { Engine } from '../main/engine/engine.js';
import { testConfig } from '../main/testing/environment.js';
import { eventually } from '../main/testing/eventually.js';
import { StreamSocket } from '../renderer/src/transport/stream-socket.js';

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
  let dataDir: string;
  let engine: Engine;
  let port = 0;
  let tokens: AuthTokens;
  const sockets: StreamSocket[] = [];
  const realWebSocket = (globalThis as { WebSocket?: unknown }).WebSocket;

  const start = async (): Promise<void> => {
    const started = await listen(testConfig(dataDir, { OPTIBID_PORT: String(port) }));
    engine = started.engine;
    port = Number(new URL(started.url).port);
  };

  beforeAll(async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = CountedWebSocket;
    dataDir = await mkdtemp(join(tmpdir(), 'optibid-storm-'));
    await start();
    tokens = (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'storm@desk.example', password: 'correct horse battery staple', displayName: 'Storm' } })).json<AuthTokens>();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
    (globalThis as { WebSocket?: unknown }).WebSocket = realWebSocket;
  });

  it('spreads the attempts (no 100 ms window holds more than 10%) and gives every client a fresh snapshot within 30 s', { timeout: 90_000 }, async () => {
    const snapshots = new Array<number>(CLIENTS).fill(0);
    for (let i = 0; i < CLIENTS; i += 1) {
      const socket = new StreamSocket(`ws://127.0.0.1:${String(port)}${STREAM_PATH}`);
      socket.listeners.add('price-update', (event) => {
        if (event.snapshot) snapshots[i] = (snapshots[i] ?? 0) + 1;
      });
      socket.setAccessToken(tokens.accessToken);
      sockets.push(socket);
    }
    await eventually(() => snapshots.every((count) => count >= 1), 'every client’s first snapshot', 30_000);

    attempts.length = 0;
    await engine.close();
    const back = performance.now();
    await start();
    await eventually(() => snapshots.every((count) => count >= 2), 'a fresh snapshot for every client', 30_000 - (performance.now() - back));

    const busiest = busiestWindow(attempts);
    expect(attempts.length).toBeGreaterThanOrEqual(CLIENTS);
    expect(busiest, `${String(busiest)} of ${String(attempts.length)} attempts in one ${String(WINDOW_MS)} ms window`).toBeLessThanOrEqual(attempts.length / 10);
  });
});
