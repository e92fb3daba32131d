import type { CentredTarget, NormalisedGram } from './centred-design.js';
import { larsLassoPath } from './lars-lasso-path.js';

/**
 * The penalty LEAR uses for one hour: scikit-learn's LassoLarsIC(criterion='aic') as it was
 * before 1.1 (epftoolbox was built on it). X is centred and each column divided by its L2 norm
 * (normalize=True, the default then), y centred; along the lars_path of that problem each point
 * scores n · MSE / var(y) + 2 · (number of non-zero coefficients) (Zou, Hastie and Tibshirani
 * 2007, eqs. 2.15-16) and the penalty of the lowest score is chosen (the first, on ties).
 *
 * Before 0.22, lars_path with Gram='auto' copied X only when it also formed the Gram matrix, that
 * is when n_samples > n_features. Otherwise it swapped the columns of LassoLarsIC's own copy of X
 * as variables entered and left, and LassoLarsIC then scored every path point against that
 * reordered X: the residuals, and so the choice, were not those of the path. epftoolbox's
 * published forecasts carry this. On NP's first test day (2016-12-27, 77 rows for 247 columns
 * with the 84 day window) five hours of its published LEAR forecast (6, 10, 13, 17, 23) are the
 * Lasso at the path's first penalty, which the exact score puts far above the lowest (77 for hour 6,
 * against 22.3); only reordered columns make it the lowest. `scoreOnSwappedColumns` reproduces the
 * scoring; the exact one is kept for comparison (bench/epf --exact-aic).
 */

const EPS64 = Number.EPSILON;

export interface AicOptions {
  maxIterations: number;
  /** Score with the columns as sklearn < 0.22 left them when rows <= columns (see above). */
  scoreOnSwappedColumns: boolean;
}

export interface AicChoice {
  readonly alpha: number;
  /** The chosen point of the path. */
  readonly index: number;
  /** Its non-zero coefficients. */
  readonly degreesOfFreedom: number;
}

/** The alpha LassoLarsIC(criterion='aic') picks for `target` on `rows` samples of the normalised design. */
export function aicAlpha(normalised: NormalisedGram, target: CentredTarget, rows: number, options: AicOptions): AicChoice {
  const { gram, norms } = normalised;
  const p = norms.length;
  const xy = target.xy.map((v, c) => v / norms[c]!);
  const path = larsLassoPath(gram, xy, rows, { maxIterations: options.maxIterations });
  const swapped = options.scoreOnSwappedColumns && rows <= p;
  const variance = target.yy / rows + EPS64;

  let best = 0;
  let bestScore = Infinity;
  const weights = new Float64Array(p);
  const support: number[] = [];
  path.coefs.forEach((coef, k) => {
    let df = 0;
    for (let j = 0; j < p; j++) if (Math.abs(coef[j]!) > EPS64) df++;
    // The score is at least 2 df: a point that cannot beat the best so far needs no residuals.
    if (2 * df >= bestScore) return;
    weights.fill(0);
    support.length = 0;
    for (let j = 0; j < p; j++) {
      if (coef[j] === 0) continue;
      const variable = swapped ? path.order[j]! : j;
      weights[variable] = coef[j]!;
      support.push(variable);
    }
    let rss = target.yy;
    for (const i of support) {
      rss -= 2 * weights[i]! * xy[i]!;
      let row = 0;
      for (const j of support) row += gram[i * p + j]! * weights[j]!;
      rss += weights[i]! * row;
    }
    const score = (rows * (Math.max(rss, 0) / rows)) / variance + 2 * df;
    if (score < bestScore) {
      bestScore = score;
      best = k;
    }
  });
  let degreesOfFreedom = 0;
  for (const value of path.coefs[best]!) if (Math.abs(value) > EPS64) degreesOfFreedom++;
  return { alpha: path.alphas[best]!, index: best, degreesOfFreedom };
}
