import { Matrix, solve } from 'ml-matrix';
import { SeededRandom } from '../engine/market/seeded-random.js';
import { centreDesign, centreTarget } from '../engine/ml/models/lear/centred-design.js';

/** A random design (rows × columns, row-major, standard normal) and y = X beta + noise, from a fixed seed. */
export function randomProblem(seed: number, rows: number, columns: number, beta: readonly number[], noise: number): { x: Float64Array; y: Float64Array } {
  const random = new SeededRandom(seed);
  const x = Float64Array.from({ length: rows * columns }, () => random.normal());
  const y = Float64Array.from({ length: rows }, (_, r) => beta.reduce((sum, b, c) => sum + b * x[r * columns + c]!, 0) + noise * random.normal());
  return { x, y };
}

/** The least-squares coefficients of centred X and y: the normal equations, solved by ml-matrix. */
export function leastSquares(x: Float64Array, y: Float64Array, rows: number, columns: number): number[] {
  const design = centreDesign(x, rows, columns);
  const target = centreTarget(design, y);
  return solve(Matrix.from1DArray(columns, columns, design.gram), Matrix.columnVector([...target.xy])).to1DArray();
}
