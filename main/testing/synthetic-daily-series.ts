import { HOURS_PER_DAY, type DailySeries } from '../engine/ml/daily-series.js';
import { SeededRandom } from '../engine/market/seeded-random.js';

/**
 * A made-up market with the structure the forecasters are meant to learn, for tests that must
 * not depend on ../shared/data: a daily shape, a weekend dip, a slowly wandering level, and a
 * load forecast that moves the price (so exogenous inputs carry signal). Days run from Monday
 * 2018-01-01; the same seed gives the same series.
 */
export function syntheticDailySeries(days: number, seed = 7): DailySeries {
  const random = new SeededRandom(seed);
  const dates = Array.from({ length: days }, (_, d) => new Date(Date.UTC(2018, 0, 1 + d)).toISOString().slice(0, 10));
  const prices = new Float64Array(days * HOURS_PER_DAY);
  const load = new Float64Array(days * HOURS_PER_DAY);
  let level = 40;
  for (let d = 0; d < days; d++) {
    level += 0.8 * random.normal() + 0.05 * (40 - level);
    const weekend = d % 7 >= 5;
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      const i = d * HOURS_PER_DAY + h;
      load[i] = 1000 + 250 * Math.sin((2 * Math.PI * (h - 6)) / HOURS_PER_DAY) - (weekend ? 150 : 0) + 30 * random.normal();
      prices[i] = level + 0.03 * (load[i] - 1000) + random.normal();
    }
  }
  return { dates, prices, exogenous: [{ name: 'load forecast', values: load }] };
}
