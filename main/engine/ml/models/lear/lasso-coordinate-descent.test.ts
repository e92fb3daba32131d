import { describe, expect, it } from 'vitest';
import { centreDesign, centreTarget } from './centred-design.js';
import { lassoCoordinateDescent } from './lasso-coordinate-descent.js';
import { leastSquares, randomProblem } from '../../../../testing/regression-problems.js';

function problem(seed: number, rows: number, columns: number, beta: readonly number[]): { gram: Float64Array; xy: Float64Array; yy: number; rows: number; x: Float64Array; y: Float64Array } {
  const { x, y } = randomProblem(seed, rows, columns, beta, 0.5);
  const design = centreDesign(x, rows, columns);
  const target = centreTarget(design, y);
  return { gram: design.gram, xy: target.xy, yy: target.yy, rows, x, y };
}

describe('the coordinate-descent Lasso', () => {
  it('with no penalty is least squares: the coefficients of the normal equations', () => {
    const p = problem(21, 100, 5, [1, -2, 0.5, 0, 3]);
    const fit = lassoCoordinateDescent(p, { alpha: 0, maxIterations: 100_000, tolerance: 1e-14 });
    expect(fit.converged).toBe(true);
    leastSquares(p.x, p.y, 100, 5).forEach((b, c) => expect(fit.coef[c]).toBeCloseTo(b, 8));
  });

  it('meets the Lasso optimality conditions: |x_j\'r| / n = alpha on the non-zero coefficients, at most alpha on the rest', () => {
    const p = problem(22, 80, 8, [2, 0, 0, -1, 0, 0.2, 0, 0]);
    const alpha = 0.15;
    const fit = lassoCoordinateDescent(p, { alpha, maxIterations: 100_000, tolerance: 1e-12 });
    const correlation = (j: number): number => (p.xy[j]! - p.gram.subarray(j * 8, (j + 1) * 8).reduce((s, g, i) => s + g * fit.coef[i]!, 0)) / p.rows;
    let zeros = 0;
    for (let j = 0; j < 8; j++) {
      if (fit.coef[j] === 0) {
        zeros++;
        expect(Math.abs(correlation(j))).toBeLessThanOrEqual(alpha + 1e-9);
      } else expect(correlation(j)).toBeCloseTo(alpha * Math.sign(fit.coef[j]!), 8);
    }
    expect(zeros).toBeGreaterThan(0);
  });

  it("stops as sklearn does: at a duality gap under tol · ||y||², or after maxIterations sweeps", () => {
    const p = problem(23, 50, 6, [1, 1, 1, 0, 0, 0]);
    const fit = lassoCoordinateDescent(p, { alpha: 0.01, maxIterations: 2500 });
    expect(fit.converged).toBe(true);
    expect(fit.relativeGap).toBeLessThan(1e-4);
    const capped = lassoCoordinateDescent(p, { alpha: 0.01, maxIterations: 1, tolerance: 1e-14 });
    expect([capped.sweeps, capped.converged]).toEqual([1, false]);
    expect(lassoCoordinateDescent({ ...p, xy: new Float64Array(6), yy: 0 }, { alpha: 0.01, maxIterations: 2500 }).coef.every((w) => w === 0)).toBe(true);
  });
});
