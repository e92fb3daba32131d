import { MAX_LAG_HOURS, type CrossMarketAnalysis, type ZonePair } from '../../../shared/api/analytics.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { pearson, ranked, spearmanOfRanked, strongestLag } from '../../../shared/analytics/correlation.js';
import { mean, sampleStandardDeviation, stepChanges } from '../../../shared/analytics/moments.js';
import type { AnalyticsPeriod } from './analytics-request.js';
import type { HourlyPrices } from './hourly-prices.js';
import { toPrice } from './market-analytics.js';

export type CrossMarketFigures = Omit<CrossMarketAnalysis, 'computedAt' | 'expiresAt'>;

const LAGS = Array.from({ length: 2 * MAX_LAG_HOURS + 1 }, (_, i) => i - MAX_LAG_HOURS);

/** Coefficients to four decimals: enough for a heatmap and a table, and a fifth of the JSON. */
const rounded = (r: number | null): number | null => (r === null ? null : Math.round(r * 10_000) / 10_000);

/** The spread a - b over the hours both have a price; null when they share none. */
function spread(a: Float64Array, b: Float64Array): ZonePair['spread'] {
  const differences = a.map((value, t) => value - (b[t] ?? Number.NaN));
  const common = differences.filter((value) => !Number.isNaN(value));
  const average = mean(common);
  if (average === null) return null;
  const std = sampleStandardDeviation(common);
  return {
    mean: toPrice(average),
    std: std === null ? null : toPrice(std),
    min: toPrice(common.reduce((low, value) => Math.min(low, value))),
    max: toPrice(common.reduce((high, value) => Math.max(high, value))),
    shareAAboveB: common.filter((value) => value > 0).length / common.length,
  };
}

function pair(zoneA: MarketZone, zoneB: MarketZone, a: Float64Array, b: Float64Array, changesA: Float64Array, changesB: Float64Array): ZonePair {
  const levels = LAGS.map((lag) => rounded(pearson(a, b, lag)));
  const changes = LAGS.map((lag) => rounded(pearson(changesA, changesB, lag)));
  const commonHours = a.reduce((n, value, t) => (Number.isNaN(value) || Number.isNaN(b[t] ?? Number.NaN) ? n : n + 1), 0);
  // A spread between currencies would mix units; one with no common hour has nothing to measure.
  const sameCurrency = zoneA.currency === zoneB.currency;
  const spreadFigures = sameCurrency ? spread(a, b) : null;
  return {
    a: zoneA.id,
    b: zoneB.id,
    commonHours,
    lagged: { lags: LAGS, levels, changes, strongest: { levels: strongestLag(LAGS, levels), changes: strongestLag(LAGS, changes) } },
    spread: spreadFigures,
    spreadUnavailable: !sameCurrency ? `${zoneA.id} prices in ${zoneA.currency}, ${zoneB.id} in ${zoneB.currency}` : spreadFigures === null ? 'the zones have no hour priced in common' : null,
  };
}

/** Correlations (levels and changes, Pearson and Spearman), lagged correlations and spreads of the zones' hourly prices. */
export function crossMarket(zones: readonly MarketZone[], series: readonly HourlyPrices[], period: AnalyticsPeriod): CrossMarketFigures {
  const levels = series.map((prices) => prices.values);
  const changes = levels.map((values) => stepChanges(values));
  // Symmetric: each pair computed once; the diagonal is 1 where a series varies at all.
  const matrix = <Series>(of: readonly Series[], coefficient: (x: Series, y: Series) => number | null): (number | null)[][] => {
    const cells = of.map((x, i) => of.map((y, j) => (j < i ? null : rounded(coefficient(x, y)))));
    return cells.map((row, i) => row.map((cell, j) => (j < i ? (cells[j]?.[i] ?? null) : cell)));
  };
  const pairs: ZonePair[] = [];
  zones.forEach((zoneA, i) => {
    zones.slice(i + 1).forEach((zoneB, offset) => {
      const j = i + 1 + offset;
      pairs.push(pair(zoneA, zoneB, levels[i] ?? new Float64Array(), levels[j] ?? new Float64Array(), changes[i] ?? new Float64Array(), changes[j] ?? new Float64Array()));
    });
  });
  return {
    zones: zones.map((zone) => zone.id),
    market: period.market,
    from: new Date(period.from).toISOString(),
    to: new Date(period.to).toISOString(),
    hours: levels.map((values) => values.reduce((n, value) => (Number.isNaN(value) ? n : n + 1), 0)),
    correlation: {
      levels: { pearson: matrix(levels, pearson), spearman: matrix(levels.map(ranked), spearmanOfRanked) },
      changes: { pearson: matrix(changes, pearson), spearman: matrix(changes.map(ranked), spearmanOfRanked) },
    },
    pairs,
  };
}
