import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import type { PriceUpdate } from '../../../shared/api/market-data.js';
import { BEARER_SUBPROTOCOL_PREFIX, PRICES_STREAM_PATH, STREAM_SUBPROTOCOL, zoneStreamPath, type StreamServerMessage } from '../../../shared/api/stream.js';
import { listen } from '../listen.js';
import type { Engine } from '../engine.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { connectStream, type StreamClient } from '../../testing/stream-client.js';

const is =
  (type: StreamServerMessage['type']) =>
  (message: StreamServerMessage): boolean =>
    message.type === type;
const priceEvent = (snapshot: boolean) => (message: StreamServerMessage) => message.type === 'event' && message.topic === 'price-update' && message.snapshot === snapshot;
const zonesOf = (message: StreamServerMessage): string[] => (message as { data: PriceUpdate }).data.prices.map((price) => price.zoneId);

describe('price streams authenticated on the upgrade (/api/ws/prices, /api/ws/market/{zone})', () => {
  let dir: TempDir;
  let engine: Engine;
  let base: string;
  let tokens: AuthTokens;
  const clients: StreamClient[] = [];
  const open = async (path: string, headers?: Record<string, string>, protocols?: string[]): Promise<StreamClient> => {
    const client = await connectStream(`${base}${path}`, headers, { protocols });
    clients.push(client);
    return client;
  };
  const bearer = (): Record<string, string> => ({ authorization: `Bearer ${tokens.accessToken}` });
  const broadcast = async (zoneId: string, price: number): Promise<void> => {
    const response = await engine.app.inject({ method: 'POST', url: '/api/ws/broadcast/price', headers: bearer(), payload: { zoneId, price } });
    expect(response.statusCode).toBe(200);
  };

  beforeAll(async () => {
    dir = await tempDir();
    const started = await listen(testConfig(dir.path));
    engine = started.engine;
    base = started.url.replace(/^http/, 'ws').replace(/\/$/, '');
    // The first account is a platform administrator: it may broadcast prices.
    tokens = (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'prices@desk.example', password: 'correct horse battery staple', displayName: 'Prices' } })).json<AuthTokens>();
    await broadcast('DE_LU', 81.25);
    await broadcast('FR', 77.5);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await engine.close();
    await dir.remove();
  });

  it('refuses the upgrade without a credential, or with a bad one, before any socket exists', async () => {
    await expect(open(PRICES_STREAM_PATH)).rejects.toThrow(/HTTP 401/);
    await expect(open(PRICES_STREAM_PATH, { authorization: 'Bearer not-a-token' })).rejects.toThrow(/HTTP 401/);
    await expect(open(zoneStreamPath('DE_LU'))).rejects.toThrow(/HTTP 401/);
  });

  it('confirms with the server time, then subscribes chosen zones with a snapshot of their latest prices within a second', async () => {
    const opened = Date.now();
    const client = await open(PRICES_STREAM_PATH, bearer());
    expect(await client.next(is('hello'))).toMatchObject({ type: 'hello', protocol: 1 });
    expect(await client.next(is('authenticated'))).toMatchObject({ userId: tokens.user.id });
    client.send({ type: 'subscribe', topic: 'price-update', zones: ['FR'] });
    expect(await client.next(is('subscribed'))).toEqual({ type: 'subscribed', topic: 'price-update', zones: ['FR'] });
    const snapshot = await client.next(priceEvent(true), 1000);
    expect(Date.now() - opened).toBeLessThan(1000);
    expect((snapshot as { data: PriceUpdate }).data.prices).toMatchObject([{ zoneId: 'FR', price: 77.5, source: 'manual' }]);
  });

  it('delivers only the subscribed zones; subscribing more widens, unsubscribing zones narrows, the last zone ends it', async () => {
    const client = await open(PRICES_STREAM_PATH, bearer());
    client.send({ type: 'subscribe', topic: 'price-update', zones: ['FR'] });
    await client.next(priceEvent(true));
    await broadcast('DE_LU', 90);
    await broadcast('FR', 70);
    expect(zonesOf(await client.next(priceEvent(false)))).toEqual(['FR']);

    client.send({ type: 'subscribe', topic: 'price-update', zones: ['DE_LU'] });
    expect(await client.next(is('subscribed'))).toEqual({ type: 'subscribed', topic: 'price-update', zones: ['DE_LU', 'FR'] });
    expect(zonesOf(await client.next(priceEvent(true))).sort()).toEqual(['DE_LU', 'FR']);
    await broadcast('DE_LU', 91);
    expect(zonesOf(await client.next(priceEvent(false)))).toEqual(['DE_LU']);

    client.send({ type: 'unsubscribe', topic: 'price-update', zones: ['DE_LU'] });
    expect(await client.next(is('unsubscribed'))).toEqual({ type: 'unsubscribed', topic: 'price-update', zones: ['DE_LU'] });
    await broadcast('DE_LU', 92);
    await broadcast('FR', 71);
    expect(zonesOf(await client.next(priceEvent(false)))).toEqual(['FR']);

    client.send({ type: 'unsubscribe', topic: 'price-update', zones: ['FR'] });
    expect(await client.next(is('unsubscribed'))).toEqual({ type: 'unsubscribed', topic: 'price-update' });
    await broadcast('FR', 72);
    client.send({ type: 'subscribe', topic: 'terminal-status' });
    await client.next(is('subscribed'));
    // Everything after the last unsubscribe has been read; no price arrived in between.
    expect(client.messages.slice(client.messages.findIndex((m) => m.type === 'unsubscribed' && !('zones' in m))).filter(priceEvent(false))).toEqual([]);
  });

  it('refuses unknown zones and zones on a topic that has none, with the error envelope, and keeps the connection', async () => {
    const client = await open(PRICES_STREAM_PATH, bearer());
    client.send({ type: 'subscribe', topic: 'price-update', zones: ['XX_NOWHERE'] });
    expect(await client.next(is('error'))).toMatchObject({ error: { code: 'ZONE_NOT_FOUND', type: 'not_found', details: [{ field: 'message.zones', value: ['XX_NOWHERE'] }] } });
    client.send({ type: 'subscribe', topic: 'terminal-status', zones: ['FR'] });
    expect(await client.next(is('error'))).toMatchObject({ error: { code: 'ZONES_NOT_APPLICABLE', type: 'validation_error' } });
    client.send({ type: 'subscribe', topic: 'price-update' });
    await client.next(is('subscribed'));
    client.send({ type: 'unsubscribe', topic: 'price-update', zones: ['FR'] });
    expect(await client.next(is('error'))).toMatchObject({ error: { code: 'ZONES_NOT_SELECTED' } });
  });

  it('accepts the token as a subprotocol (a browser cannot set headers) and answers with the protocol it speaks', async () => {
    const client = await open(PRICES_STREAM_PATH, {}, [STREAM_SUBPROTOCOL, `${BEARER_SUBPROTOCOL_PREFIX}${tokens.accessToken}`]);
    expect(client.socket.protocol).toBe(STREAM_SUBPROTOCOL);
    await client.next(is('authenticated'));
  });

  it('subscribes one zone on connect at /api/ws/market/{zone}, and refuses a zone that does not exist', async () => {
    const client = await open(zoneStreamPath('DE_LU'), bearer());
    await client.next(is('authenticated'));
    expect(zonesOf(await client.next(priceEvent(true), 1000))).toEqual(['DE_LU']);
    await broadcast('FR', 73);
    await broadcast('DE_LU', 93);
    expect((await client.next(priceEvent(false))) as { data: PriceUpdate }).toMatchObject({ data: { prices: [{ zoneId: 'DE_LU', price: 93 }] } });
    await expect(open(zoneStreamPath('XX'), bearer())).rejects.toThrow(/HTTP 404/);
  });
});
