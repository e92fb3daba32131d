/** Small helpers for the hand-drawn SVG charts (duration curve, forecast fan): scales and round tick values. */

/** Maps [d0, d1] onto [r0, r1] linearly; a domain of one value maps to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * About `count` round values covering [min, max] (steps of 1, 2 or 5 times a power of ten), and
 * the range widened to the outer ones, so the axis starts and ends on a labelled line.
 */
export function niceTicks(min: number, max: number, count = 5): { ticks: number[]; min: number; max: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [], min: 0, max: 1 };
  const [low, high] = min === max ? [min - 1, max + 1] : [min, max];
  const rough = (high - low) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const first = Math.floor(low / step) * step;
  const last = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's own decimals, so 0.1 + 0.2 never labels as 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  for (let value = first; value <= last + step / 2; value += step) ticks.push(Number(value.toFixed(decimals)));
  return { ticks, min: first, max: last };
}
