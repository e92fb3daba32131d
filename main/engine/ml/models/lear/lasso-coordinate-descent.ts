import { axpy } from './vector-kernels.js';

/**
 * The Lasso by cyclic coordinate descent, as scikit-learn's Lasso fits it (sklearn/linear_model/
 * _cd_fast.pyx): minimise (1 / (2n)) ||y - Xw||² + alpha ||w||₁ on centred X and y, from w = 0,
 * visiting the columns in order; after a sweep whose largest change is below tol relative to the
 * largest weight, stop once the duality gap is below tol · ||y||² (or after maxIterations sweeps,
 * where LEAR's fits often end: epftoolbox silences the warning).
 *
 * The iterates are sklearn's, computed on the Gram matrix as its enet_coordinate_descent_gram
 * does, keeping H = X'X w: a sweep costs O(p) per moving weight instead of O(n). (Skipping zero
 * weights that provably stay zero, by a Cauchy-Schwarz bound on how far H can move, was tried:
 * on LEAR's scaled inputs the bound is too loose to skip anything and the sweep got slower.)
 */

export interface LassoProblem {
  /** X'X of the centred design, p×p row-major. */
  readonly gram: Float64Array;
  /** X'y, centred. */
  readonly xy: Float64Array;
  /** y'y, centred. */
  readonly yy: number;
  readonly rows: number;
}

export interface LassoOptions {
  alpha: number;
  /** Most sweeps (sklearn's max_iter; LEAR uses 2500). */
  maxIterations: number;
  /** sklearn's tol, 1e-4 by default. */
  tolerance?: number;
}

export interface LassoFit {
  readonly coef: Float64Array;
  readonly sweeps: number;
  /** The last duality gap computed, relative to ||y||²; NaN if none was. */
  readonly relativeGap: number;
  readonly converged: boolean;
}

/** sklearn's duality gap (its `gap` with beta = 0); h = X'X w. */
function dualityGap(problem: LassoProblem, l1: number, w: Float64Array, h: Float64Array): number {
  const { xy, yy } = problem;
  let dualNorm = 0;
  let wDotXy = 0;
  let wDotH = 0;
  let l1Norm = 0;
  for (let j = 0; j < w.length; j++) {
    dualNorm = Math.max(dualNorm, Math.abs(xy[j]! - h[j]!));
    wDotXy += w[j]! * xy[j]!;
    wDotH += w[j]! * h[j]!;
    l1Norm += Math.abs(w[j]!);
  }
  const residualNorm2 = yy + wDotH - 2 * wDotXy;
  const scale = dualNorm > l1 ? l1 / dualNorm : 1;
  const gap = dualNorm > l1 ? 0.5 * (residualNorm2 + residualNorm2 * scale * scale) : residualNorm2;
  return gap + l1 * l1Norm - scale * yy + scale * wDotXy;
}

export function lassoCoordinateDescent(problem: LassoProblem, options: LassoOptions): LassoFit {
  const { gram, xy, yy, rows } = problem;
  const p = xy.length;
  const tolerance = options.tolerance ?? 1e-4;
  // sklearn scales the penalty by n (its objective divides the loss by 2n) and the gap's tolerance by ||y||².
  const l1 = options.alpha * rows;
  const gapTolerance = tolerance * yy;
  const w = new Float64Array(p);
  // A constant target: w = 0 is exact (sklearn would sweep to maxIterations, never under a zero tolerance).
  if (yy === 0) return { coef: w, sweeps: 0, relativeGap: 0, converged: true };
  const h = new Float64Array(p);
  let relativeGap = NaN;
  for (let sweep = 0; sweep < options.maxIterations; sweep++) {
    let wMax = 0;
    let changeMax = 0;
    for (let j = 0; j < p; j++) {
      const row = j * p;
      const curvature = gram[row + j]!;
      if (curvature === 0) continue;
      const old = w[j]!;
      const z = xy[j]! - h[j]! + old * curvature;
      const next = (Math.sign(z) * Math.max(Math.abs(z) - l1, 0)) / curvature;
      if (next !== old) {
        const delta = next - old;
        axpy(delta, gram, row, h, 0, p);
        w[j] = next;
      }
      changeMax = Math.max(changeMax, Math.abs(next - old));
      wMax = Math.max(wMax, Math.abs(next));
    }
    if (wMax === 0 || changeMax / wMax < tolerance || sweep === options.maxIterations - 1) {
      const gap = dualityGap(problem, l1, w, h);
      relativeGap = gap / yy;
      if (gap < gapTolerance) return { coef: w, sweeps: sweep + 1, relativeGap, converged: true };
    }
  }
  return { coef: w, sweeps: options.maxIterations, relativeGap, converged: false };
}
