import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { Type, type Static } from '@sinclair/typebox';
import { standardNormalCdf } from '../evaluation/normal-distribution.js';

/**
 * N-PIT, the normal probability integral transform (Uniejewski, Weron and Ziel 2018, "Variance
 * stabilizing transformations for electricity spot price forecasting", IEEE Transactions on
 * Power Systems 33(2)): each column is mapped through the calibration window's own empirical
 * distribution and then the standard normal quantile, z = Φ⁻¹(F(x)). Whatever the window's
 * spikes or level shifts, each scaled column is as close to standard normal as its values allow,
 * where asinh-median scaling leaves a window that straddles a change of level skewed; a forecast
 * maps back through F⁻¹(Φ(z)), so it stays inside the range of values the window saw.
 *
 * F is the mid-rank empirical distribution: a value found at sorted positions a..b of n has
 * F = ((a + b) / 2 + 1/2) / n (never 0 or 1, so Φ⁻¹ stays finite), linear between consecutive
 * distinct values and constant beyond the smallest and the largest. It is continuous and
 * increasing on the window's range, so the inverse is its exact inverse there.
 */

/** One column's distinct values, ascending, how often the window had each, and F at each. */
export interface NpitColumn {
  readonly values: Float64Array;
  readonly counts: Uint32Array;
  readonly positions: Float64Array;
}

export interface NpitScaler {
  readonly columns: readonly NpitColumn[];
}

/** A column from its distinct values and their counts (what a model file keeps): F follows from them. */
function npitColumn(values: Float64Array, counts: Uint32Array): NpitColumn {
  const n = counts.reduce((sum, count) => sum + count, 0);
  const positions = new Float64Array(values.length);
  let first = 0;
  counts.forEach((count, i) => {
    positions[i] = (first + (count - 1) / 2 + 0.5) / n;
    first += count;
  });
  return { values, counts, positions };
}

/** The column of a sample (sorted in place). */
export function fitNpitColumn(sample: Float64Array): NpitColumn {
  const sorted = sample.sort();
  const values: number[] = [];
  const counts: number[] = [];
  for (const value of sorted) {
    if (values.at(-1) === value) counts[counts.length - 1]!++;
    else {
      values.push(value);
      counts.push(1);
    }
  }
  return npitColumn(Float64Array.from(values), Uint32Array.from(counts));
}

/** The index of the last entry of ascending `sorted` that is <= x, for sorted[0] <= x < sorted.at(-1). */
function segmentOf(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! <= x) low = middle;
    else high = middle;
  }
  return low;
}

/** y at x on the piecewise linear map through (from[i], to[i]), constant beyond its ends. */
function interpolate(from: Float64Array, to: Float64Array, x: number): number {
  if (x <= from[0]!) return to[0]!;
  if (x >= from[from.length - 1]!) return to[to.length - 1]!;
  const i = segmentOf(from, x);
  return to[i]! + ((x - from[i]!) / (from[i + 1]! - from[i]!)) * (to[i + 1]! - to[i]!);
}

/** x in the column's scaled units: Φ⁻¹(F(x)). */
export const npitScale = ({ values, positions }: NpitColumn, x: number): number => normalQuantile(interpolate(values, positions, x), 0, 1);

/** A scaled value back to the column's units: F⁻¹(Φ(z)). */
export const npitUnscale = ({ values, positions }: NpitColumn, z: number): number => interpolate(positions, values, standardNormalCdf(z));

/** Fits columns [0, scaled) of a row-major matrix with `columns` columns. */
export function fitNpitScaler(matrix: Float64Array, columns: number, scaled = columns): NpitScaler {
  const rows = matrix.length / columns;
  return {
    columns: Array.from({ length: scaled }, (_, c) => fitNpitColumn(Float64Array.from({ length: rows }, (_, r) => matrix[r * columns + c]!))),
  };
}

/** Scales the first scaler.columns.length columns of each row in place. */
export function applyNpitScaler(scaler: NpitScaler, matrix: Float64Array, columns: number): void {
  for (let at = 0; at < matrix.length; at += columns) {
    scaler.columns.forEach((column, c) => (matrix[at + c] = npitScale(column, matrix[at + c]!)));
  }
}

/** Column c's scaled value back to the original units. */
export const invertNpitScaler = (scaler: NpitScaler, c: number, z: number): number => npitUnscale(scaler.columns[c]!, z);

/** A column in a model file: its distinct values and their counts (the positions follow from them). */
export const NpitColumnJson = Type.Object({ values: Type.Array(Type.Number()), counts: Type.Array(Type.Integer({ minimum: 1 })) });
export type NpitColumnJson = Static<typeof NpitColumnJson>;

export const npitColumnToJson = ({ values, counts }: NpitColumn): NpitColumnJson => ({ values: [...values], counts: [...counts] });

/** A model file's column; `what` names the file in the error when its values and counts do not make one. */
export function npitColumnFromJson({ values, counts }: NpitColumnJson, what: string): NpitColumn {
  if (values.length === 0 || values.length !== counts.length || values.some((v, i) => i > 0 && v <= values[i - 1]!)) {
    throw new TypeError(`not a ${what} model file: an N-PIT column needs ascending distinct values, each with its count`);
  }
  return npitColumn(Float64Array.from(values), Uint32Array.from(counts));
}
