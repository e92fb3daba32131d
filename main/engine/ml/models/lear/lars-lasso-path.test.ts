import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { leastSquares, randomProblem } from '../../../../testing/regression-problems.js';
import { centreDesign, centreTarget, normaliseGram } from './centred-design.js';
import { choleskyDelete, larsLassoPath } from './lars-lasso-path.js';
import { aicAlpha } from './lasso-lars-ic.js';

describe('the LARS-lasso path', () => {
  it('ends at the least-squares solution: its last point has no penalty left', () => {
    const { x, y } = randomProblem(7, 60, 6, [1.5, -2, 0, 0.7, 0, 3], 0.5);
    const design = centreDesign(x, 60, 6);
    const path = larsLassoPath(design.gram, centreTarget(design, y).xy, 60, { maxIterations: 500 });
    const ols = leastSquares(x, y, 60, 6);
    const last = path.coefs.at(-1)!;
    ols.forEach((b, c) => expect(last[c]).toBeCloseTo(b, 9));
    expect(path.alphas.at(-1)).toBeLessThan(1e-7);
    // Penalties fall along the path, from the largest |x_j'y| / n.
    for (let k = 1; k < path.alphas.length; k++) expect(path.alphas[k]).toBeLessThan(path.alphas[k - 1]!);
  });

  it('soft-thresholds an orthogonal design: at each point w_j = sign(z_j) max(|z_j| - alpha, 0), z = X\'y / n', () => {
    // Columns of a Hadamard matrix of order 8 without its constant column: centred, orthogonal, X'X = 8 I.
    const hadamard = [
      [1, 1, 1, 1, 1, 1, 1],
      [-1, 1, -1, 1, -1, 1, -1],
      [1, -1, -1, 1, 1, -1, -1],
      [-1, -1, 1, 1, -1, -1, 1],
      [1, 1, 1, -1, -1, -1, -1],
      [-1, 1, -1, -1, 1, -1, 1],
      [1, -1, -1, -1, -1, 1, 1],
      [-1, -1, 1, -1, 1, 1, -1],
    ];
    const columns = [0, 1, 2];
    const x = Float64Array.from(hadamard.flatMap((row) => columns.map((c) => row[c]!)));
    const y = Float64Array.from([3, -1, 4, 1, -5, 9, 2, -6]);
    const design = centreDesign(x, 8, 3);
    const target = centreTarget(design, y);
    const z = [...target.xy].map((v) => v / 8);
    const path = larsLassoPath(design.gram, target.xy, 8, { maxIterations: 500 });
    const expected = [...z.map(Math.abs).sort((a, b) => b - a), 0];
    expect(path.alphas).toHaveLength(expected.length);
    expected.forEach((alpha, k) => expect(path.alphas[k]).toBeCloseTo(alpha, 12));
    path.alphas.forEach((alpha, k) => z.forEach((zj, j) => expect(path.coefs[k]![j]).toBeCloseTo(Math.sign(zj) * Math.max(Math.abs(zj) - alpha, 0), 12)));
  });

  it("removes a row and column of a Cholesky factor as refactorising without them does (sklearn's cholesky_delete)", () => {
    const { x } = randomProblem(3, 12, 5, [], 0);
    const spd = Matrix.from1DArray(5, 5, centreDesign(x, 12, 5).gram);
    const factor = new CholeskyDecomposition(spd).lowerTriangularMatrix;
    const stride = 6;
    const l = new Float64Array(stride * stride);
    for (let i = 0; i < 5; i++) for (let j = 0; j <= i; j++) l[i * stride + j] = factor.get(i, j);
    choleskyDelete(l, stride, 5, 2);
    const kept = [0, 1, 3, 4];
    const expected = new CholeskyDecomposition(spd.selection(kept, kept)).lowerTriangularMatrix;
    for (let i = 0; i < 4; i++) for (let j = 0; j <= i; j++) expect(l[i * stride + j]).toBeCloseTo(expected.get(i, j), 10);
    expect(l[0 * stride + 1]).toBe(0);
  });
});

describe("LassoLarsIC's AIC choice", () => {
  /** Each path point's AIC from explicit residuals y - X[:, columns] w (ml-matrix), and the first lowest. */
  function explicitChoice(x: Float64Array, y: Float64Array, rows: number, columns: number, coefs: readonly Float64Array[], order: readonly number[]): number {
    const design = centreDesign(x, rows, columns);
    const { norms } = normaliseGram(design);
    const target = centreTarget(design, y);
    const normalised = new Matrix(rows, columns);
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) normalised.set(r, c, design.centred[order[c]! * rows + r]! / norms[order[c]!]!);
    const yc = Matrix.columnVector([...y].map((v) => v - target.mean));
    const scores = coefs.map((coef) => {
      const residual = yc.clone().sub(normalised.mmul(Matrix.columnVector([...coef])));
      const mse = residual.to1DArray().reduce((s, v) => s + v * v, 0) / rows;
      const df = coef.filter((v) => Math.abs(v) > Number.EPSILON).length;
      return (rows * mse) / (target.yy / rows + Number.EPSILON) + 2 * df;
    });
    return scores.indexOf(Math.min(...scores));
  }

  it('picks the path point of lowest n·MSE/var(y) + 2·df on the normalised design', () => {
    const { x, y } = randomProblem(11, 40, 5, [2, 1, 0, 0, 0.05], 0.5);
    const design = centreDesign(x, 40, 5);
    const normalised = normaliseGram(design);
    const target = centreTarget(design, y);
    const choice = aicAlpha(normalised, target, 40, { maxIterations: 500, scoreOnSwappedColumns: true });
    const path = larsLassoPath(normalised.gram, target.xy.map((v, c) => v / normalised.norms[c]!), 40, { maxIterations: 500 });
    expect(choice.index).toBe(explicitChoice(x, y, 40, 5, path.coefs, [0, 1, 2, 3, 4]));
    expect(choice.alpha).toBe(path.alphas[choice.index]);
    // The two real effects and maybe a third: the noise-level ones cost more than they explain.
    expect(choice.degreesOfFreedom).toBeGreaterThanOrEqual(2);
    expect(choice.degreesOfFreedom).toBeLessThanOrEqual(3);
  });

  it('with no more rows than columns, scores against the columns as sklearn < 0.22 had swapped them, when asked', () => {
    const { x, y } = randomProblem(5, 6, 9, [1, -1, 0.5, 0, 0, 0, 0, 0, 2], 0.3);
    const design = centreDesign(x, 6, 9);
    const normalised = normaliseGram(design);
    const target = centreTarget(design, y);
    const path = larsLassoPath(normalised.gram, target.xy.map((v, c) => v / normalised.norms[c]!), 6, { maxIterations: 500 });
    const swapped = aicAlpha(normalised, target, 6, { maxIterations: 500, scoreOnSwappedColumns: true });
    const exact = aicAlpha(normalised, target, 6, { maxIterations: 500, scoreOnSwappedColumns: false });
    expect(swapped.index).toBe(explicitChoice(x, y, 6, 9, path.coefs, [...path.order]));
    expect(exact.index).toBe(explicitChoice(x, y, 6, 9, path.coefs, [0, 1, 2, 3, 4, 5, 6, 7, 8]));
    expect([...path.order]).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
