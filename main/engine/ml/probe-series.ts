import { shiftDay } from '../../../shared/market/time-zone.js';
import { HOURS_PER_DAY, type DailySeries } from './daily-series.js';

const FIRST_DAY = '2024-01-01';

/**
 * A made-up history on which a model read from a file must forecast before it is registered:
 * `days` consecutive days of a plausible price shape (between about 35 and 70 a MWh, dearer on
 * weekdays and in the evening) and of each exogenous series the model reads (a daily swing around
 * 30,000). Not a measure of accuracy: it finds the model that cannot forecast at all (band tables
 * of the wrong size, weights that are NaN, coefficients that do not match their features).
 */
export function probeSeries(days: number, exogenous: readonly string[]): DailySeries {
  const hourly = (value: (day: number, hour: number) => number): Float64Array =>
    Float64Array.from({ length: days * HOURS_PER_DAY }, (_, i) => value(Math.floor(i / HOURS_PER_DAY), i % HOURS_PER_DAY));
  const daily = (hour: number): number => Math.sin((2 * Math.PI * (hour - 9)) / HOURS_PER_DAY);
  return {
    dates: Array.from({ length: days }, (_, d) => shiftDay(FIRST_DAY, d)),
    prices: hourly((day, hour) => 50 + 12 * daily(hour) + (day % 7 < 5 ? 4 : -4) + ((day * 7 + hour) % 5) * 0.5),
    exogenous: exogenous.map((name) => ({ name, values: hourly((day, hour) => 30_000 + 6_000 * daily(hour) + ((day * 11 + hour) % 7) * 100) })),
  };
}
