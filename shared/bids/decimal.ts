/**
 * Exact arithmetic on the decimals a trader types. A price of 12.3 is the double
 * 12.300000000000000710..., so `12.3 % 0.1` and `137.3 - 12.3 > 125` give wrong answers; read
 * as "123 tenths" they cannot. Every value becomes an integer count of its decimal places
 * (BigInt, so products and differences never round) before it is compared.
 */

/** Prices and volumes of the catalogue have at most 2 places; 9 leaves room for recent prices and thresholds. */
const MAX_PLACES = 9;

interface Decimal {
  units: bigint;
  places: number;
}

/**
 * How far a double may sit from the decimal it stands for, relative to its size: the nearest
 * double to a typed decimal is within half a unit in the last place, and scaling it by a power
 * of ten adds at most as much again, one epsilon in all. Relative, so 12.0000001 is no "12" (an
 * absolute tolerance would pass it at whole units, and the storage conversion, priceToMinor and
 * mwToKw, would then refuse a bid the rules had accepted).
 */
const NOISE = Number.EPSILON;

/** 12.35 as 1235n at 2 places; null when not finite or finer than MAX_PLACES places. */
function toDecimal(value: number): Decimal | null {
  for (let places = 0; places <= MAX_PLACES; places += 1) {
    const scaled = value * 10 ** places;
    if (!Number.isFinite(scaled)) return null;
    const units = Math.round(scaled);
    if (Math.abs(scaled - units) <= Math.abs(scaled) * NOISE) return { units: BigInt(units), places };
  }
  return null;
}

const atPlaces = (decimal: Decimal, places: number): bigint => decimal.units * 10n ** BigInt(places - decimal.places);

/** Whether `value` is a whole number of `step`s (12.3 on a 0.1 tick is, 12.35 is not). A non-finite value is on no step. */
export function onStep(value: number, step: number): boolean {
  const exact = toDecimal(value);
  const size = toDecimal(step);
  if (!exact || !size || size.units === 0n) return false;
  const places = Math.max(exact.places, size.places);
  return atPlaces(exact, places) % atPlaces(size, places) === 0n;
}

/**
 * |a - b| > distance. Exact for decimals of up to MAX_PLACES places; a value finer than that
 * (a recent price computed as an average, say) is compared as a double, where an error of one
 * part in 10^15 no longer decides anything.
 */
export function isFurtherThan(a: number, b: number, distance: number): boolean {
  const [x, y, d] = [toDecimal(a), toDecimal(b), toDecimal(distance)];
  if (!x || !y || !d) return Math.abs(a - b) > distance;
  const places = Math.max(x.places, y.places, d.places);
  const gap = atPlaces(x, places) - atPlaces(y, places);
  return (gap < 0n ? -gap : gap) > atPlaces(d, places);
}

/** |value| > share x whole, exactly (see isFurtherThan for values finer than MAX_PLACES places). */
export function exceedsShare(value: number, share: number, whole: number): boolean {
  const [v, s, w] = [toDecimal(Math.abs(value)), toDecimal(share), toDecimal(whole)];
  if (!v || !s || !w) return Math.abs(value) > share * whole;
  const product: Decimal = { units: s.units * w.units, places: s.places + w.places };
  const places = Math.max(v.places, product.places);
  return atPlaces(v, places) > atPlaces(product, places);
}
