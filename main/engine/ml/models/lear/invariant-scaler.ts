/**
 * epftoolbox's "Invariant" scaling (Uniejewski, Weron and Ziel 2018, the asinh-median
 * transformation, epftoolbox/data/_wrangling.py InvariantScaler): each column separately,
 * z = asinh((x - median) / mad), mad = median(|x - median|) / Φ⁻¹(3/4) (statsmodels' `mad`),
 * fitted on the calibration window and used unchanged on the day forecast.
 */

/** Φ⁻¹(3/4), statsmodels' `Gaussian.ppf(3/4.)`: makes the MAD a consistent estimate of σ for normal data. */
export const MAD_NORMAL_CONSTANT = 0.6744897501960817;

export interface InvariantScaler {
  readonly median: Float64Array;
  readonly mad: Float64Array;
}

/** NumPy's median: the middle value, or the mean of the two middle values. Sorts `values`. */
function medianInPlace(values: Float64Array): number {
  values.sort();
  const half = values.length >> 1;
  return values.length % 2 === 1 ? values[half]! : (values[half - 1]! + values[half]!) / 2;
}

/**
 * Fits columns [0, scaled) of a row-major matrix with `columns` columns. A column whose MAD is 0
 * (more than half its values equal) gets a scale of 1 instead: epftoolbox would divide by zero
 * and stop; a column that nearly never moves carries too little information to matter.
 */
export function fitInvariantScaler(matrix: Float64Array, columns: number, scaled = columns): InvariantScaler {
  const rows = matrix.length / columns;
  const median = new Float64Array(scaled);
  const mad = new Float64Array(scaled);
  const column = new Float64Array(rows);
  for (let c = 0; c < scaled; c++) {
    for (let r = 0; r < rows; r++) column[r] = matrix[r * columns + c]!;
    const m = medianInPlace(column);
    for (let r = 0; r < rows; r++) column[r] = Math.abs(matrix[r * columns + c]! - m);
    const deviation = medianInPlace(column) / MAD_NORMAL_CONSTANT;
    median[c] = m;
    mad[c] = deviation > 0 ? deviation : 1;
  }
  return { median, mad };
}

/** Scales the first scaler.median.length columns of each row in place. */
export function applyInvariantScaler(scaler: InvariantScaler, matrix: Float64Array, columns: number): void {
  const { median, mad } = scaler;
  for (let at = 0; at < matrix.length; at += columns) {
    for (let c = 0; c < median.length; c++) matrix[at + c] = Math.asinh((matrix[at + c]! - median[c]!) / mad[c]!);
  }
}

/** Column c's scaled value back to the original units. */
export const invertInvariantScaler = (scaler: InvariantScaler, c: number, z: number): number => Math.sinh(z) * scaler.mad[c]! + scaler.median[c]!;
