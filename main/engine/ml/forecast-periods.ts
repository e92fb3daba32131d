import type { DayForecast, PredictedPeriod } from '../../../shared/api/ml.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { deliveryDay, periodStart } from '../../../shared/market/delivery-day.js';
import { wallClockMs } from '../../../shared/market/time-zone.js';

/**
 * A model's 24 hourly values of a delivery day back on the day's own hours: each hour takes the
 * value of its wall-clock hour, so a 23-hour day (clocks forward) leaves out the skipped hour's
 * value and a 25-hour day (clocks back) gives the repeated hour's value to both of its hours:
 * the inverse of how training data folds those days into 24 (training-data/hourly-grid.ts).
 */
export function periodsOfDay(zone: Pick<MarketZone, 'timezone' | 'mtu'>, day: string, forecast: DayForecast): PredictedPeriod[] {
  const hours = deliveryDay(zone, day, 60);
  return Array.from({ length: hours.periodCount }, (_, i) => {
    const start = periodStart(hours, i + 1);
    const hour = new Date(wallClockMs(zone.timezone, start)).getUTCHours();
    return {
      period: i + 1,
      start: new Date(start).toISOString(),
      end: new Date(periodStart(hours, i + 2)).toISOString(),
      point: forecast.point[hour]!,
      quantiles: forecast.quantiles.map((q) => q.values[hour]!),
    };
  });
}
