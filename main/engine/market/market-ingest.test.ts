import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import type { LatestPrices } from '../../../shared/api/market-data.js';
import type { StreamServerMessage } from '../../../shared/api/stream.js';
import { createEngine, type Engine } from '../engine.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { steppingClock } from '../../testing/clock.js';
import { capturingLogger } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import type { StoredPrice } from '../db/repositories/market-data-repository.js';
import { EventHub } from '../stream/event-hub.js';
import { MarketIngest } from './market-ingest.js';

describe('live prices from the simulator feed', () => {
  let dir: TempDir;
  let engine: Engine;
  let tokens: AuthTokens;
  const signedIn = (url: string) => engine.app.inject({ url, headers: { authorization: `Bearer ${tokens.accessToken}` } });

  beforeAll(async () => {
    dir = await tempDir();
    engine = await createEngine(testConfig(dir.path, { OPTIBID_FEEDS: 'simulator', OPTIBID_SIMULATOR_TICK_MS: '100', OPTIBID_SIMULATOR_SEED: '42' }));
    tokens = (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'prices@desk.example', password: 'correct horse battery staple', displayName: 'Prices' } })).json<AuthTokens>();
  });
  afterAll(async () => {
    await engine.close();
    await dir.remove();
  });

  it('stores today’s day-ahead results of every zone at start, one row per market time unit', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const countOf = async (zoneId: string): Promise<number> => {
      const [row] = await engine.store.sql.all<{ n: number | string }>("SELECT count(*) AS n FROM market_data WHERE zone_id = ? AND market = 'day_ahead' AND source = 'simulator' AND interval_start >= ?", [zoneId, new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000)]);
      return Number(row?.n ?? 0);
    };
    await eventually(async () => (await countOf('DE_LU')) >= 92 && (await countOf('PJM')) >= 23, 'day-ahead results stored');
  });

  it('serves the latest price of every zone, in its currency and within its limits, to signed-in callers', async () => {
    await eventually(async () => (await signedIn('/api/market-data/latest')).json<LatestPrices>().prices.length === 15, 'a price for every zone');
    const { prices } = (await signedIn('/api/market-data/latest')).json<LatestPrices>();
    const zones = engine.databases.catalogue.zones;
    for (const point of prices) {
      const zone = zones.find((candidate) => candidate.id === point.zoneId);
      expect(point).toMatchObject({ market: 'tick', resolutionMinutes: 0, source: 'simulator', currency: zone?.currency });
      expect(point.price).toBeGreaterThanOrEqual(zone?.priceLimits.floor ?? -Infinity);
      expect(point.price).toBeLessThanOrEqual(zone?.priceLimits.cap ?? Infinity);
    }
    expect((await signedIn('/api/market-data/latest?zones=FR,DE_LU')).json<LatestPrices>().prices.map((point) => point.zoneId)).toEqual(['DE_LU', 'FR']);
    expect((await signedIn('/api/market-data/latest?zones=de_lu')).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'query.zones' }] } });
    expect((await engine.app.inject({ url: '/api/market-data/latest' })).statusCode).toBe(401);
  });

  it('streams price updates to signed-in subscribers only, after a snapshot', async () => {
    const sent: StreamServerMessage[] = [];
    const session = engine.openStream((message) => sent.push(message));
    await session.handle({ type: 'subscribe', topic: 'price-update' });
    expect(sent.at(-1)).toMatchObject({ type: 'error', error: { code: 'TOKEN_MISSING' } });
    await session.handle({ type: 'auth', accessToken: tokens.accessToken });
    await session.handle({ type: 'subscribe', topic: 'price-update' });
    const updates = () => sent.filter((message) => message.type === 'event' && message.topic === 'price-update');
    await eventually(() => updates().length >= 3, 'a snapshot and live updates');
    expect(updates()[0]).toMatchObject({ snapshot: true });
    expect(updates()[1]).toMatchObject({ snapshot: false });
    session.close();
  });

  it('reports the feed live in the terminal status, and keeps the prices in market_data', async () => {
    const status = await engine.events.snapshot('terminal-status', null);
    expect(status?.feed).toEqual({ state: 'live', source: 'simulator' });
    await eventually(async () => ((await engine.store.sql.one<{ n: number }>('SELECT count(*) AS n FROM market_data'))?.n ?? 0) >= 15, 'the first batch written');
  });

  it('deletes ticks older than the retention, and only those', async () => {
    const clock = steppingClock('2026-11-26T12:00:00Z');
    const { logger } = capturingLogger();
    const ingest = new MarketIngest([], engine.databases.catalogue.zones, engine.databases, new EventHub(logger), logger, clock, 7);
    const at = (daysAgo: number): Date => new Date(clock.now().getTime() - daysAgo * 86_400_000);
    const price = (daysAgo: number): StoredPrice => ({ zoneId: 'PL', market: 'tick', resolutionMinutes: 0, intervalStart: at(daysAgo), priceMinor: 10_000, source: 'manual', receivedAt: at(daysAgo) });
    await engine.store.marketData.insertMany([price(9), price(8), price(6)]);
    expect(await ingest.pruneTicks()).toBeGreaterThanOrEqual(2);
    const kept = await engine.store.sql.all<{ n: number }>("SELECT count(*) AS n FROM market_data WHERE zone_id = 'PL' AND source = 'manual'");
    expect(kept[0]?.n).toBe(1);
  });
});
