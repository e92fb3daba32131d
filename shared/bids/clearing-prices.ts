import { priceToMinor } from '../units.js';

/** A delivery day's clearing prices by period (1-based), in minor units per MWh. */
export type PricesMinor = ReadonlyMap<number, number>;

/**
 * The clearing prices of `periods` in minor units, or null when one of them has none yet.
 * Throws RangeError for a price off the cent (published prices are to the cent).
 */
export function pricesInMinor(periods: readonly number[], prices: ReadonlyMap<number, number>): PricesMinor | null {
  const pricesMinor = new Map<number, number>();
  for (const period of periods) {
    const price = prices.get(period);
    if (price === undefined) return null;
    pricesMinor.set(period, priceToMinor(price));
  }
  return pricesMinor;
}

/** The price of a period that must have one (the caller took the prices from pricesInMinor). */
export function priceAt(pricesMinor: PricesMinor, period: number): number {
  const price = pricesMinor.get(period);
  if (price === undefined) throw new RangeError(`no clearing price for period ${period}`);
  return price;
}
