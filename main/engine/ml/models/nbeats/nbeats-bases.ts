import { HOURS_PER_DAY } from '../../daily-series.js';

/**
 * The fixed bases of interpretable N-BEATS (Oreshkin et al. 2020, section 3.3), evaluated on one
 * time axis shared by backcast and forecast: hour τ relative to the target day's midnight,
 * negative over the lookback. A block's backcast and forecast are then the same kind of curve on
 * either side of midnight, which is what makes the stacks' outputs readable as trend and daily shape.
 */

export interface Basis {
  /** Rows: basis functions; columns: hours. */
  rows: number;
  backcast: Float32Array;
  forecast: Float32Array;
}

function evaluate(rows: number, lookbackHours: number, value: (row: number, hour: number) => number): Basis {
  const backcast = new Float32Array(rows * lookbackHours);
  const forecast = new Float32Array(rows * HOURS_PER_DAY);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < lookbackHours; k++) backcast[r * lookbackHours + k] = value(r, k - lookbackHours);
    for (let h = 0; h < HOURS_PER_DAY; h++) forecast[r * HOURS_PER_DAY + h] = value(r, h);
  }
  return { rows, backcast, forecast };
}

/** Polynomial trend t^0 … t^degree, t = τ / lookback hours (−1 at the lookback's start, 0 at midnight). */
export const trendBasis = (degree: number, lookbackHours: number): Basis => evaluate(degree + 1, lookbackHours, (row, hour) => (hour / lookbackHours) ** row);

/** A constant then cos and sin of each harmonic j = 1 … harmonics of the 24-hour day. */
export const seasonalityBasis = (harmonics: number, lookbackHours: number): Basis =>
  evaluate(2 * harmonics + 1, lookbackHours, (row, hour) => {
    if (row === 0) return 1;
    const j = Math.ceil(row / 2);
    const angle = (2 * Math.PI * j * hour) / HOURS_PER_DAY;
    return row % 2 === 1 ? Math.cos(angle) : Math.sin(angle);
  });
