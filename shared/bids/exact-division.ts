/**
 * Integer division rounded half away from zero, exactly. Interpolated volumes and market values
 * are rationals of integer units (kW, minor units); they are rounded here once, at the end, so
 * no binary-float step ever decides a kW or a cent. BigInt because products such as
 * kW x minutes x cents over a day pass 2^53.
 */
export function divideRoundingHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const magnitude = (2n * abs(numerator) + abs(denominator)) / (2n * abs(denominator));
  return numerator < 0n !== denominator < 0n ? -magnitude : magnitude;
}

const abs = (value: bigint): bigint => (value < 0n ? -value : value);
