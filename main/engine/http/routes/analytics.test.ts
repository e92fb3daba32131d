import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnomalyReport, CrossMarketAnalysis, MarketAnalytics } from '../../../../shared/api/analytics.js';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import type { ErrorEnvelope } from '../../../../shared/api/errors.js';
import { backends } from '../../../testing/backends.js';
import { steppingClock } from '../../../testing/clock.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';
import type { IntervalPrice } from '../../db/repositories/market-data-repository.js';
import { createEngine, type Engine } from '../../engine.js';

const HOUR = 3_600_000;
const PASSWORD = 'correct horse battery staple';
const NOW = '2026-06-20T12:00:00Z';
/** Monday 15 June 2026 in Paris (CEST): local midnight is 22:00 UTC the day before. */
const FR_DAY = Date.parse('2026-06-14T22:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

const interval = (zoneId: string, start: number, priceMinor: number, { minutes = 60, loadKw = null }: { minutes?: number; loadKw?: number | null } = {}): IntervalPrice => ({
  zoneId,
  market: 'day_ahead',
  resolutionMinutes: minutes,
  intervalStart: new Date(start),
  priceMinor,
  source: 'import',
  receivedAt: new Date(start),
  fundamentals: { loadForecastKw: loadKw, loadActualKw: null, generationKw: null, solarForecastKw: null, windOnshoreForecastKw: null, windOffshoreForecastKw: null },
});

/** FR on Monday 15 June: local hour h at 10h - 50 EUR (-50 at midnight .. 180 at 23:00); load 1 GW before noon, 3 GW after. */
const frPrice = (h: number): number => (10 * h - 50) * 100;

/** Weekly and daily shape for the anomaly route (cents): 40.00 at midnight, 1.00 more each hour, 8.00 less at weekends. */
const seasonal = (t: number): number => 4000 + 100 * (t % 24) - (Math.floor(t / 24) % 7 >= 5 ? 800 : 0);
/** Monday 18 May 2026 00:00 in Stockholm (CEST); four weeks of SE_3 prices follow. */
const SE_START = Date.parse('2026-05-17T22:00:00Z');

describe.each(backends)('analytics routes on $dialect', ({ dialect, prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  let token: string;
  const clock = steppingClock(NOW);
  const get = (url: string, withToken = token) => engine.app.inject({ url, headers: withToken ? { authorization: `Bearer ${withToken}` } : {} });
  const cacheRows = async (): Promise<{ kind: string; expired: boolean }[]> =>
    (await engine.store.sql.all<{ kind: string; expires_at: unknown }>('SELECT kind, expires_at FROM analytics_cache ORDER BY kind')).map((row) => ({
      kind: row.kind,
      expired: (row.expires_at instanceof Date ? row.expires_at.getTime() : Number(row.expires_at)) <= clock.now().getTime(),
    }));
  const signIn = async (): Promise<void> => {
    token = (await engine.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ana@desk.example', password: PASSWORD } })).json<AuthTokens>().accessToken;
  };

  beforeAll(async () => {
    dir = await tempDir();
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env), { clock });
    token = (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'ana@desk.example', password: PASSWORD, displayName: 'Ana' } })).json<AuthTokens>().accessToken;

    await engine.store.marketData.insertIntervals(Array.from({ length: 24 }, (_, h) => interval('FR', FR_DAY + h * HOUR, frPrice(h), { loadKw: h < 12 ? 1_000_000 : 3_000_000 })));
    // NL in quarter hours for two hours, the first also published as an hourly index (ignored: the quarters are finer).
    const nl = Date.parse('2026-06-15T10:00:00Z');
    await engine.store.marketData.insertIntervals([
      ...[-1000, 1000, 2000, 3000, 4000, 4000, 4000, 4000].map((price, q) => interval('NL', nl + q * 15 * 60_000, price, { minutes: 15 })),
      interval('NL', nl, 9900),
    ]);
    // DK_1 with traded volumes (and a load forecast, which the volume outranks as a weight).
    for (const [h, price, volumeKw, loadKw] of [
      [0, 10_000, 1000, 5000],
      [1, 4000, 3000, 1000],
    ] as const) {
      await engine.store.sql.run(
        "INSERT INTO market_data (zone_id, market, resolution_minutes, interval_start, price_minor, volume_kw, load_forecast_kw, source, received_at) VALUES ('DK_1', 'day_ahead', 60, ?, ?, ?, ?, 'import', ?)",
        [new Date(FR_DAY + h * HOUR), price, volumeKw, loadKw, new Date(FR_DAY)],
      );
    }
    // Cross-market: BE over six hours, NL2 = 2 x BE + 10 (stored as PL), PJM = BE one hour later.
    const be = [10, 30, 20, 50, 40, 60];
    const start = Date.parse('2026-06-16T00:00:00Z');
    await engine.store.marketData.insertIntervals([
      ...be.map((price, h) => interval('BE', start + h * HOUR, price * 100)),
      ...be.map((price, h) => interval('PL', start + h * HOUR, (2 * price + 10) * 100)),
      ...be.map((price, h) => interval('PJM', start + (h + 1) * HOUR, price * 100)),
    ]);
    // SE_3: four weeks of the shape, one spike (hour 300) and six hours never published (500-505).
    await engine.store.marketData.insertIntervals(
      Array.from({ length: 4 * 168 }, (_, t) => t)
        .filter((t) => t < 500 || t >= 506)
        .map((t) => interval('SE_3', SE_START + t * HOUR, seasonal(t) + (t === 300 ? 5000 : 0))),
    );
  });
  afterAll(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  it('answers a zone’s statistics over a period, each as computed by hand', async () => {
    const url = `/api/analytics/market-analytics?zone=FR&from=${iso(FR_DAY)}&to=${iso(FR_DAY + 24 * HOUR)}`;
    expect((await get(url, '')).statusCode).toBe(401);
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    const figures = response.json<MarketAnalytics>();
    expect(figures).toMatchObject({
      zoneId: 'FR',
      market: 'day_ahead',
      currency: 'EUR',
      timezone: 'Europe/Paris',
      hours: 24,
      periodHours: 24,
      // (10 x 276 - 50 x 24) / 24.
      mean: 65,
      // (Σ of hours 0-11 x 1 + Σ of hours 12-23 x 3) / 48 = (60 + 4500) / 48.
      volumeWeightedMean: { value: 95, weight: 'load_forecast', weightedIntervals: 24 },
      // 10 x the sample standard deviation of 0..23 (√50); every change is +10.
      volatility: { priceStd: 70.71, changeStd: 0 },
      min: { price: -50, hour: iso(FR_DAY) },
      max: { price: 180, hour: iso(FR_DAY + 23 * HOUR) },
      // Positions 0.05, 0.25, 0.5, 0.75, 0.95 x 23 in -50, -40, ..., 180.
      percentiles: { p5: -38.5, p25: 7.5, p50: 65, p75: 122.5, p95: 168.5 },
      // Peak: 08:00-20:00 on a Monday, 10h - 50 for h = 8..19; off-peak the other twelve.
      averages: { base: 65, peak: 85, offPeak: 45, peakHours: 12, offPeakHours: 12, peakDefinition: expect.stringContaining('08:00-20:00') as unknown },
      negativeHours: 5,
      computedAt: iso(clock.now().getTime()),
    });
    expect(figures.durationCurve).toHaveLength(24);
    expect(figures.durationCurve.slice(0, 2)).toEqual([
      { hours: 1, price: 180 },
      { hours: 2, price: 170 },
    ]);
    expect((await get(`${url}&points=2`)).json<MarketAnalytics>().durationCurve).toEqual([
      { hours: 1, price: 180 },
      { hours: 24, price: -50 },
    ]);
  });

  it('takes a quarter-hour market’s hour as the mean of its quarters, the finest resolution stored, and weights by traded volume where stored', async () => {
    const nl = (await get('/api/analytics/market-analytics?zone=NL&from=2026-06-15T10:00:00Z&to=2026-06-15T12:00:00Z')).json<MarketAnalytics>();
    // Hours of -10, 10, 20, 30 (12.50) and four times 40; the hourly index of 99 is not counted.
    expect(nl).toMatchObject({ hours: 2, mean: 26.25, min: { price: -10, hour: '2026-06-15T10:00:00.000Z' }, max: { price: 40 }, negativeHours: 0.25, volumeWeightedMean: { value: null, weight: null, weightedIntervals: 0 } });
    const dk = (await get(`/api/analytics/market-analytics?zone=DK_1&from=${iso(FR_DAY)}&to=${iso(FR_DAY + 2 * HOUR)}`)).json<MarketAnalytics>();
    // (100 x 1 + 40 x 3) / 4; by load it would have been (500 + 40) / 6.
    expect(dk.volumeWeightedMean).toEqual({ value: 55, weight: 'volume', weightedIntervals: 2 });
    const empty = (await get('/api/analytics/market-analytics?zone=ERCOT&from=2026-06-15T00:00:00Z&to=2026-06-16T00:00:00Z')).json<MarketAnalytics>();
    expect(empty).toMatchObject({ hours: 0, periodHours: 24, mean: null, min: null, percentiles: null, durationCurve: [], volatility: { priceStd: null, changeStd: null } });
  });

  it('correlates zones in levels and changes, finds the lag at which one follows another, and measures spreads in one currency only', async () => {
    const analysis = (await get('/api/analytics/cross-market-analysis?zones=BE,PL,PJM&from=2026-06-16T00:00:00Z&to=2026-06-16T07:00:00Z')).json<CrossMarketAnalysis>();
    expect(analysis).toMatchObject({ zones: ['BE', 'PL', 'PJM'], market: 'day_ahead', hours: [6, 6, 6] });
    // PJM at lag 0 pairs BE's hours 1-5 with BE's 0-4: Sxy 300, Sxx = Syy = 1000.
    expect(analysis.correlation.levels.pearson).toEqual([
      [1, 1, 0.3],
      [1, 1, 0.3],
      [0.3, 0.3, 1],
    ]);
    expect(analysis.correlation.levels.spearman[0]?.[1]).toBe(1);
    expect(analysis.correlation.changes.pearson[0]?.[1]).toBe(1);
    const [bePl, bePjm] = analysis.pairs;
    // BE - PL = -BE - 10: -20, -40, -30, -60, -50, -70; its spread is BE's (squares 1750 / 5).
    expect(bePl).toMatchObject({ a: 'BE', b: 'PL', commonHours: 6, spread: { mean: -45, std: 18.71, min: -70, max: -20, shareAAboveB: 0 }, spreadUnavailable: null });
    expect(bePjm).toMatchObject({ a: 'BE', b: 'PJM', commonHours: 5, spread: null, spreadUnavailable: 'BE prices in EUR, PJM in USD' });
    expect(bePjm?.lagged.lags).toHaveLength(49);
    expect(bePjm?.lagged.levels[24 + 1]).toBe(1);
    expect(bePjm?.lagged.strongest.levels).toEqual({ lag: 1, r: 1 });
    expect(bePjm?.lagged.strongest.changes).toEqual({ lag: 1, r: 1 });
    // Lag -1 pairs BE 20, 50, 40, 60 with 10, 30, 20, 50: 825 / 875.
    expect(bePjm?.lagged.levels[24 - 1]).toBeCloseTo(0.9429, 4);
  });

  it('reports a spike against the seasonal baseline and the hours never published, and no gap for hours still to come', async () => {
    const end = SE_START + 4 * 168 * HOUR;
    const report = (await get(`/api/analytics/anomaly-detection?zone=SE_3&from=${iso(SE_START)}&to=${iso(end)}`)).json<AnomalyReport>();
    expect(report).toMatchObject({ zoneId: 'SE_3', currency: 'EUR', hours: 666, expectedHours: 672, counts: { spike: 1, drop: 0, stale: 0, gap: 1 }, truncated: false });
    expect(report.anomalies.map(({ kind, time, hours, value }) => ({ kind, time, hours, value }))).toEqual([
      { kind: 'spike', time: iso(SE_START + 300 * HOUR), hours: 1, value: (seasonal(300) + 5000) / 100 },
      { kind: 'gap', time: iso(SE_START + 500 * HOUR), hours: 6, value: null },
    ]);
    expect(report.anomalies[0]?.score).toBeGreaterThan(20);
    expect(Math.abs((report.anomalies[0]?.expected ?? 0) - seasonal(300) / 100)).toBeLessThanOrEqual(1);

    // Up to midnight after now (12:00 UTC): the prices stop at `end`, and only the hours up to now are missing.
    const longer = (await get(`/api/analytics/anomaly-detection?zone=SE_3&from=${iso(SE_START)}&to=2026-06-21T00:00:00Z&threshold=30`)).json<AnomalyReport>();
    expect(longer.expectedHours).toBe((Date.parse(NOW) - SE_START) / HOUR);
    expect(longer.anomalies.map(({ kind, time, hours }) => ({ kind, time, hours }))).toEqual([
      { kind: 'gap', time: iso(SE_START + 500 * HOUR), hours: 6 },
      { kind: 'gap', time: iso(end), hours: (Date.parse(NOW) - end) / HOUR },
    ]);
  });

  it('serves an answer from the cache until it expires, then computes it again; expired entries are swept', async () => {
    await signIn();
    const closed = `/api/analytics/market-analytics?zone=FR&from=${iso(FR_DAY)}&to=${iso(FR_DAY + 12 * HOUR)}`;
    const first = (await get(closed)).json<MarketAnalytics>();
    const computedAt = clock.now().getTime();
    // A period that ended over an hour ago: six hours.
    expect([first.computedAt, first.expiresAt, first.mean]).toEqual([iso(computedAt), iso(computedAt + 6 * HOUR), 5]);
    const open = (await get(`/api/analytics/market-analytics?zone=FR&from=${iso(FR_DAY)}&to=2026-06-21T00:00:00Z`)).json<MarketAnalytics>();
    expect(open.expiresAt).toBe(iso(computedAt + 5 * 60_000));

    // A corrected price: not seen while the answer is fresh.
    await engine.store.marketData.insertIntervals([interval('FR', FR_DAY, frPrice(0) + 24_000)]);
    clock.advance(6 * HOUR - 1);
    await signIn();
    expect((await get(closed)).json<MarketAnalytics>()).toEqual(first);
    clock.advance(1);
    await signIn();
    const again = (await get(closed)).json<MarketAnalytics>();
    // The first hour is now 190 instead of -50: the mean of the twelve rises by 20.
    expect([again.computedAt, again.mean, again.min]).toEqual([iso(computedAt + 6 * HOUR), 25, { price: -40, hour: iso(FR_DAY + HOUR) }]);
    expect((await cacheRows()).filter((row) => row.expired)).toEqual([]);
  });

  it('serves every kind of answer from the cache when asked again', async () => {
    await signIn();
    const urls = [
      `/api/analytics/anomaly-detection?zone=SE_3&from=${iso(SE_START)}&to=${iso(SE_START + 7 * 24 * HOUR)}`,
      '/api/analytics/cross-market-analysis?zones=BE,PL&from=2026-06-16T00:00:00Z&to=2026-06-16T07:00:00Z',
      `/api/analytics/market-analytics?zone=FR&from=${iso(FR_DAY)}&to=${iso(FR_DAY + 6 * HOUR)}`,
    ];
    const first = await Promise.all(urls.map(async (url) => (await get(url)).json<{ computedAt: string }>()));
    clock.advance(1000);
    const again = await Promise.all(urls.map(async (url) => (await get(url)).json<{ computedAt: string }>()));
    expect(again).toEqual(first);
    expect(new Set(again.map((answer) => answer.computedAt))).toEqual(new Set([iso(clock.now().getTime() - 1000)]));
  });

  it('refuses bad requests with the error envelope naming the field, and writes nothing', async () => {
    await signIn();
    const before = await cacheRows();
    const range = 'from=2026-06-15T00:00:00Z&to=2026-06-16T00:00:00Z';
    const cases: [string, number, string, string][] = [
      [`market-analytics?zone=ATLANTIS&${range}`, 400, 'ZONE_NOT_FOUND', 'query.zone'],
      [`market-analytics?zone=fr&${range}`, 400, 'VALIDATION_FAILED', 'query.zone'],
      ['market-analytics?zone=FR&from=yesterday&to=2026-06-16T00:00:00Z', 400, 'VALIDATION_FAILED', 'query.from'],
      ['market-analytics?zone=FR&from=2026-06-16T00:00:00Z&to=2026-06-16T00:00:00Z', 400, 'INVALID_RANGE', 'query.to'],
      ['market-analytics?zone=FR&from=2026-06-16T00:00:00Z&to=2026-06-15T00:00:00Z', 400, 'INVALID_RANGE', 'query.to'],
      ['market-analytics?zone=FR&from=2025-06-15T00:00:00Z&to=2026-06-17T00:00:00Z', 400, 'RANGE_TOO_LONG', 'query.to'],
      [`market-analytics?zone=FR&${range}&market=tick`, 400, 'VALIDATION_FAILED', 'query.market'],
      [`market-analytics?zone=FR&${range}&points=1`, 400, 'VALIDATION_FAILED', 'query.points'],
      [`anomaly-detection?zone=FR&${range}&threshold=1`, 400, 'VALIDATION_FAILED', 'query.threshold'],
      [`anomaly-detection?zone=NOPE&${range}`, 400, 'ZONE_NOT_FOUND', 'query.zone'],
      [`cross-market-analysis?zones=FR&${range}`, 400, 'VALIDATION_FAILED', 'query.zones'],
      [`cross-market-analysis?zones=FR,BE,FR&${range}`, 400, 'DUPLICATE_ZONE', 'query.zones'],
      [`cross-market-analysis?zones=FR,ATLANTIS&${range}`, 400, 'ZONE_NOT_FOUND', 'query.zones'],
      [`cross-market-analysis?zones=DE_LU,FR,NL,BE,DK_1,DK_2,NO_1,NO_2,SE_3,SE_4,PL&${range}`, 400, 'TOO_MANY_ZONES', 'query.zones'],
    ];
    for (const [path, status, code, field] of cases) {
      const response = await get(`/api/analytics/${path}`);
      const { error } = response.json<ErrorEnvelope>();
      expect([path, response.statusCode, error.code, Array.isArray(error.details) ? error.details[0]?.field : null]).toEqual([path, status, code, field]);
    }
    expect(await cacheRows()).toEqual(before);
    // 366 days (a leap year) is the longest period: allowed.
    expect((await get('/api/analytics/market-analytics?zone=FR&from=2025-06-15T00:00:00Z&to=2026-06-16T00:00:00Z')).statusCode).toBe(200);
  });

  it('answers any query string with an answer or the error envelope, never a fault, and writes nothing when it refuses', { timeout: 120_000 }, async () => {
    await signIn();
    const instant = fc.oneof(fc.constantFrom('2026-06-15T00:00:00Z', '2026-06-16T00:00:00+02:00', '2026-06-15', 'yesterday', '', '2026-02-30T00:00:00Z'), fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()));
    const zone = fc.constantFrom('FR', 'DE_LU', 'ATLANTIS', 'fr', '', 'FR,NL');
    const query = fc.record(
      {
        path: fc.constantFrom('market-analytics', 'anomaly-detection', 'cross-market-analysis'),
        zone,
        zones: fc.oneof(fc.array(zone, { maxLength: 12 }).map((list) => list.join(',')), fc.string({ maxLength: 20 })),
        from: instant,
        to: instant,
        market: fc.constantFrom('day_ahead', 'intraday', 'tick', 'futures'),
        points: fc.oneof(fc.integer({ min: -3, max: 3000 }).map(String), fc.string({ maxLength: 4 })),
        threshold: fc.oneof(fc.double({ min: -10, max: 100, noNaN: true }).map(String), fc.string({ maxLength: 4 })),
        extra: fc.string({ maxLength: 6 }),
      },
      { requiredKeys: ['path'] },
    );
    await fc.assert(
      fc.asyncProperty(query, async ({ path, ...params }) => {
        const before = await cacheRows();
        const response = await get(`/api/analytics/${path}?${new URLSearchParams(params).toString()}`);
        expect([200, 400]).toContain(response.statusCode);
        if (response.statusCode === 200) return;
        expect(response.json<ErrorEnvelope>().error).toMatchObject({ type: 'validation_error', code: expect.any(String) as unknown, message: expect.any(String) as unknown });
        expect(await cacheRows()).toEqual(before);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('still answers when the answer cannot be cached', async () => {
    await signIn();
    // The cache refuses every write (as a full disk or a read-only replica would); reads still work.
    const refuse =
      dialect === 'sqlite'
        ? ["CREATE TRIGGER refuse_cache BEFORE INSERT ON analytics_cache BEGIN SELECT RAISE(ABORT, 'cache refused'); END"]
        : [
            "CREATE FUNCTION refuse_cache() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'cache refused'; END $$",
            'CREATE TRIGGER refuse_cache BEFORE INSERT ON analytics_cache FOR EACH ROW EXECUTE FUNCTION refuse_cache()',
          ];
    for (const statement of refuse) await engine.store.sql.run(statement);
    const response = await get(`/api/analytics/market-analytics?zone=FR&from=${iso(FR_DAY)}&to=${iso(FR_DAY + 3 * HOUR)}`);
    expect([response.statusCode, response.json<MarketAnalytics>().hours]).toEqual([200, 3]);
  });
});
