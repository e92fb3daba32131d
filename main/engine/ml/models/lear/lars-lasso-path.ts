import { axpy, dot } from './vector-kernels.js';

/**
 * The Lasso path by least-angle regression (Efron et al. 2004), as scikit-learn's `lars_path`
 * with method='lasso' computed it before 1.1 (sklearn/linear_model/least_angle.py, 0.20-0.24),
 * step for step, on a precomputed Gram matrix: the same candidate picks, the same degenerate-
 * regressor and early-stopping rules, the same path points. epftoolbox's LEAR picks its penalty
 * from this path, so these details decide its forecasts.
 *
 * The Cholesky factor of the active set is updated one row at a time and downdated by Givens
 * rotations (sklearn's `cholesky_delete`), with plain loops: ml-matrix factorises from scratch
 * and has no update or downdate, which would cost O(k³) per step instead of O(k²).
 */

/** NumPy's float32 tiny and eps, which sklearn uses to guard divisions and compare alphas. */
const TINY32 = 1.1754943508222875e-38;
const EQUALITY_TOLERANCE = 1.1920928955078125e-7;
/** The smallest Cholesky pivot sklearn accepts before dropping a candidate as degenerate. */
const DEGENERATE_PIVOT = 1e-7;

export interface LarsPathOptions {
  /** Most steps (sklearn's max_iter; LEAR uses 2500). */
  maxIterations: number;
}

export interface LarsPath {
  /** The penalty at each point: the largest remaining |correlation| / n. */
  readonly alphas: Float64Array;
  /** The coefficients at each point, by variable. */
  readonly coefs: readonly Float64Array[];
  /**
   * Which variable each position of sklearn's working copy of X held when the path ended:
   * lars_path swaps columns as variables enter and leave (see lasso-lars-ic.ts for why it matters).
   */
  readonly order: Int32Array;
}

/** sklearn's arrayfuncs.min_pos: the least strictly positive value, or the largest double when none is. */
function minPositive(values: Float64Array, length: number): number {
  let least = Number.MAX_VALUE;
  for (let i = 0; i < length; i++) if (values[i]! > 0 && values[i]! < least) least = values[i]!;
  return least;
}

/** Solves (L L') x = b for the leading k×k block of the lower factor L (row stride `stride`), in place in x. */
function choleskySolve(l: Float64Array, stride: number, k: number, x: Float64Array): void {
  for (let i = 0; i < k; i++) {
    const row = i * stride;
    x[i] = (x[i]! - dot(l, row, x, 0, i)) / l[row + i]!;
  }
  // L' x = z by columns of L' (rows of L), so the factor is read along its rows.
  for (let j = k - 1; j >= 0; j--) {
    const row = j * stride;
    x[j] = x[j]! / l[row + j]!;
    axpy(-x[j]!, l, row, x, 0, j);
  }
}

/**
 * Removes row and column `out` from the k×k lower factor (sklearn's arrayfuncs.cholesky_delete):
 * the rows below move up, then Givens rotations clear the superdiagonal they bring, keeping the
 * diagonal positive.
 */
export function choleskyDelete(l: Float64Array, stride: number, k: number, out: number): void {
  for (let i = out; i < k - 1; i++) {
    for (let j = 0; j < i + 2; j++) l[i * stride + j] = l[(i + 1) * stride + j]!;
  }
  for (let i = out; i < k - 1; i++) {
    const a = l[i * stride + i]!;
    const b = l[i * stride + i + 1]!;
    const r = Math.hypot(a, b);
    const [c, s] = r === 0 ? [1, 0] : [a / r, b / r];
    l[i * stride + i] = r;
    l[i * stride + i + 1] = 0;
    for (let row = i + 1; row < k - 1; row++) {
      const x = l[row * stride + i]!;
      const y = l[row * stride + i + 1]!;
      l[row * stride + i] = c * x + s * y;
      l[row * stride + i + 1] = c * y - s * x;
    }
  }
}

