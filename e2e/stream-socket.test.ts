import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../shared/api/auth.js';
import type { TerminalStatus } from '../shared/api/events.js';
import { eventually } from '../main/testing/eventually.js';
import { RECONNECT, reconnectDelay } from '../renderer/src/transport/backoff.js';
import { StreamSocket } from '../renderer/src/transport/stream-socket.js';
import type { ConnectionState } from '../renderer/src/transport/transport.js';
import { RestartableEngine, usePageWebSocket } from './support/restartable-engine.js';

const status = (queued: number): TerminalStatus => ({
  database: { mode: 'online', dialect: 'postgres' }, sync: { state: 'online', queued, lastSyncAt: null },
  feed: { state: 'none', source: null },
  health: 'ok',
  time: new Date().toISOString(),
});

describe('reconnectDelay: exponential backoff with full jitter', () => {
  it('stays between 0 and min(cap, base * 2^(attempt-1))', () => {
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const ceiling = Math.min(RECONNECT.capMs, RECONNECT.baseMs * 2 ** (attempt - 1));
      expect(reconnectDelay(attempt, () => 0)).toBe(0);
      expect(reconnectDelay(attempt, () => 0.999_999)).toBe(ceiling - 1);
      expect(reconnectDelay(attempt, () => 0.5)).toBe(Math.floor(ceiling / 2));
    }
  });
});

/** The renderer's browser-mode stream client (as the page runs it) against a real engine over a real WebSocket. */
describe('the renderer’s StreamSocket against the engine', () => {
  let server: RestartableEngine;
  let tokens: AuthTokens;
  let restoreWebSocket: () => void;

  beforeAll(async () => {
    restoreWebSocket = usePageWebSocket(WebSocket);
    server = await RestartableEngine.open();
    tokens = await server.register('socket@desk.example', 'Socket');
  });
  afterAll(async () => {
    await server.remove();
    restoreWebSocket();
  });

  it('gets the snapshot, keeps its subscriptions across a token refresh, reconnects after a restart and catches up', async () => {
    const states: ConnectionState['state'][] = [];
    // random() = 0: no waiting between attempts, so the five attempts are quick and certain.
    const socket = new StreamSocket(server.streamUrl, { random: () => 0 });
    socket.onConnectionChange((state) => states.push(state.state));
    const received: { snapshot: boolean; queued: number | undefined }[] = [];
    socket.listeners.add('terminal-status', (event) => received.push({ snapshot: event.snapshot, queued: event.data.sync?.queued }));
    socket.setAccessToken(tokens.accessToken);
    await eventually(() => received.some((event) => event.snapshot), 'the first snapshot');

    const refreshed = (await server.engine.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: tokens.refreshToken } })).json<AuthTokens>();
    socket.setAccessToken(refreshed.accessToken);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Addressed to this user only: it arrives because the stream is authenticated as them.
    server.engine.events.publish('terminal-status', status(7), { kind: 'user', userId: refreshed.user.id });
    await eventually(() => received.some((event) => !event.snapshot && event.queued === 7), 'the event after the token refresh');

    await server.engine.close();
    await eventually(() => socket.connection().state === 'failed', 'giving up after the attempts');
    expect(states.filter((state) => state === 'reconnecting')).toHaveLength(RECONNECT.maxAttempts);
    expect(socket.connection()).toEqual({ state: 'failed', attempts: RECONNECT.maxAttempts });

    await server.start();
    const before = received.length;
    socket.retry();
    await eventually(() => socket.connection().state === 'open', 'the reconnection');
    // Re-subscribed on its own, with a fresh snapshot; and re-authenticated with the latest token.
    await eventually(() => received.slice(before).some((event) => event.snapshot), 'the snapshot after reconnecting');
    server.engine.events.publish('terminal-status', status(9), { kind: 'user', userId: refreshed.user.id });
    await eventually(() => received.some((event) => event.queued === 9), 'a user event after reconnecting');
    socket.close();
  });
});
