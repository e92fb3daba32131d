import type { IntervalPrice } from '../../db/repositories/market-data-repository.js';
import type { Store } from '../../db/store.js';
import type { PriceFile } from './read-price-file.js';

/**
 * Writes a checked price file as its zone's hourly day-ahead prices (source `import`), all in
 * one transaction: a failure leaves market_data as it was, and importing the file again
 * replaces the same rows. Then the cached analytics computed from prices are forgotten, so the
 * next request computes them from the imported ones rather than serving the old for hours.
 * Resolves with how many were written.
 */
export async function storePriceFile(store: Store, file: PriceFile, receivedAt: Date, onProgress?: (written: number) => void): Promise<number> {
  const prices = file.intervals.map(
    (interval): IntervalPrice => ({
      zoneId: file.zone.id,
      market: 'day_ahead',
      resolutionMinutes: 60,
      intervalStart: interval.intervalStart,
      priceMinor: interval.priceMinor,
      source: 'import',
      receivedAt,
      fundamentals: interval.fundamentals,
    }),
  );
  const written = await store.marketData.insertIntervals(prices, onProgress);
  await store.analyticsCache.forgetPriceAnswers();
  return written;
}
