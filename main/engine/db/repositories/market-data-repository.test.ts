import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects, type DialectFixture } from '../../../testing/dialects.js';
import { prepareStore } from '../open-stores.js';
import { loadZoneCatalogue } from '../zone-catalogue.js';
import type { IntervalPrice, StoredPrice } from './market-data-repository.js';

const T0 = Date.parse('2026-11-26T09:00:00Z');
const tick = (zoneId: string, secondsAfter: number, priceMinor: number): StoredPrice => ({
  zoneId,
  market: 'tick',
  resolutionMinutes: 0,
  intervalStart: new Date(T0 + secondsAfter * 1000),
  priceMinor,
  source: 'simulator',
  receivedAt: new Date(T0 + secondsAfter * 1000 + 5),
});

describe.each(dialects)('market data on $dialect', ({ open }) => {
  let db: DialectFixture;
  beforeEach(async () => {
    db = await open();
    await prepareStore(db.store, loadZoneCatalogue());
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('writes a batch larger than one statement, replaces a price received again, and reads the latest per zone', async () => {
    const batch = Array.from({ length: 1200 }, (_, i) => tick(i % 2 === 0 ? 'DE_LU' : 'FR', i, 8000 + i));
    expect(await db.store.marketData.insertMany(batch)).toBe(1200);
    expect(await db.store.marketData.insertMany([tick('FR', 1199, -1234)])).toBe(1);
    expect(Number((await db.raw('SELECT count(*) AS n FROM market_data'))[0]?.n)).toBe(1200);

    const latest = await db.store.marketData.latest('tick');
    expect(latest.map((price) => [price.zoneId, price.priceMinor, price.intervalStart.toISOString()])).toEqual([
      ['DE_LU', 8000 + 1198, new Date(T0 + 1198_000).toISOString()],
      ['FR', -1234, new Date(T0 + 1199_000).toISOString()],
    ]);
    expect((await db.store.marketData.latest('tick', ['FR'])).map((price) => price.zoneId)).toEqual(['FR']);
    expect(await db.store.marketData.latest('day_ahead')).toEqual([]);
  });

  it('writes a batch all or nothing: a price of an unknown zone fails it, and nothing of it is kept', async () => {
    const batch = [...Array.from({ length: 600 }, (_, i) => tick('NL', i, 9000)), tick('ATLANTIS', 601, 1)];
    await expect(db.store.marketData.insertMany(batch)).rejects.toThrow();
    expect(Number((await db.raw('SELECT count(*) AS n FROM market_data'))[0]?.n)).toBe(0);
  });

  it('deletes raw ticks older than a cutoff in bounded statements, and keeps newer ticks and interval prices', async () => {
    const old = Array.from({ length: 250 }, (_, i) => tick('DE_LU', -86_400 * 10 + i, 1000));
    const recent = Array.from({ length: 5 }, (_, i) => tick('DE_LU', i, 2000));
    const dayAhead: StoredPrice = { ...tick('DE_LU', -86_400 * 30, 3000), market: 'day_ahead', resolutionMinutes: 60 };
    await db.store.marketData.insertMany([...old, ...recent, dayAhead]);
    expect(await db.store.marketData.deleteTicksBefore(new Date(T0 - 86_400_000), 100)).toBe(250);
    const left = await db.raw('SELECT market, count(*) AS n FROM market_data GROUP BY market ORDER BY market');
    expect(left.map((row) => [row.market, Number(row.n)])).toEqual([
      ['day_ahead', 1],
      ['tick', 5],
    ]);
    expect(await db.store.marketData.deleteTicksBefore(new Date(T0 - 86_400_000))).toBe(0);
  });

  it('writes interval prices with their fundamentals; a price received again replaces the price and keeps them', async () => {
    const hour = (zoneId: string, hours: number, priceMinor: number): IntervalPrice => ({
      ...tick(zoneId, hours * 3600, priceMinor),
      market: 'day_ahead',
      resolutionMinutes: 60,
      source: 'import',
      fundamentals: { loadForecastKw: 41_000_000, loadActualKw: null, generationKw: 5, solarForecastKw: 0, windOnshoreForecastKw: null, windOffshoreForecastKw: 7 },
    });
    const progress: number[] = [];
    expect(await db.store.marketData.insertIntervals([hour('DE_LU', 0, 100), hour('DE_LU', 1, 200), hour('FR', 1, 300)], (written) => progress.push(written))).toBe(3);
    expect(progress).toEqual([3]);
    await db.store.marketData.insertMany([{ ...hour('DE_LU', 1, 250), source: 'feed' }]);
    const [row] = await db.raw("SELECT price_minor, source, load_forecast_kw, generation_kw, solar_forecast_kw, wind_offshore_forecast_kw FROM market_data WHERE zone_id = 'DE_LU' AND interval_start = ?", [db.store.dialect === 'sqlite' ? T0 + 3_600_000 : new Date(T0 + 3_600_000)]);
    expect(Object.values(row ?? {}).map((value) => (value === null || typeof value === 'string' ? value : Number(value)))).toEqual([250, 'feed', 41_000_000, 5, 0, 7]);
  });

  it('reads the stored span per zone, and a market in pages in time order after a cursor, leaving out intervals without a price', async () => {
    const dayAhead = (zoneId: string, hours: number, priceMinor: number): StoredPrice => ({ ...tick(zoneId, hours * 3600, priceMinor), market: 'day_ahead', resolutionMinutes: 60 });
    await db.store.marketData.insertMany([dayAhead('FR', 0, 1), dayAhead('DE_LU', 0, 2), dayAhead('DE_LU', 1, 3), dayAhead('FR', 2, 4), dayAhead('PL', 1, 5), tick('NL', 0, 6)]);
    await db.raw("UPDATE market_data SET price_minor = NULL WHERE zone_id = 'FR' AND interval_start = ?", [db.store.dialect === 'sqlite' ? T0 + 7_200_000 : new Date(T0 + 7_200_000)]);
    const hourOf = (at: Date): number => (at.getTime() - T0) / 3_600_000;
    expect((await db.store.marketData.ranges('day_ahead')).map((range) => [range.zoneId, hourOf(range.first), hourOf(range.last)])).toEqual([
      ['DE_LU', 0, 1],
      ['FR', 0, 2],
      ['PL', 1, 1],
    ]);
    const first = await db.store.marketData.pageAfter('day_ahead', ['FR', 'DE_LU'], { intervalStart: new Date(T0), zoneId: '', resolutionMinutes: -1 }, 2);
    expect(first.map((price) => [price.zoneId, hourOf(price.intervalStart), price.priceMinor])).toEqual([
      ['DE_LU', 0, 2],
      ['FR', 0, 1],
    ]);
    const last = first.at(-1)!;
    const rest = await db.store.marketData.pageAfter('day_ahead', ['FR', 'DE_LU'], { intervalStart: last.intervalStart, zoneId: last.zoneId, resolutionMinutes: last.resolutionMinutes }, 2);
    expect(rest.map((price) => [price.zoneId, hourOf(price.intervalStart), price.priceMinor])).toEqual([['DE_LU', 1, 3]]);
  });
});
