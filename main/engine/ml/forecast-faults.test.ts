import { describe, expect, it } from 'vitest';
import { QUANTILE_LEVELS, type DayForecast } from '../../../shared/api/ml.js';
import { forecastFault } from './forecast-faults.js';

/** A well-formed day: a point of 40 + h and bands 2 apart around it. */
const day = (): DayForecast => {
  const point = Array.from({ length: 24 }, (_, h) => 40 + h);
  return { point, quantiles: QUANTILE_LEVELS.map((level, i) => ({ level, values: point.map((p) => p + 2 * (i - 3)) })) };
};

describe('a forecast fit to serve', () => {
  it('passes 24 finite hours at every level, in order', () => {
    expect(forecastFault(day())).toBeNull();
  });

  it('names what is wrong: the hours, a value that is not finite, the levels, bands that cross', () => {
    const cases: [string, (f: DayForecast) => void, string][] = [
      ['23 hours', (f) => f.point.pop(), '23 hours of point forecast, not 24'],
      ['NaN point', (f) => (f.point[5] = Number.NaN), 'a point forecast of NaN at hour 5'],
      ['infinite band', (f) => (f.quantiles[6]!.values[23] = Number.POSITIVE_INFINITY), 'Infinity at quantile 0.95, hour 23'],
      ['short band', (f) => (f.quantiles[0]!.values = f.quantiles[0]!.values.slice(0, 3)), '3 hours at quantile 0.05, not 24'],
      ['a level missing', (f) => f.quantiles.splice(3, 1), 'quantiles at [0.05, 0.1, 0.25, 0.75, 0.9, 0.95], not at [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95]'],
      ['crossed', (f) => (f.quantiles[4]!.values[7] = 0), 'quantile 0.75 below quantile 0.5 at hour 7'],
    ];
    for (const [name, spoil, fault] of cases) {
      const forecast = day();
      spoil(forecast);
      expect(forecastFault(forecast), name).toBe(fault);
    }
  });
});
