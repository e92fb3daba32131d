import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import { PRICES_STREAM_PATH, type StreamServerMessage } from '../../../shared/api/stream.js';
import { createPgStore, prepareStore } from '../db/open-stores.js';
import type { PgStore } from '../db/postgres/pg-store.js';
import type { StoredPrice } from '../db/repositories/market-data-repository.js';
import { loadZoneCatalogue } from '../db/zone-catalogue.js';
import type { Engine } from '../engine.js';
import { listen } from '../listen.js';
import { capturingLogger, tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import { Fault, startFaultProxy, type FaultProxy } from '../../testing/fault-proxy.js';
import { createTestDatabase, openSessions, type TestDatabase } from '../../testing/postgres.js';
import { connectStream, type StreamClient } from '../../testing/stream-client.js';
import { SharedPriceListener } from './shared-price-listener.js';

const LISTENER = 'optibid-terminal listen';

/** What a central feeder does: a plain INSERT into the shared table, no terminal involved. */
async function feederWrites(url: string, zoneId: string, priceMinor: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("INSERT INTO market_data (zone_id, market, resolution_minutes, interval_start, price_minor, source, received_at) VALUES ($1, 'tick', 0, now(), $2, 'feed', now())", [zoneId, priceMinor]);
  } finally {
    await client.end();
  }
}

/** An administrator (or a failover) ends the listening sessions under the terminals' feet. */
async function terminateListeners(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [LISTENER]);
  } finally {
    await client.end();
  }
}

const priceOf =
  (zoneId: string, price: number) =>
  (message: StreamServerMessage): boolean =>
    message.type === 'event' && message.topic === 'price-update' && message.data.prices.some((p) => p.zoneId === zoneId && p.price === price);

describe('prices shared by LISTEN/NOTIFY between two engines on one PostgreSQL', () => {
  let database: TestDatabase;
  const dirs: TempDir[] = [];
  let writer: Engine;
  let reader: Engine;
  let readerWs: string;
  let tokens: AuthTokens;
  let client: StreamClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    for (let i = 0; i < 2; i += 1) dirs.push(await tempDir());
    const [writerDir, readerDir] = dirs.map((dir) => dir.path);
    writer = (await listen(testConfig(writerDir ?? '', { DATABASE_URL: database.url }))).engine;
    const started = await listen(testConfig(readerDir ?? '', { DATABASE_URL: database.url }));
    reader = started.engine;
    readerWs = started.url.replace(/^http/, 'ws').replace(/\/$/, '');
    // One floor: an account made on one terminal signs in on the other (accounts and key are shared).
    tokens = (await writer.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'floor@desk.example', password: 'correct horse battery staple', displayName: 'Floor' } })).json<AuthTokens>();
    client = await connectStream(`${readerWs}${PRICES_STREAM_PATH}`, { authorization: `Bearer ${tokens.accessToken}` });
    client.send({ type: 'subscribe', topic: 'price-update', zones: ['DE_LU', 'FR'] });
    await client.next((message) => message.type === 'subscribed');
    await eventually(async () => (await openSessions(database.name, LISTENER)) === 2, 'both terminals listening');
  });
  afterAll(async () => {
    await client.close();
    await Promise.all([writer.close(), reader.close()]);
    await database.drop();
    await Promise.all(dirs.map((dir) => dir.remove()));
  });

  it("delivers a price one terminal stores to the other terminal's stream", async () => {
    const response = await writer.app.inject({ method: 'POST', url: '/api/ws/broadcast/price', headers: { authorization: `Bearer ${tokens.accessToken}` }, payload: { zoneId: 'DE_LU', price: 64.21 } });
    expect(response.statusCode).toBe(200);
    expect(await client.next(priceOf('DE_LU', 64.21), 5000)).toMatchObject({ data: { prices: [{ zoneId: 'DE_LU', price: 64.21, source: 'manual', market: 'tick' }] } });
  });

  it('delivers a price a central feeder inserts with plain SQL, and keeps it in the local cache', async () => {
    await feederWrites(database.url, 'FR', 5599);
    await client.next(priceOf('FR', 55.99), 5000);
    await eventually(async () => (await reader.databases.local.marketData.latest('tick', ['FR']))[0]?.priceMinor === 5599, 'the price in the reader’s local cache');
  });

  it('keeps delivering after the listening sessions are terminated, listening again within 5 s (RELIABILITY 7)', async () => {
    await terminateListeners(database.url);
    const terminated = Date.now();
    await feederWrites(database.url, 'FR', 6001);
    // Either heard live (reconnected already) or read back after reconnecting: never lost.
    await client.next(priceOf('FR', 60.01), 10_000);
    await eventually(async () => (await openSessions(database.name, LISTENER)) === 2, 'both terminals listening again', 5000 - (Date.now() - terminated));
    await feederWrites(database.url, 'FR', 6002);
    await client.next(priceOf('FR', 60.02), 5000);
  });
});