/** Exchanges positions i and j of a p×p matrix: its rows and its columns. */
function swapPositions(matrix: Float64Array, p: number, i: number, j: number): void {
  for (let c = 0; c < p; c++) {
    const t = matrix[i * p + c]!;
    matrix[i * p + c] = matrix[j * p + c]!;
    matrix[j * p + c] = t;
  }
  for (let r = 0; r < p; r++) {
    const t = matrix[r * p + i]!;
    matrix[r * p + i] = matrix[r * p + j]!;
    matrix[r * p + j] = t;
  }
}

/**
 * Moves position `from` to `to` (from < to) of a p×p matrix, those between moving up by one, in
 * rows and columns: the same as swapping it with its successor until it gets there.
 */
function rotatePositions(matrix: Float64Array, p: number, from: number, to: number): void {
  const row = matrix.slice(from * p, (from + 1) * p);
  matrix.copyWithin(from * p, (from + 1) * p, (to + 1) * p);
  matrix.set(row, to * p);
  for (let r = 0; r < p; r++) {
    const base = r * p;
    const moving = matrix[base + from]!;
    matrix.copyWithin(base + from, base + from + 1, base + to + 1);
    matrix[base + to] = moving;
  }
}

/**
 * The path for `gram` (p×p, row-major) and `xy` = X'y, with `samples` rows behind them. X and y
 * are expected centred (and, for LEAR, X normalised): no intercept is fitted here.
 */
