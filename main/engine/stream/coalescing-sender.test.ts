import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import type { PricePoint } from '../../../shared/api/market-data.js';
import { STREAM_PATH, type StreamServerMessage, type StreamStatistics } from '../../../shared/api/stream.js';
import type { Engine } from '../engine.js';
import { listen } from '../listen.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import { connectStream } from '../../testing/stream-client.js';
import { CoalescingSender, type OutgoingSocket } from './coalescing-sender.js';

const ZONES = ['DE_LU', 'FR', 'NL'];
const point = (zoneId: string, price: number): PricePoint => ({ zoneId, market: 'tick', resolutionMinutes: 0, at: new Date(1_764_000_000_000 + price).toISOString(), price, currency: 'EUR', source: 'simulator' });
const update = (price: number): StreamServerMessage => ({ type: 'event', topic: 'price-update', snapshot: false, data: { prices: ZONES.map((zone) => point(zone, price)) } });

/** A socket whose backlog the test sets, recording what was sent and how it was closed. */
function scriptedSocket(): OutgoingSocket & { backlog: number; sent: StreamServerMessage[]; closedWith: [number, string] | null } {
  const socket = {
    backlog: 0,
    sent: [] as StreamServerMessage[],
    closedWith: null as [number, string] | null,
    OPEN: 1,
    get readyState() {
      return socket.closedWith ? 3 : 1;
    },
    get bufferedAmount() {
      return socket.backlog;
    },
    send: (data: string) => socket.sent.push(JSON.parse(data) as StreamServerMessage),
    close: (code: number, reason: string) => (socket.closedWith = [code, reason]),
  };
  return socket;
}
const pricesIn = (message: StreamServerMessage | undefined): number[] => (message?.type === 'event' && message.topic === 'price-update' ? message.data.prices.map((p) => p.price) : []);

describe('CoalescingSender', () => {
  const limits = { lowWaterBytes: 100, highWaterBytes: 1000, retryMs: 10 };

  it('sends as it comes while the socket keeps up', () => {
    const socket = scriptedSocket();
    const sender = new CoalescingSender(socket, undefined, limits);
    for (const price of [1, 2, 3]) sender.send(update(price));
    expect(socket.sent.map(pricesIn)).toEqual([[1, 1, 1], [2, 2, 2], [3, 3, 3]]);
    sender.dispose();
  });

  it('merges held price updates to the latest per zone, and sends them once the backlog drains', async () => {
    const socket = scriptedSocket();
    const sender = new CoalescingSender(socket, undefined, limits);
    socket.backlog = 500;
    for (let price = 1; price <= 50; price += 1) sender.send(update(price));
    sender.send({ type: 'subscribed', topic: 'terminal-status' });
    expect(socket.sent.map((message) => message.type)).toEqual(['subscribed']);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(socket.sent).toHaveLength(1);
    socket.backlog = 0;
    await eventually(() => socket.sent.length === 2, 'the merged update');
    expect(pricesIn(socket.sent[1])).toEqual([50, 50, 50]);
    expect(sender.coalesced).toBe(49 * ZONES.length);
    sender.dispose();
  });

  it('closes a reader that falls behind even so, with a reason, and sends it nothing more', () => {
    const socket = scriptedSocket();
    const sender = new CoalescingSender(socket, undefined, limits);
    socket.backlog = 5000;
    sender.send({ type: 'subscribed', topic: 'price-update' });
    expect(socket.closedWith).toEqual([4008, 'Too slow: events were piling up unread']);
    sender.send(update(1));
    expect(socket.sent).toEqual([]);
  });
});

describe('a slow reader of the stream', () => {
  let dir: TempDir;
  let engine: Engine;
  let wsUrl: string;
  let tokens: AuthTokens;
  beforeAll(async () => {
    dir = await tempDir();
    const started = await listen(testConfig(dir.path));
    engine = started.engine;
    wsUrl = `${started.url.replace(/^http/, 'ws').replace(/\/$/, '')}${STREAM_PATH}`;
    tokens = (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'slow@desk.example', password: 'correct horse battery staple', displayName: 'Slow' } })).json<AuthTokens>();
  });
  afterAll(async () => {
    await engine.close();
    await dir.remove();
  });

  it('gets the latest price per zone after its backlog, while a fast reader gets every update', async () => {
    const [fast, slow] = await Promise.all([connectStream(wsUrl), connectStream(wsUrl)]);
    for (const client of [fast, slow]) {
      client.send({ type: 'auth', accessToken: tokens.accessToken });
      client.send({ type: 'subscribe', topic: 'price-update' });
      await client.next((message) => message.type === 'subscribed');
    }
    // The slow reader stops reading its socket: the kernel's buffers fill, then the server's backlog.
    const raw = (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause();
    // Every zone in each update (about 2.5 kB): 10 MB in all, more than loopback's socket buffers hold.
    const zones = engine.databases.catalogue.zones.map((zone) => zone.id);
    const PUBLISHED = 4000;
    for (let price = 1; price <= PUBLISHED; price += 1) {
      engine.events.publish('price-update', { prices: zones.map((zone) => point(zone, price)) });
      if (price % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const live = (messages: StreamServerMessage[]): StreamServerMessage[] => messages.filter((m) => m.type === 'event' && m.topic === 'price-update' && !m.snapshot);
    await eventually(() => live(fast.messages).length === PUBLISHED, 'every update at the fast reader');
    expect(live(fast.messages).map((message) => pricesIn(message)[0])).toEqual(Array.from({ length: PUBLISHED }, (_, i) => i + 1));

    raw.resume();
    const latestAtSlow = (): number[] => pricesIn(live(slow.messages).at(-1));
    await eventually(() => latestAtSlow().length > 0 && latestAtSlow().every((price) => price === PUBLISHED), 'the latest prices at the slow reader');
    expect(latestAtSlow()).toHaveLength(zones.length);
    const received = live(slow.messages).length;
    expect(received).toBeLessThan(PUBLISHED);
    expect(slow.socket.readyState).toBe(slow.socket.OPEN);

    const stats = (await engine.app.inject({ url: '/api/ws/stats', headers: { authorization: `Bearer ${tokens.accessToken}` } })).json<StreamStatistics>();
    expect(stats).toMatchObject({ connections: 2, subscriptions: { 'price-update': 2 }, closedTooSlow: 0 });
    expect(stats.messagesPerSecond).toBeGreaterThan(100);
    expect(stats.coalescedPerSecond).toBeGreaterThan(0);
    expect((await engine.app.inject({ url: '/api/ws/stats' })).statusCode).toBe(401);
    await Promise.all([fast.close(), slow.close()]);
  }, 30_000);
});
