/**
 * The two inner loops of LEAR's solvers, unrolled by four: V8 does not vectorise typed-array
 * loops, and unrolled they run about 1.6 times as fast (measured on the coordinate-descent sweeps
 * of a 1456 day calibration), which is most of a benchmark run's time.
 */

/** target[targetAt + i] += scale · source[sourceAt + i], for i < length. */
export function axpy(scale: number, source: Float64Array, sourceAt: number, target: Float64Array, targetAt: number, length: number): void {
  const whole = length - (length % 4);
  let i = 0;
  for (; i < whole; i += 4) {
    target[targetAt + i]! += scale * source[sourceAt + i]!;
    target[targetAt + i + 1]! += scale * source[sourceAt + i + 1]!;
    target[targetAt + i + 2]! += scale * source[sourceAt + i + 2]!;
    target[targetAt + i + 3]! += scale * source[sourceAt + i + 3]!;
  }
  for (; i < length; i++) target[targetAt + i]! += scale * source[sourceAt + i]!;
}

/** Σ a[aAt + i] · b[bAt + i] for i < length (four partial sums, so the additions do not wait on each other). */
export function dot(a: Float64Array, aAt: number, b: Float64Array, bAt: number, length: number): number {
  const whole = length - (length % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i < whole; i += 4) {
    s0 += a[aAt + i]! * b[bAt + i]!;
    s1 += a[aAt + i + 1]! * b[bAt + i + 1]!;
    s2 += a[aAt + i + 2]! * b[bAt + i + 2]!;
    s3 += a[aAt + i + 3]! * b[bAt + i + 3]!;
  }
  for (; i < length; i++) s0 += a[aAt + i]! * b[bAt + i]!;
  return s0 + s1 + s2 + s3;
}
