/** Median, minimum and maximum of a list of timings. */
export function summary(times) {
  const sorted = times.toSorted((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

const ms = (value) => Math.round(value).toString();

/** One line of a bench's report: "  label   median N ms  (min N, max N)". */
export const row = (label, { median, min, max }, width = 18) => `  ${label.padEnd(width)} median ${ms(median)} ms  (min ${ms(min)}, max ${ms(max)})`;
