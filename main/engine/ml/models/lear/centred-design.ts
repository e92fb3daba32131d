import { dot } from './vector-kernels.js';

/**
 * A design matrix centred on its column means, kept column by column, with its Gram matrix:
 * what both of LEAR's solvers need. The Gram matrix is the same for the 24 hours of a day, so it
 * is computed once per calibration and each hour costs one X'y and the solvers' O(p²) steps,
 * not O(n p²). Plain Float64Array loops rather than ml-matrix: the products are symmetric and
 * column-contiguous, and the solvers index the results directly.
 */
export interface CentredDesign {
  readonly rows: number;
  readonly columns: number;
  readonly means: Float64Array;
  /** Column c's centred values at [c * rows, (c + 1) * rows). */
  readonly centred: Float64Array;
  /** Xc'Xc, full and symmetric, row-major. */
  readonly gram: Float64Array;
}

/** Centres a row-major matrix and forms its Gram matrix. */
export function centreDesign(x: Float64Array, rows: number, columns: number): CentredDesign {
  const means = new Float64Array(columns);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) means[c]! += x[r * columns + c]!;
  for (let c = 0; c < columns; c++) means[c]! /= rows;
  const centred = new Float64Array(rows * columns);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) centred[c * rows + r] = x[r * columns + c]! - means[c]!;
  const gram = new Float64Array(columns * columns);
  for (let i = 0; i < columns; i++) {
    const a = i * rows;
    for (let j = i; j < columns; j++) {
      const sum = dot(centred, a, centred, j * rows, rows);
      gram[i * columns + j] = sum;
      gram[j * columns + i] = sum;
    }
  }
  return { rows, columns, means, centred, gram };
}

/** A target centred like the design: its mean, Xc'yc and yc'yc. */
export interface CentredTarget {
  readonly mean: number;
  readonly xy: Float64Array;
  readonly yy: number;
}

/** `y` holds the target of row r at y[r * stride + offset] (one hour's column of a day-by-hour matrix). */
export function centreTarget(design: CentredDesign, y: Float64Array, stride = 1, offset = 0): CentredTarget {
  const { rows, columns, centred } = design;
  const yc = new Float64Array(rows);
  let mean = 0;
  for (let r = 0; r < rows; r++) mean += y[r * stride + offset]!;
  mean /= rows;
  let yy = 0;
  for (let r = 0; r < rows; r++) {
    yc[r] = y[r * stride + offset]! - mean;
    yy += yc[r]! * yc[r]!;
  }
  const xy = new Float64Array(columns);
  for (let c = 0; c < columns; c++) xy[c] = dot(centred, c * rows, yc, 0, rows);
  return { mean, xy, yy };
}

/**
 * The Gram matrix and X'y of the design with each centred column divided by its L2 norm, as
 * scikit-learn's `normalize=True` did before 1.2 (a column of zeros keeps norm 1, as there).
 */
export interface NormalisedGram {
  readonly gram: Float64Array;
  readonly norms: Float64Array;
}

export function normaliseGram(design: CentredDesign): NormalisedGram {
  const { columns, gram } = design;
  const norms = new Float64Array(columns);
  for (let c = 0; c < columns; c++) {
    const norm = Math.sqrt(gram[c * columns + c]!);
    norms[c] = norm > 0 ? norm : 1;
  }
  const normalised = new Float64Array(columns * columns);
  for (let i = 0; i < columns; i++) for (let j = 0; j < columns; j++) normalised[i * columns + j] = gram[i * columns + j]! / (norms[i]! * norms[j]!);
  return { gram: normalised, norms };
}
