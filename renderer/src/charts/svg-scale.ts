/** Small helpers for the hand-drawn SVG charts (duration curve, forecast fan): scales and round tick values. */

/** Maps [d0, d1] onto [r0, r1] linearly; a domain of one value maps to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * An axis for values from `min` to `max`: the range padded by a twentieth each side (a line
 * never runs along the frame), and about `count` round tick values inside it, in steps of 1, 2
 * or 5 times a power of ten.
 */
export function niceAxis(min: number, max: number, count = 5): { ticks: number[]; min: number; max: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [], min: 0, max: 1 };
  const [low, high] = min === max ? [min - 1, max + 1] : [min, max];
  const pad = (high - low) / 20;
  const [from, to] = [low - pad, high + pad];
  const rough = (to - from) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  // Rounded to the step's own decimals, so 0.1 + 0.2 never labels as 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: number[] = [];
  for (let value = Math.ceil(from / step) * step; value <= to; value += step) ticks.push(Number(value.toFixed(decimals)));
  return { ticks, min: from, max: to };
}