export function larsLassoPath(gram: Float64Array, xy: Float64Array, samples: number, options: LarsPathOptions): LarsPath {
  const p = xy.length;
  // sklearn's eps: the floor of a Cholesky pivot, machine epsilon as LassoLarsIC leaves it.
  const eps = Number.EPSILON;
  const maxFeatures = Math.min(options.maxIterations, p);
  // Positions: the active variables occupy positions [0, nActive) in the order they entered;
  // `order[pos]` is the variable there, `cov[pos]` (pos >= nActive) its correlation with the
  // residual, and `byPosition` the Gram matrix in position order (as sklearn swaps its copy), so
  // the products of each step read it contiguously.
  const order = Int32Array.from({ length: p }, (_, i) => i);
  const byPosition = gram.slice();
  const cov = Float64Array.from(xy);
  const l = new Float64Array(maxFeatures * maxFeatures);
  let sign = new Float64Array(maxFeatures);
  const active: number[] = [];
  const alphas: number[] = [];
  const coefs: Float64Array[] = [new Float64Array(p)];
  const leastSquares = new Float64Array(maxFeatures);
  const corr = new Float64Array(p);
  const ratios = new Float64Array(p);
  let nIter = 0;
  let nActive = 0;
  let drop = false;
  const swap = (a: Float64Array | Int32Array, i: number, j: number): void => {
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  };

  for (;;) {
    let cPos = nActive;
    for (let pos = nActive + 1; pos < p; pos++) if (Math.abs(cov[pos]!) > Math.abs(cov[cPos]!)) cPos = pos;
    const cSigned = nActive < p ? cov[cPos]! : 0;
    const c = Math.abs(cSigned);
    alphas[nIter] = c / samples;
    const coef = coefs[nIter]!;
    if (alphas[nIter]! <= EQUALITY_TOLERANCE) break; // alpha_min = 0, reached within float32 precision
    if (nIter >= options.maxIterations || nActive >= p) break;

    if (!drop) {
      const m = nActive;
      sign[m] = Math.sign(cSigned);
      swap(cov, cPos, m);
      swap(order, cPos, m);
      if (cPos !== m) swapPositions(byPosition, p, cPos, m);
      const candidate = order[m]!;
      for (let a = 0; a < m; a++) l[m * maxFeatures + a] = (byPosition[m * p + a]! - dot(l, a * maxFeatures, l, m * maxFeatures, a)) / l[a * maxFeatures + a]!;
      const projected = dot(l, m * maxFeatures, l, m * maxFeatures, m);
      const diag = Math.max(Math.sqrt(Math.abs(gram[candidate * p + candidate]! - projected)), eps);
      l[m * maxFeatures + m] = diag;
      if (diag < DEGENERATE_PIVOT) {
        // The candidate is (nearly) a combination of the active set. sklearn zeroes the
        // correlation at its position and swaps the correlations back, but leaves the columns
        // swapped: the variable it displaced takes the candidate's zero. Kept as it was.
        cov[m] = 0;
        swap(cov, cPos, m);
        continue;
      }
      active.push(candidate);
      nActive++;
    }

    if (nIter > 0 && alphas[nIter - 1]! < alphas[nIter]!) break; // rounding has overtaken the remaining correlation

    for (let a = 0; a < nActive; a++) leastSquares[a] = sign[a]!;
    choleskySolve(l, maxFeatures, nActive, leastSquares);
    let aa: number;
    if (nActive === 1 && leastSquares[0] === 0) {
      leastSquares[0] = 1;
      aa = 1;
    } else {
      let signedSum = 0;
      for (let a = 0; a < nActive; a++) signedSum += leastSquares[a]! * sign[a]!;
      aa = 1 / Math.sqrt(signedSum);
      // An ill-conditioned factor: sklearn adds 1, 2, 4, … times eps to a copy's diagonal until it solves.
      const lifted = Number.isFinite(aa) ? l : l.slice();
      for (let i = 0; !Number.isFinite(aa); i++) {
        for (let a = 0; a < nActive; a++) lifted[a * maxFeatures + a]! += 2 ** i * eps;
        for (let a = 0; a < nActive; a++) leastSquares[a] = sign[a]!;
        choleskySolve(lifted, maxFeatures, nActive, leastSquares);
        let liftedSum = 0;
        for (let a = 0; a < nActive; a++) liftedSum += leastSquares[a]! * sign[a]!;
        aa = 1 / Math.sqrt(Math.max(liftedSum, eps));
      }
      for (let a = 0; a < nActive; a++) leastSquares[a]! *= aa;
    }

    corr.fill(0, nActive);
    for (let a = 0; a < nActive; a++) axpy(leastSquares[a]!, byPosition, a * p + nActive, corr, nActive, p - nActive);
    const inactive = p - nActive;
    for (let i = 0; i < inactive; i++) ratios[i] = (c - cov[nActive + i]!) / (aa - corr[nActive + i]! + TINY32);
    const g1 = minPositive(ratios, inactive);
    for (let i = 0; i < inactive; i++) ratios[i] = (c + cov[nActive + i]!) / (aa + corr[nActive + i]! + TINY32);
    const g2 = minPositive(ratios, inactive);
    let gamma = Math.min(g1, g2, c / aa);

    drop = false;
    for (let a = 0; a < nActive; a++) ratios[a] = -coef[active[a]!]! / (leastSquares[a]! + TINY32);
    const zPositive = minPositive(ratios, nActive);
    const dropped: number[] = [];
    if (zPositive < gamma) {
      // A coefficient reaches zero before the next variable enters: the lasso step stops there.
      for (let a = nActive - 1; a >= 0; a--) if (ratios[a] === zPositive) dropped.push(a);
      for (const a of dropped) sign[a] = -sign[a]!;
      gamma = zPositive;
      drop = true;
    }

    nIter++;
    const next = new Float64Array(p);
    for (let a = 0; a < nActive; a++) next[active[a]!] = coef[active[a]!]! + gamma * leastSquares[a]!;
    coefs[nIter] = next;
    for (let pos = nActive; pos < p; pos++) cov[pos]! -= gamma * corr[pos]!;

    // `dropped` is in decreasing order, so each removal leaves the positions still to remove in
    // place. sklearn handles one at a time the same way; two coefficients reaching zero at the
    // very same step (an exact tie) is where it would differ, and does not happen in practice.
    for (const a of dropped) {
      choleskyDelete(l, maxFeatures, nActive, a);
      nActive--;
      const [variable] = active.splice(a, 1) as [number];
      for (let pos = a; pos < nActive; pos++) swap(order, pos, pos + 1);
      if (a < nActive) rotatePositions(byPosition, p, a, nActive);
      let residualCorrelation = xy[variable]!;
      for (let j = 0; j < p; j++) residualCorrelation -= gram[variable * p + j]! * next[j]!;
      cov[nActive] = residualCorrelation;
      sign = Float64Array.from([...sign.subarray(0, a), ...sign.subarray(a + 1), 0]);
    }
  }
  return { alphas: Float64Array.from(alphas.slice(0, nIter + 1)), coefs: coefs.slice(0, nIter + 1), order };
}
