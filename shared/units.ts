/**
 * Exact units. Prices travel the API as decimals of the zone currency per MWh and volumes as
 * MW, but are stored and compared as integers (minor units, kW) so that no binary-float
 * rounding ever reaches a bid or an invoice.
 */
export const MINOR_PER_UNIT = 100;
export const KW_PER_MW = 1000;

/** Decimal price (e.g. -500, 4000, 12.34) to integer minor units (cents). */
export const priceToMinor = (price: number): number => Math.round(price * MINOR_PER_UNIT);
export const minorToPrice = (minor: number): number => minor / MINOR_PER_UNIT;

/** Power in MW (e.g. 0.1) to integer kW. */
export const mwToKw = (mw: number): number => Math.round(mw * KW_PER_MW);
export const kwToMw = (kw: number): number => kw / KW_PER_MW;
