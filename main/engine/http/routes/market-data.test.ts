import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import type { Candle, CandleSeries, DayAheadProfile } from '../../../../shared/api/market-data.js';
import { dayStart } from '../../../../shared/market/time-zone.js';
import { backends } from '../../../testing/backends.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';
import type { StoredPrice } from '../../db/repositories/market-data-repository.js';
import { createEngine, type Engine } from '../../engine.js';

const QUARTER_MS = 15 * 60_000;
const row = (zoneId: string, market: StoredPrice['market'], resolutionMinutes: number, start: number, priceMinor: number): StoredPrice => ({
  zoneId,
  market,
  resolutionMinutes,
  intervalStart: new Date(start),
  priceMinor,
  source: 'simulator',
  receivedAt: new Date(start),
});
const ohlc = (candle: Candle | undefined): unknown[] => (candle ? [candle.start, candle.open, candle.high, candle.low, candle.close, candle.count] : []);

describe.each(backends)('price history routes on $dialect', ({ prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  let token: string;
  const get = (url: string, withToken = token) => engine.app.inject({ url, headers: withToken ? { authorization: `Bearer ${withToken}` } : {} });

  beforeAll(async () => {
    dir = await tempDir();
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env));
    const register = await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'ana@desk.example', password: 'correct horse battery staple', displayName: 'Ana' } });
    token = register.json<AuthTokens>().accessToken;
  });
  afterAll(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  it('answers candles of ticks in the zone currency, for signed-in callers only', async () => {
    const t = Date.parse('2026-05-04T10:00:00Z');
    await engine.store.marketData.insertMany([row('PJM', 'tick', 0, t + 1000, 4512), row('PJM', 'tick', 0, t + 61_000, 4499), row('PJM', 'tick', 0, t + 62_000, 4620)]);
    const url = '/api/market-data?zone=PJM&from=2026-05-04T10:00:00Z&to=2026-05-04T11:00:00Z&resolution=1m';
    expect((await get(url, '')).statusCode).toBe(401);
    const series = (await get(url)).json<CandleSeries>();
    expect(series).toMatchObject({ zoneId: 'PJM', market: 'tick', resolution: '1m', currency: 'USD', timezone: 'America/New_York', from: '2026-05-04T10:00:00.000Z', to: '2026-05-04T11:00:00.000Z' });
    expect(series.candles).toEqual([
      { start: '2026-05-04T10:00:00.000Z', open: 45.12, high: 45.12, low: 45.12, close: 45.12, mean: 45.12, count: 1 },
      // The mean of 44.99 and 46.20 is 45.595, to the cent 45.60.
      { start: '2026-05-04T10:01:00.000Z', open: 44.99, high: 46.2, low: 44.99, close: 46.2, mean: 45.6, count: 2 },
    ]);
    expect((await get(url.replace('zone=PJM', 'zone=ERCOT'))).json<CandleSeries>().candles).toEqual([]);
  });

  it('refuses bad input with the error envelope', async () => {
    const base = { zone: 'DE_LU', from: '2026-05-04T00:00:00Z', to: '2026-05-05T00:00:00Z', resolution: '15m' };
    const ask = (overrides: Record<string, string>, path = '/api/market-data') => get(`${path}?${new URLSearchParams({ ...base, ...overrides }).toString()}`);
    const cases: [Record<string, string>, number, string][] = [
      [{ zone: 'ATLANTIS' }, 404, 'ZONE_NOT_FOUND'],
      [{ resolution: '3m' }, 400, 'VALIDATION_FAILED'],
      [{ from: 'yesterday' }, 400, 'VALIDATION_FAILED'],
      [{ market: 'futures' }, 400, 'VALIDATION_FAILED'],
      [{ to: base.from }, 400, 'INVALID_RANGE'],
      [{ to: '2026-05-03T00:00:00Z' }, 400, 'INVALID_RANGE'],
      // Four days of minutes are 5760 candles.
      [{ to: '2026-05-08T00:00:00Z', resolution: '1m' }, 400, 'TOO_MANY_CANDLES'],
    ];
    for (const [overrides, status, code] of cases) {
      const response = await ask(overrides);
      expect([overrides, response.statusCode, response.json<{ error: { code: string } }>().error.code]).toEqual([overrides, status, code]);
    }
    expect((await ask({ to: '2026-05-08T00:00:00Z', resolution: '1m' })).json()).toMatchObject({ error: { message: expect.stringContaining('at most 5000') as unknown, details: { limit: 5000, requested: 5760 } } });
    // Three and a third days of minutes are exactly 4800: allowed.
    expect((await ask({ to: '2026-05-07T08:00:00Z', resolution: '1m' })).statusCode).toBe(200);

    expect((await ask({ resolution: '' }, '/api/market-data/history')).statusCode).toBe(400);
    expect((await get('/api/market-data/history?zone=DE_LU&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z&resolution=15m')).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'query.resolution' }] } });
    expect((await get('/api/market-data/history?zone=DE_LU&from=1900-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&points=100')).json()).toMatchObject({ error: { code: 'RANGE_TOO_LONG' } });
    expect((await get('/api/market-data/history?zone=DE_LU&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z&points=5001')).statusCode).toBe(400);
    expect((await get('/api/market-data/day-ahead?zone=DE_LU&day=2026-02-30')).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await get('/api/market-data/day-ahead?zone=NOPE&day=2026-02-03')).statusCode).toBe(404);
  });

  it('downsamples a year of 15-minute day-ahead prices to at most the points asked for, OHLC exact', { timeout: 120_000 }, async () => {
    // One price per quarter hour from 1 June 2025 to 1 June 2026 (Berlin midnights): 35 040 rows.
    // The i-th is i cents when i is even and -i when odd, so a bucket of quarters a..b (a even,
    // b odd) opens at a, closes at -b, peaks at b - 1 and bottoms at -b.
    const first = dayStart('Europe/Berlin', '2025-06-01');
    const end = dayStart('Europe/Berlin', '2026-06-01');
    const quarters = (end - first) / QUARTER_MS;
    expect(quarters).toBe(35_040);
    await engine.store.marketData.insertMany(Array.from({ length: quarters }, (_, i) => row('DE_LU', 'day_ahead', 15, first + i * QUARTER_MS, i % 2 === 0 ? i : -i)));
    const range = `zone=DE_LU&market=day_ahead&from=${new Date(first).toISOString()}&to=${new Date(end).toISOString()}`;

    const halfDays = (await get(`/api/market-data/history?${range}`)).json<CandleSeries>();
    expect(halfDays.resolution).toBe('12h');
    expect(halfDays.candles).toHaveLength(730);
    expect(ohlc(halfDays.candles[0])).toEqual(['2025-05-31T22:00:00.000Z', 0, 0.46, -0.47, -0.47, 48]);
    expect(ohlc(halfDays.candles[1])).toEqual(['2025-06-01T10:00:00.000Z', 0.48, 0.94, -0.95, -0.95, 48]);

    const days = (await get(`/api/market-data/history?${range}&points=400`)).json<CandleSeries>();
    expect(days.resolution).toBe('1d');
    expect(days.candles).toHaveLength(365);
    expect(days.candles.reduce((sum, candle) => sum + candle.count, 0)).toBe(35_040);
    let a = 0;
    for (const candle of days.candles) {
      const b = a + candle.count - 1;
      expect(ohlc(candle)).toEqual([candle.start, a / 100, (b - 1) / 100, -b / 100, -b / 100, candle.count]);
      a = b + 1;
    }
    const lengths = new Map(days.candles.filter((candle) => candle.count !== 96).map((candle) => [candle.start, candle.count]));
    expect(lengths).toEqual(new Map([['2025-10-25T22:00:00.000Z', 100], ['2026-03-28T23:00:00.000Z', 92]]));
    expect(days.candles.at(-1)?.start).toBe('2026-05-30T22:00:00.000Z');
  });

  it('answers a delivery day’s day-ahead profile: 96 periods, 92 and 100 when the clock changes, the MTU of the day when nothing is published', async () => {
    const publish = async (zoneId: string, day: string, timezone: string, minutes: number): Promise<number> => {
      const start = dayStart(timezone, day);
      const count = (dayStart(timezone, new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) - start) / (minutes * 60_000);
      await engine.store.marketData.insertMany(Array.from({ length: count }, (_, i) => row(zoneId, 'day_ahead', minutes, start + i * minutes * 60_000, 5000 + i)));
      return count;
    };
    expect(await publish('FR', '2026-03-29', 'Europe/Paris', 15)).toBe(92);
    expect(await publish('FR', '2026-10-25', 'Europe/Paris', 15)).toBe(100);
    expect(await publish('FR', '2026-06-10', 'Europe/Paris', 15)).toBe(96);
    expect(await publish('ERCOT', '2026-03-08', 'America/Chicago', 60)).toBe(23);

    const profile = (day: string, zone = 'FR') => get(`/api/market-data/day-ahead?zone=${zone}&day=${day}`).then((response) => response.json<DayAheadProfile>());
    const spring = await profile('2026-03-29');
    expect(spring).toMatchObject({ zoneId: 'FR', day: '2026-03-29', timezone: 'Europe/Paris', currency: 'EUR', start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z', resolutionMinutes: 15, periodCount: 92 });
    expect(spring.periods).toHaveLength(92);
    expect(spring.periods[0]).toEqual({ period: 1, start: '2026-03-28T23:00:00.000Z', end: '2026-03-28T23:15:00.000Z', price: 50 });
    expect(spring.periods.at(-1)).toEqual({ period: 92, start: '2026-03-29T21:45:00.000Z', end: '2026-03-29T22:00:00.000Z', price: 50.91 });
    expect((await profile('2026-10-25')).periods.map((period) => period.period)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await profile('2026-06-10')).toMatchObject({ periodCount: 96, periods: expect.arrayContaining([{ period: 96, start: '2026-06-10T21:45:00.000Z', end: '2026-06-10T22:00:00.000Z', price: 50.95 }]) as unknown });
    expect(await profile('2026-03-08', 'ERCOT')).toMatchObject({ resolutionMinutes: 60, periodCount: 23, start: '2026-03-08T06:00:00.000Z', end: '2026-03-09T05:00:00.000Z' });

    expect(await profile('2026-06-11')).toMatchObject({ resolutionMinutes: 15, periodCount: 96, periods: [] });
    expect(await profile('2025-09-30')).toMatchObject({ resolutionMinutes: 60, periodCount: 24, periods: [] });
  });
});
