/**
 * The standard normal distribution function, for test p-values. erfc by the Chebyshev fit of
 * Numerical Recipes (3rd ed., 6.2.2): fractional error below 1.2e-7 everywhere, so p-values are
 * good to about seven digits, far finer than any decision taken on them.
 */
function complementaryErrorFunction(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const tail =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? tail : 2 - tail;
}

/** P(Z ≤ x) for a standard normal Z. */
export const standardNormalCdf = (x: number): number => 0.5 * complementaryErrorFunction(-x / Math.SQRT2);
