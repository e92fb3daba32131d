import type { DayAheadProfile } from '../../../../shared/api/market-data.js';
import type { Prediction } from '../../../../shared/api/ml.js';
import type { FanPeriod } from '../../charts/FanChart.js';
import { formatZoneHour } from './analytics-format.js';

/** The bands the fan draws, as quantile levels every model reports (QUANTILE_LEVELS). */
const OUTER = [0.05, 0.95] as const;
const INNER = [0.25, 0.75] as const;

/** Mean of the published prices of the periods inside [start, end): a quarter-hour market's hour is the mean of its quarters, as the models learn it. */
function actualOf(profile: DayAheadProfile | null, start: number, end: number): number | null {
  const inside = profile?.periods.filter((period) => Date.parse(period.start) >= start && Date.parse(period.start) < end) ?? [];
  return inside.length === 0 ? null : inside.reduce((sum, period) => sum + period.price, 0) / inside.length;
}

/** A prediction's periods as the fan chart draws them, each with the actual price where the day-ahead result has it. */
export function fanPeriods(prediction: Prediction, actual: DayAheadProfile | null): FanPeriod[] {
  const at = (level: number): number => prediction.quantileLevels.findIndex((candidate) => Math.abs(candidate - level) < 1e-9);
  const [outerLow, outerHigh, innerLow, innerHigh] = [at(OUTER[0]), at(OUTER[1]), at(INNER[0]), at(INNER[1])];
  return prediction.periods.map((period) => {
    const value = (index: number): number => period.quantiles[index] ?? period.point;
    return {
      label: formatZoneHour(Date.parse(period.start), prediction.timezone),
      point: period.point,
      outer: [value(outerLow), value(outerHigh)],
      inner: [value(innerLow), value(innerHigh)],
      actual: actualOf(actual, Date.parse(period.start), Date.parse(period.end)),
    };
  });
}

export interface FanScore {
  /** Periods with an actual price. */
  periods: number;
  mae: number;
  /** Share of those periods whose price fell inside the 5–95 % band, and inside 25–75 %. */
  insideOuter: number;
  insideInner: number;
}

/** How the forecast did against the prices known so far; null before any is published. */
export function fanScore(periods: readonly FanPeriod[]): FanScore | null {
  const known = periods.flatMap((period) => (period.actual === null ? [] : [{ ...period, actual: period.actual }]));
  if (known.length === 0) return null;
  const inside = (band: [number, number], value: number): boolean => value >= band[0] && value <= band[1];
  return {
    periods: known.length,
    mae: known.reduce((sum, period) => sum + Math.abs(period.actual - period.point), 0) / known.length,
    insideOuter: known.filter((period) => inside(period.outer, period.actual)).length / known.length,
    insideInner: known.filter((period) => inside(period.inner, period.actual)).length / known.length,
  };
}
