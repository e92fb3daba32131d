import type { MarketAnalytics } from '../../../shared/api/analytics.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { durationCurve } from '../../../shared/analytics/duration-curve.js';
import { mean, sampleStandardDeviation, stepChanges } from '../../../shared/analytics/moments.js';
import { isPeakHour, peakDefinitionOf } from '../../../shared/analytics/peak-hours.js';
import { wallClockHours } from '../../../shared/analytics/wall-clock-hours.js';
import { sampleQuantile, sortedFinite } from '../../../shared/analytics/quantiles.js';
import { minorToPrice } from '../../../shared/units.js';
import type { WeightSums } from '../db/repositories/hourly-price-repository.js';
import type { AnalyticsPeriod } from './analytics-request.js';
import { hourStart, type HourlyPrices } from './hourly-prices.js';

export type MarketAnalyticsFigures = Omit<MarketAnalytics, 'computedAt' | 'expiresAt'>;

/** Minor units (possibly fractional: a mean) to a price to the cent. */
export const toPrice = (minor: number): number => minorToPrice(Math.round(minor));
const toPriceOrNull = (minor: number | null): number | null => (minor === null ? null : toPrice(minor));

/** The extreme of `extremes` (the hours' lows or highs) and the start of its hour; null without prices. */
function extreme(prices: HourlyPrices, extremes: Float64Array, better: (a: number, b: number) => boolean): MarketAnalytics['min'] {
  let at = -1;
  for (let t = 0; t < extremes.length; t += 1) {
    const value = extremes[t] ?? Number.NaN;
    if (!Number.isNaN(value) && (at === -1 || better(value, extremes[at] ?? Number.NaN))) at = t;
  }
  return at === -1 ? null : { price: toPrice(extremes[at] ?? Number.NaN), hour: new Date(hourStart(prices, at)).toISOString() };
}

/**
 * The weighted mean by traded volume where volumes are stored; failing that by the load forecast
 * (the demand the market clears, which every ENTSO-E and epftoolbox import carries); failing
 * both, none.
 */
function weightedMean(prices: HourlyPrices): MarketAnalytics['volumeWeightedMean'] {
  const pick = (weight: 'volume' | 'load_forecast', sums: WeightSums): MarketAnalytics['volumeWeightedMean'] => ({
    value: sums.weight > 0 ? toPrice(sums.priceTimesWeight / sums.weight) : null,
    weight,
    weightedIntervals: sums.rows,
  });
  if (prices.volume.rows > 0) return pick('volume', prices.volume);
  if (prices.loadForecast.rows > 0) return pick('load_forecast', prices.loadForecast);
  return { value: null, weight: null, weightedIntervals: 0 };
}

/** Every figure of GET /api/analytics/market-analytics from a zone's hourly prices. */
export function marketAnalytics(prices: HourlyPrices, zone: MarketZone, period: AnalyticsPeriod, durationPoints: number): MarketAnalyticsFigures {
  const { values } = prices;
  const sorted = sortedFinite(values);
  const definition = peakDefinitionOf(zone);
  const wallHours = wallClockHours(hourStart(prices, 0), values.length, zone.timezone);
  const peak = values.map((value, t) => (isPeakHour(definition, wallHours[t] ?? Number.NaN) ? value : Number.NaN));
  const offPeak = values.map((value, t) => (Number.isNaN(peak[t] ?? Number.NaN) ? value : Number.NaN));
  const count = (series: Float64Array): number => series.reduce((n, value) => (Number.isNaN(value) ? n : n + 1), 0);
  const priceStd = sampleStandardDeviation(values);
  const changeStd = sampleStandardDeviation(stepChanges(values));
  const quantile = (level: number): number => toPrice(sampleQuantile(sorted, level));
  return {
    zoneId: zone.id,
    market: period.market,
    currency: zone.currency,
    timezone: zone.timezone,
    from: new Date(period.from).toISOString(),
    to: new Date(period.to).toISOString(),
    hours: sorted.length,
    periodHours: values.length,
    mean: toPriceOrNull(mean(values)),
    volumeWeightedMean: weightedMean(prices),
    volatility: { priceStd: toPriceOrNull(priceStd), changeStd: toPriceOrNull(changeStd) },
    min: extreme(prices, prices.lows, (a, b) => a < b),
    max: extreme(prices, prices.highs, (a, b) => a > b),
    percentiles: sorted.length === 0 ? null : { p5: quantile(0.05), p25: quantile(0.25), p50: quantile(0.5), p75: quantile(0.75), p95: quantile(0.95) },
    averages: {
      base: toPriceOrNull(mean(values)),
      peak: toPriceOrNull(mean(peak)),
      offPeak: toPriceOrNull(mean(offPeak)),
      peakHours: count(peak),
      offPeakHours: count(offPeak),
      peakDefinition: definition.description,
    },
    negativeHours: prices.negativeHours,
    durationCurve: durationCurve(sorted, durationPoints).map((point) => ({ hours: point.hours, price: toPrice(point.price) })),
  };
}
