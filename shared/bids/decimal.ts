/**
 * Exact arithmetic on the decimals a trader types. A price of 12.3 is the double
 * 12.300000000000000710..., so `12.3 % 0.1` and `137.3 - 12.3 > 125` give wrong answers; read
 * as "123 tenths" they cannot. Every value becomes an integer count of its decimal places
 * (in plain numbers while they stay safe integers, else BigInt, so nothing ever rounds) before
 * it is compared.
 */

/** Prices and volumes of the catalogue have at most 2 places; 9 leaves room for recent prices and thresholds. */
const MAX_PLACES = 9;

/** A decimal as a whole number of units of its last place: 12.35 is 1235 at 2 places. */
interface Decimal {
  units: number;
  places: number;
}

const POWERS = Array.from({ length: MAX_PLACES + 1 }, (_, places) => 10 ** places);

/**
 * How far a double may sit from the decimal it stands for, relative to its size: the nearest
 * double to a typed decimal is within half a unit in the last place, and scaling it by a power
 * of ten adds at most as much again, one epsilon in all. Relative, so 12.0000001 is no "12" (an
 * absolute tolerance would pass it at whole units, and the storage conversion, priceToMinor and
 * mwToKw, would then refuse a bid the rules had accepted).
 */
const NOISE = Number.EPSILON;

/** The decimal a value stands for; null when not finite or finer than MAX_PLACES places. */
function toDecimal(value: number): Decimal | null {
  for (const [places, power] of POWERS.entries()) {
    const scaled = value * power;
    if (!Number.isFinite(scaled)) return null;
    const units = Math.round(scaled);
    if (Math.abs(scaled - units) <= Math.abs(scaled) * NOISE) return { units, places };
  }
  return null;
}

/** The units of a decimal at more places, as a bigint: products and differences of these never round. */
const atPlaces = (decimal: Decimal, places: number): bigint => BigInt(decimal.units) * 10n ** BigInt(places - decimal.places);

/**
 * The same in a plain number when it is a safe integer (exact), else null. The common case: a
 * curve has up to 25,600 prices and volumes to check as the trader types, and BigInt is slow.
 */
function safeAtPlaces(decimal: Decimal, places: number): number | null {
  const units = decimal.units * (POWERS[places - decimal.places] ?? Number.NaN);
  return Number.isSafeInteger(units) ? units : null;
}

/** Whether `value` is a whole number of `step`s (12.3 on a 0.1 tick is, 12.35 is not). A non-finite value is on no step. */
export function onStep(value: number, step: number): boolean {
  const exact = toDecimal(value);
  const size = toDecimal(step);
  if (!exact || !size || size.units === 0) return false;
  const places = Math.max(exact.places, size.places);
  const [units, stepUnits] = [safeAtPlaces(exact, places), safeAtPlaces(size, places)];
  if (units !== null && stepUnits !== null) return units % stepUnits === 0;
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
  const [xUnits, yUnits, dUnits] = [safeAtPlaces(x, places), safeAtPlaces(y, places), safeAtPlaces(d, places)];
  if (xUnits !== null && yUnits !== null && dUnits !== null && Number.isSafeInteger(xUnits - yUnits)) return Math.abs(xUnits - yUnits) > dUnits;
  const gap = atPlaces(x, places) - atPlaces(y, places);
  return (gap < 0n ? -gap : gap) > atPlaces(d, places);
}

/** |value| > share x whole, exactly (see isFurtherThan for values finer than MAX_PLACES places). */
export function exceedsShare(value: number, share: number, whole: number): boolean {
  const [v, s, w] = [toDecimal(Math.abs(value)), toDecimal(share), toDecimal(whole)];
  if (!v || !s || !w) return Math.abs(value) > share * whole;
  const places = Math.max(v.places, s.places + w.places);
  const product = BigInt(s.units) * BigInt(w.units) * 10n ** BigInt(places - s.places - w.places);
  return atPlaces(v, places) > product;
}
