import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects, type DialectFixture } from '../../../testing/dialects.js';
import { prepareStore } from '../open-stores.js';
import { loadZoneCatalogue } from '../zone-catalogue.js';
import type { StoredPrice } from './market-data-repository.js';

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
});
