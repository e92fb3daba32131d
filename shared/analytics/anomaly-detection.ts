import { seasonalBaseline } from './seasonal-baseline.js';
import { robustScores } from './robust-scores.js';

/**
 * Anomalies of an hourly price series: spikes and drops against its seasonal baseline, prices
 * that stopped moving (stale), and hours with no price at all (gaps).
 */

export type AnomalyKind = 'spike' | 'drop' | 'stale' | 'gap';

export interface HourlyAnomaly {
  kind: AnomalyKind;
  /** Index of the first hour concerned. */
  hour: number;
  /** How many hours: 1 for a spike or a drop, the run's length for stale prices and gaps. */
  hours: number;
  /** The price (the repeated one for stale prices); null for a gap. */
  value: number | null;
  /** The baseline's price for that (first) hour; null where it has none. */
  expected: number | null;
  /** Spike or drop: the robust z-score; stale or gap: the hours it lasts. */
  score: number;
}

export interface AnomalyOptions {
  /** |robust z| at or above which an hour is a spike (positive) or a drop (negative). */
  threshold: number;
  /**
   * The least spread a residual is scored against, in the prices' units: where prices sit flat for
   * days (hydro zones), the measured spread is near zero and any move of a few cents would score
   * as extreme.
   */
  minimumScale: number;
  /** A price repeated for this many hours or more, unchanged to the last digit, is stale. */
  staleHours: number;
  /** Hours from the start that should have a price (those before now): a missing one among them is a gap. */
  expectedHours: number;
  timeZone: string;
}

const finiteOrNull = (value: number | undefined): number | null => (value !== undefined && Number.isFinite(value) ? value : null);

/** Maximal runs [start, end) of consecutive indexes where `belongs(t, start)` holds. */
function runs(length: number, belongs: (t: number, runStart: number) => boolean): [number, number][] {
  const found: [number, number][] = [];
  let t = 0;
  while (t < length) {
    if (!belongs(t, t)) {
      t += 1;
      continue;
    }
    const start = t;
    while (t + 1 < length && belongs(t + 1, start)) t += 1;
    found.push([start, t + 1]);
    t += 1;
  }
  return found;
}

/** Every anomaly of the series (hour t starts at start + t hours, UTC), in time order. */
export function detectAnomalies(values: Float64Array, start: number, options: AnomalyOptions): HourlyAnomaly[] {
  const expected = seasonalBaseline(values, start, options.timeZone);
  const scores = robustScores(values.map((value, t) => value - (expected[t] ?? Number.NaN)), options.minimumScale);
  const anomalies: HourlyAnomaly[] = [];

  scores.forEach((score, t) => {
    if (!(Math.abs(score) >= options.threshold)) return;
    anomalies.push({ kind: score > 0 ? 'spike' : 'drop', hour: t, hours: 1, value: finiteOrNull(values[t]), expected: finiteOrNull(expected[t]), score });
  });

  const present = (t: number): boolean => Number.isFinite(values[t] ?? Number.NaN);
  for (const [first, end] of runs(values.length, (t, runStart) => present(t) && values[t] === values[runStart])) {
    if (end - first < options.staleHours) continue;
    anomalies.push({ kind: 'stale', hour: first, hours: end - first, value: finiteOrNull(values[first]), expected: finiteOrNull(expected[first]), score: end - first });
  }

  for (const [first, end] of runs(Math.min(values.length, options.expectedHours), (t) => !present(t))) {
    anomalies.push({ kind: 'gap', hour: first, hours: end - first, value: null, expected: finiteOrNull(expected[first]), score: end - first });
  }

  return anomalies.sort((a, b) => a.hour - b.hour);
}
