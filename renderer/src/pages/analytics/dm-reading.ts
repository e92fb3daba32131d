import type { Comparison } from '../../../../shared/api/ml.js';
import { formatPValue } from './analytics-format.js';

/** The significance level of the readings: the epftoolbox benchmark's 5 %. */
export const SIGNIFICANCE = 0.05;

export interface PairReading {
  a: string;
  b: string;
  /** Which model the test finds more accurate, if either. */
  better: 'a' | 'b' | null;
  sentence: string;
}

const ofHours = (count: number): string => `${String(count)} of 24 hours`;

/**
 * Each pair of compared models in plain words. The engine reports the one-sided test of every
 * ordered pair: p(A, B) small means B is significantly more accurate than A. A pair is read
 * both ways; the hour-by-hour tests say where in the day a difference lies.
 */
export function dieboldMarianoReadings(comparison: Comparison): PairReading[] {
  const nameOf = (id: string): string => comparison.models.find((model) => model.modelId === id)?.name ?? id;
  const test = (a: string, b: string) => comparison.dieboldMariano.find((result) => result.modelA === a && result.modelB === b);
  const readings: PairReading[] = [];
  comparison.models.forEach((first, i) => {
    for (const second of comparison.models.slice(i + 1)) {
      const [a, b] = [first.modelId, second.modelId];
      const bOverA = test(a, b);
      const aOverB = test(b, a);
      if (!bOverA || !aOverB) continue;
      const [nameA, nameB] = [nameOf(a), nameOf(b)];
      const hoursB = bOverA.pValueByHour.filter((p) => p < SIGNIFICANCE).length;
      const hoursA = aOverB.pValueByHour.filter((p) => p < SIGNIFICANCE).length;
      const same = first.metrics.mae === second.metrics.mae && first.metrics.rmse === second.metrics.rmse;
      let better: PairReading['better'] = null;
      let sentence: string;
      if (bOverA.pValue < SIGNIFICANCE) {
        better = 'b';
        sentence = `${nameB} is significantly more accurate than ${nameA} at 5 % (p = ${formatPValue(bOverA.pValue)}); hour by hour in ${ofHours(hoursB)}.`;
      } else if (aOverB.pValue < SIGNIFICANCE) {
        better = 'a';
        sentence = `${nameA} is significantly more accurate than ${nameB} at 5 % (p = ${formatPValue(aOverB.pValue)}); hour by hour in ${ofHours(hoursA)}.`;
      } else if (same) {
        sentence = `${nameA} and ${nameB} made the same point forecasts on these days: the test cannot tell them apart (p = ${formatPValue(bOverA.pValue)}).`;
      } else {
        sentence = `No significant difference between ${nameA} and ${nameB} at 5 % (p = ${formatPValue(bOverA.pValue)} and ${formatPValue(aOverB.pValue)}); hour by hour ${nameB} is better in ${ofHours(hoursB)}, ${nameA} in ${ofHours(hoursA)}.`;
      }
      readings.push({ a, b, better, sentence });
    }
  });
  return readings;
}
