import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CandleGrid } from '../../../../shared/market/candle-grid.js';
import { dialects, type DialectFixture } from '../../../testing/dialects.js';
import { prepareStore } from '../open-stores.js';
import { loadZoneCatalogue } from '../zone-catalogue.js';
import type { MarketKind, StoredPrice } from './market-data-repository.js';
import type { StoredCandle } from './price-history-repository.js';

const at = (iso: string): Date => new Date(iso);
const price = (zoneId: string, market: MarketKind, resolutionMinutes: number, start: string, priceMinor: number): StoredPrice => ({
  zoneId,
  market,
  resolutionMinutes,
  intervalStart: at(start),
  priceMinor,
  source: 'simulator',
  receivedAt: at(start),
});
const tick = (start: string, priceMinor: number, zoneId = 'DE_LU'): StoredPrice => price(zoneId, 'tick', 0, start, priceMinor);
/** Bucket start, open, high, low, close, mean, count: easy to read against the prices above. */
const readable = (grid: CandleGrid, candles: StoredCandle[]): [string, number, number, number, number, number, number][] =>
  candles.map((c) => [new Date(grid.startOf(c.bucket)).toISOString(), c.openMinor, c.highMinor, c.lowMinor, c.closeMinor, c.meanMinor, c.count]);

describe.each(dialects)('price history on $dialect', ({ open }) => {
  let db: DialectFixture;
  beforeEach(async () => {
    db = await open();
    await prepareStore(db.store, loadZoneCatalogue());
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('aggregates ticks into UTC-aligned candles: open first and close last by time, empty buckets absent, other zones and markets apart', async () => {
    // Inserted out of time order: open and close must come from time, not from insertion.
    await db.store.marketData.insertMany([
      tick('2026-05-04T10:14:59.000Z', 9050),
      tick('2026-05-04T10:00:00.000Z', 9000),
      tick('2026-05-04T10:05:00.000Z', -1250),
      tick('2026-05-04T10:10:00.000Z', 12_000),
      tick('2026-05-04T10:15:00.000Z', 8800),
      tick('2026-05-04T10:59:59.999Z', 8700),
      // 11:00-11:15 has no price; 11:15 has one.
      tick('2026-05-04T11:20:00.000Z', 100),
      tick('2026-05-04T10:07:00.000Z', 99_999, 'FR'),
      price('DE_LU', 'day_ahead', 60, '2026-05-04T10:00:00.000Z', 7777),
      // Outside [from, to).
      tick('2026-05-04T09:59:59.999Z', 1),
      tick('2026-05-04T12:00:00.000Z', 2),
    ]);
    const from = at('2026-05-04T10:00:00Z');
    const to = at('2026-05-04T12:00:00Z');
    const quarter = new CandleGrid('Europe/Berlin', '15m', from.getTime(), to.getTime());
    expect(readable(quarter, await db.store.priceHistory.candles('DE_LU', 'tick', from, to, quarter))).toEqual([
      ['2026-05-04T10:00:00.000Z', 9000, 12_000, -1250, 9050, 7200, 4],
      ['2026-05-04T10:15:00.000Z', 8800, 8800, 8800, 8800, 8800, 1],
      ['2026-05-04T10:45:00.000Z', 8700, 8700, 8700, 8700, 8700, 1],
      ['2026-05-04T11:15:00.000Z', 100, 100, 100, 100, 100, 1],
    ]);
    const hour = new CandleGrid('Europe/Berlin', '1h', from.getTime(), to.getTime());
    expect(readable(hour, await db.store.priceHistory.candles('DE_LU', 'tick', from, to, hour))).toEqual([
      ['2026-05-04T10:00:00.000Z', 9000, 12_000, -1250, 8700, 46_300 / 6, 6],
      ['2026-05-04T11:00:00.000Z', 100, 100, 100, 100, 100, 1],
    ]);
    // A range starting mid-bucket: the bucket keeps its boundary, with only the prices in range.
    const midFrom = at('2026-05-04T10:06:00Z');
    const mid = new CandleGrid('Europe/Berlin', '15m', midFrom.getTime(), to.getTime());
    expect(readable(mid, await db.store.priceHistory.candles('DE_LU', 'tick', midFrom, to, mid))[0]).toEqual(['2026-05-04T10:00:00.000Z', 12_000, 12_000, 9050, 9050, 10_525, 2]);
    expect(await db.store.priceHistory.candles('NL', 'tick', from, to, quarter)).toEqual([]);
  });

  it('cuts daily candles at the zone’s midnight across both clock changes of a year', async () => {
    // One hourly day-ahead price per hour, the price the hour's number within its UTC day, from
    // 27 March to 27 October 2026 — two clock changes inside.
    const first = at('2026-03-27T00:00:00Z').getTime();
    const hours = (at('2026-10-27T00:00:00Z').getTime() - first) / 3_600_000;
    await db.store.marketData.insertMany(Array.from({ length: hours }, (_, i) => price('DE_LU', 'day_ahead', 60, new Date(first + i * 3_600_000).toISOString(), (i % 24) * 100)));
    const from = at('2026-03-28T23:00:00Z');
    const to = at('2026-10-25T23:00:00Z');
    const grid = new CandleGrid('Europe/Berlin', '1d', from.getTime(), to.getTime());
    const candles = readable(grid, await db.store.priceHistory.candles('DE_LU', 'day_ahead', from, to, grid));
    expect(candles).toHaveLength(211);
    // 29 March: 23 hours from 23:00Z (price 2300) to 21:00Z (price 2100).
    expect(candles[0]).toEqual(['2026-03-28T23:00:00.000Z', 2300, 2300, 0, 2100, 25_400 / 23, 23]);
    expect(candles[1]).toEqual(['2026-03-29T22:00:00.000Z', 2200, 2300, 0, 2100, 1150, 24]);
    // 25 October: 25 hours from 22:00Z on the 24th to 22:00Z on the 25th.
    expect(candles.at(-1)).toEqual(['2026-10-24T22:00:00.000Z', 2200, 2300, 0, 2200, 1192, 25]);
  });

  it('reads the interval prices of a range, by resolution then time', async () => {
    await db.store.marketData.insertMany([
      price('FR', 'day_ahead', 15, '2026-05-04T22:15:00.000Z', 5025),
      price('FR', 'day_ahead', 60, '2026-05-04T22:00:00.000Z', 5000),
      price('FR', 'day_ahead', 15, '2026-05-04T22:00:00.000Z', 4975),
      price('FR', 'intraday', 15, '2026-05-04T22:00:00.000Z', 1),
      price('FR', 'day_ahead', 15, '2026-05-05T22:00:00.000Z', 2),
    ]);
    const read = await db.store.priceHistory.intervals('FR', 'day_ahead', at('2026-05-04T22:00:00Z'), at('2026-05-05T22:00:00Z'));
    expect(read.map((p) => [p.intervalStart.toISOString(), p.resolutionMinutes, p.priceMinor])).toEqual([
      ['2026-05-04T22:00:00.000Z', 15, 4975],
      ['2026-05-04T22:15:00.000Z', 15, 5025],
      ['2026-05-04T22:00:00.000Z', 60, 5000],
    ]);
  });
});
