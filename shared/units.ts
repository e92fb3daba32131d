/**
 * Exact units. Prices travel the API as decimals of the zone currency per MWh and volumes as
 * MW, but are stored and compared as integers (minor units, kW) so that no binary-float
 * rounding ever reaches a bid or an invoice. A value finer than the integer unit is refused,
 * never silently rounded.
 */
export const MINOR_PER_UNIT = 100;
export const KW_PER_MW = 1000;

// Decimal inputs such as 4000.1 are not exact binary floats (x100 gives 400010.00000000006):
// anything within this distance of an integer is that integer; anything further is off-grid.
const FLOAT_NOISE = 1e-6;

function toInteger(value: number, factor: number, what: string): number {
  const scaled = value * factor;
  const integer = Math.round(scaled);
  if (!Number.isFinite(scaled) || Math.abs(scaled - integer) > FLOAT_NOISE) {
    throw new RangeError(`${value} is not a whole number of ${what}`);
  }
  return integer;
}

/** Decimal price (e.g. -500, 4000, 12.34) to integer minor units (cents); 12.345 is refused. */
export const priceToMinor = (price: number): number => toInteger(price, MINOR_PER_UNIT, 'cents');
export const minorToPrice = (minor: number): number => minor / MINOR_PER_UNIT;

/** Power in MW (e.g. 0.1) to integer kW; 0.0004 MW is refused. */
export const mwToKw = (mw: number): number => toInteger(mw, KW_PER_MW, 'kW');
export const kwToMw = (kw: number): number => kw / KW_PER_MW;

export const BASIS_POINTS_PER_UNIT = 10_000;

/** A fraction (e.g. a minimum acceptance ratio of 0.25) to integer basis points; 0.00005 is refused. */
export const fractionToBasisPoints = (fraction: number): number => toInteger(fraction, BASIS_POINTS_PER_UNIT, 'basis points');
export const basisPointsToFraction = (bp: number): number => bp / BASIS_POINTS_PER_UNIT;