describe('shared price listener catching up after a lost connection', () => {
  let database: TestDatabase;
  let store: PgStore;
  let listener: SharedPriceListener;
  const heard: StoredPrice[] = [];
  const heardPrice = (priceMinor: number) => (): boolean => heard.some((price) => price.priceMinor === priceMinor);

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await createPgStore(database.url, { poolMax: 2, connectTimeoutMs: 5000, queryTimeoutMs: 5000, healthIntervalMs: 5000 }, () => undefined);
    await prepareStore(store, loadZoneCatalogue());
    // A slow first retry: the price below is committed while nobody listens, so only the read-back can deliver it.
    listener = new SharedPriceListener({ url: database.url, connectTimeoutMs: 5000, primary: store, mayConnect: () => true, market: { acceptShared: (prices) => heard.push(...prices) }, logger: pino({ level: 'silent' }), firstRetryMs: 3000 });
    listener.start();
    await eventually(() => listener.listening, 'the listener connected');
  });
  afterAll(async () => {
    await listener.stop();
    await store.close();
    await database.drop();
  });

  it('hears live rows, then reads back a row committed while its session was gone', async () => {
    await feederWrites(database.url, 'NL', 4200);
    await eventually(heardPrice(4200), 'the live notification');
    expect(heard.find((price) => price.priceMinor === 4200)).toMatchObject({ zoneId: 'NL', market: 'tick', resolutionMinutes: 0, source: 'feed' });

    await terminateListeners(database.url);
    await eventually(async () => !listener.listening && (await openSessions(database.name, LISTENER)) === 0, 'the session gone');
    await feederWrites(database.url, 'NL', 4300);
    expect(heardPrice(4300)()).toBe(false);
    await eventually(heardPrice(4300), 'the row read back after reconnecting');
    await feederWrites(database.url, 'NL', 4400);
    await eventually(heardPrice(4400), 'live notifications again');
  });
});

describe('shared price listener catching up while the pool it reads back through is still shut', () => {
  let database: TestDatabase;
  let proxy: FaultProxy;
  let store: PgStore;
  let listener: SharedPriceListener;
  const heard: StoredPrice[] = [];
  const heardPrice = (priceMinor: number) => (): boolean => heard.some((price) => price.priceMinor === priceMinor);
  const { logger, lines } = capturingLogger();
  const refusedReadBacks = (): number => lines.filter((line) => line.msg.startsWith('Could not read back the prices missed while notifications were lost yet')).length;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The store reads through the proxy; the listener connects directly, so it can be back while the store's pool is still shut.
    proxy = await startFaultProxy(database.url);
    store = await createPgStore(proxy.url, { poolMax: 2, connectTimeoutMs: 500, queryTimeoutMs: 500, healthIntervalMs: 1000 }, () => undefined);
    await prepareStore(store, loadZoneCatalogue());
    listener = new SharedPriceListener({ url: database.url, connectTimeoutMs: 5000, primary: store, mayConnect: () => true, market: { acceptShared: (prices) => heard.push(...prices) }, logger, firstRetryMs: 1000 });
    listener.start();
    await eventually(() => listener.listening, 'the listener connected');
  });
  afterAll(async () => {
    await listener.stop();
    await store.close();
    await proxy.close();
    await database.drop();
  });

  it('reads back the row it missed once the pool opens, though its first read-back was refused', async () => {
    // The shared database seen as gone by the store's health probe: its pool sends nothing.
    proxy.setMode(Fault.blackhole);
    await expect(store.ping()).rejects.toBeDefined();
    await terminateListeners(database.url);
    await eventually(() => !listener.listening, 'the session gone');
    await feederWrites(database.url, 'NL', 5100);
    // Listening again, directly: its read-back meets the shut pool, and is tried again at each reconnection.
    await eventually(() => refusedReadBacks() >= 2, 'two refused read-backs', 10_000);
    expect(heardPrice(5100)()).toBe(false);

    proxy.setMode(Fault.pass);
    await store.ping();
    await eventually(heardPrice(5100), 'the row read back once the pool opened', 15_000);
  });
});
