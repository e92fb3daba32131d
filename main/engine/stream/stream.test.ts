import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import type { StreamServerMessage } from '../../../shared/api/stream.js';
import { STREAM_PATH } from '../../../shared/api/stream.js';
import { listen } from '../listen.js';
import type { Engine } from '../engine.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { connectStream, type StreamClient } from '../../testing/stream-client.js';

const is =
  (type: StreamServerMessage['type']) =>
  (message: StreamServerMessage): boolean =>
    message.type === type;
const isStatus = (snapshot: boolean) => (message: StreamServerMessage) => message.type === 'event' && message.topic === 'terminal-status' && message.snapshot === snapshot;
/** The queued count of a terminal-status event, or null for any other message. */
const queuedIn = (message: StreamServerMessage): number | null => (message.type === 'event' && message.topic === 'terminal-status' ? (message.data.sync?.queued ?? null) : null);

describe('event stream over WebSocket', () => {
  let dir: TempDir;
  let engine: Engine;
  let wsUrl: string;
  let tokens: AuthTokens;
  const clients: StreamClient[] = [];
  const open = async (headers?: Record<string, string>): Promise<StreamClient> => {
    const client = await connectStream(wsUrl, headers);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    dir = await tempDir();
    const started = await listen(testConfig(dir.path));
    engine = started.engine;
    wsUrl = `${started.url.replace(/^http/, 'ws').replace(/\/$/, '')}${STREAM_PATH}`;
    const registered = await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'stream@desk.example', password: 'correct horse battery staple', displayName: 'Stream' } });
    tokens = registered.json<AuthTokens>();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await engine.close();
    await dir.remove();
  });

  it('greets with the server time, then sends a snapshot of a public topic on subscribe', async () => {
    const client = await open();
    const hello = await client.next(is('hello'));
    expect(hello).toMatchObject({ type: 'hello', protocol: 1 });
    expect(Math.abs(Date.parse((hello as { serverTime: string }).serverTime) - Date.now())).toBeLessThan(60_000);
    client.send({ type: 'subscribe', topic: 'terminal-status' });
    expect(await client.next(is('subscribed'))).toEqual({ type: 'subscribed', topic: 'terminal-status' });
    expect(await client.next(isStatus(true))).toMatchObject({ data: { database: { mode: 'online', dialect: 'sqlite' }, sync: null, feed: { state: 'none' }, health: 'ok' } });
  });

  it('answers a malformed message with the error envelope and keeps the connection', async () => {
    const client = await open();
    for (const bad of ['not json', { type: 'subscribe', topic: 'everything' }, { type: 'auth' }, { type: 'subscribe', topic: 'terminal-status', extra: 1 }]) {
      client.send(bad);
      expect(await client.next(is('error'))).toMatchObject({ error: { code: 'INVALID_STREAM_MESSAGE', type: 'validation_error' } });
    }
    client.send({ type: 'subscribe', topic: 'terminal-status' });
    await client.next(is('subscribed'));
  });

  it('authenticates with the first message, refuses a bad token, and keeps subscriptions across a token refresh', async () => {
    const client = await open();
    client.send({ type: 'auth', accessToken: 'not-a-token' });
    expect(await client.next(is('error'))).toMatchObject({ error: { code: 'TOKEN_INVALID', type: 'authentication_error' } });
    client.send({ type: 'auth', accessToken: tokens.accessToken });
    expect(await client.next(is('authenticated'))).toEqual({ type: 'authenticated', userId: tokens.user.id, organizationId: tokens.user.currentOrganizationId });
    client.send({ type: 'subscribe', topic: 'terminal-status' });
    await client.next(isStatus(true));

    const refreshed = (await engine.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: tokens.refreshToken } })).json<AuthTokens>();
    tokens = refreshed;
    client.send({ type: 'auth', accessToken: refreshed.accessToken });
    await client.next(is('authenticated'));
    engine.events.publish('terminal-status', { database: { mode: 'offline', dialect: 'postgres' }, sync: { state: 'offline', queued: 3, lastSyncAt: null }, feed: { state: 'none', source: null }, health: 'degraded', time: new Date().toISOString() }, { kind: 'user', userId: refreshed.user.id });
    // The publisher's own periodic status may come first; the one published here must arrive.
    expect(await client.next((message) => isStatus(false)(message) && queuedIn(message) === 3)).toMatchObject({ data: { database: { mode: 'offline' } } });

    // Signed out: the stream no longer receives what is addressed to that user; public topics stay.
    client.send({ type: 'sign-out' });
    expect(await client.next(is('signed-out'))).toEqual({ type: 'signed-out' });
    engine.events.publish('terminal-status', { database: { mode: 'offline', dialect: 'postgres' }, sync: { state: 'offline', queued: 4, lastSyncAt: null }, feed: { state: 'none', source: null }, health: 'degraded', time: new Date().toISOString() }, { kind: 'user', userId: refreshed.user.id });
    engine.events.publish('terminal-status', { database: { mode: 'online', dialect: 'postgres' }, sync: { state: 'online', queued: 5, lastSyncAt: null }, feed: { state: 'none', source: null }, health: 'ok', time: new Date().toISOString() });
    const next = await client.next((message) => isStatus(false)(message) && (queuedIn(message) ?? 0) >= 4);
    expect(next).toMatchObject({ data: { sync: { queued: 5 } } });
  });

  it('refuses the upgrade from another site’s page (Origin) and for another host name (DNS rebinding)', async () => {
    await expect(connectStream(wsUrl, { origin: 'https://evil.example' })).rejects.toThrow(/HTTP 403/);
    await expect(connectStream(wsUrl, { host: 'rebound.example' })).rejects.toThrow(/HTTP 403/);
  });

  it('closes the connection of a refused upgrade itself, so no descriptor leaks', async () => {
    const { port } = new URL(wsUrl);
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      [`GET ${STREAM_PATH} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Origin: https://evil.example', 'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', '', ''].join('\r\n'),
    );
    // The client never closes: only the server can end this connection.
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
  });

  it('closes a connection that sends an oversized message', async () => {
    const client = await open();
    client.send({ type: 'auth', accessToken: 'x'.repeat(64 * 1024) });
    expect((await client.closed).code).toBe(1009);
  });

  it('describes itself to a plain GET', async () => {
    const response = await engine.app.inject({ url: STREAM_PATH });
    expect(response.json()).toMatchObject({ protocol: 1, topics: ['terminal-status', 'price-update', 'market-alert', 'day-ahead-result', 'bid-update', 'ml-training', 'kpis', 'organization-setting'] });
  });
});

describe('event stream heartbeat', () => {
  let dir: TempDir;
  let engine: Engine;
  let wsUrl: string;
  const HEARTBEAT_MS = 200;

  beforeAll(async () => {
    dir = await tempDir();
    const started = await listen(testConfig(dir.path, { OPTIBID_WS_HEARTBEAT_MS: String(HEARTBEAT_MS) }));
    engine = started.engine;
    wsUrl = `${started.url.replace(/^http/, 'ws').replace(/\/$/, '')}${STREAM_PATH}`;
  });
  afterAll(async () => {
    await engine.close();
    await dir.remove();
  });

  it('cuts off a peer that stopped answering pings within two intervals, and keeps one that answers', async () => {
    const silent = await connectStream(wsUrl, {}, { autoPong: false });
    const answering = await connectStream(wsUrl);
    const opened = Date.now();
    const { code } = await silent.closed;
    // Terminated, not closed politely: the peer is gone, there is no one to close with.
    expect(code).toBe(1006);
    expect(Date.now() - opened).toBeLessThan(2 * HEARTBEAT_MS + 1000);
    await new Promise((resolve) => setTimeout(resolve, 3 * HEARTBEAT_MS));
    expect(answering.socket.readyState).toBe(answering.socket.OPEN);
    await answering.close();
  });
});
