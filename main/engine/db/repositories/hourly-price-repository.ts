import type { SqlExecutor } from '../sql/executor.js';
import type { Dialect } from '../store.js';
import type { MarketKind } from './market-data-repository.js';

/**
 * The interval prices of one hour at one resolution, aggregated by the database (a quarter-hour
 * market's hour is four rows; an hour stored at two resolutions comes as two groups). Prices in
 * minor units, weights in kW; the weighted sums are over the rows that have the weight.
 */
export interface HourlyPriceGroup {
  /** Hours since the epoch (UTC): the hour starts at hour x 3 600 000 ms. */
  hour: number;
  resolutionMinutes: number;
  count: number;
  meanMinor: number;
  minMinor: number;
  maxMinor: number;
  /** Rows priced below zero. */
  negativeCount: number;
  volume: WeightSums;
  loadForecast: WeightSums;
}

/** Σ weight and Σ price x weight over the rows with a weight, and how many rows had one. */
export interface WeightSums {
  rows: number;
  weight: number;
  priceTimesWeight: number;
}

/** The hour (since the epoch) a row's interval starts in. */
const HOUR_OF: Record<Dialect, string> = {
  sqlite: 'm.interval_start / 3600000',
  postgres: 'CAST(floor(EXTRACT(EPOCH FROM m.interval_start) / 3600) AS BIGINT)',
};

// Sums as DOUBLE PRECISION: PostgreSQL's sum(bigint) is numeric, which arrives as text.
const weightSums = (column: string): string =>
  `count(m.${column}) AS ${column}_rows, CAST(coalesce(sum(m.${column}), 0) AS DOUBLE PRECISION) AS ${column}_sum,
   CAST(coalesce(sum(m.price_minor * m.${column}), 0) AS DOUBLE PRECISION) AS ${column}_priced`;

const statement = (dialect: Dialect): string => `SELECT ${HOUR_OF[dialect]} AS hour, m.resolution_minutes, count(*) AS price_count,
    CAST(avg(m.price_minor) AS DOUBLE PRECISION) AS mean_minor, min(m.price_minor) AS min_minor, max(m.price_minor) AS max_minor,
    sum(CASE WHEN m.price_minor < 0 THEN 1 ELSE 0 END) AS negative_count,
    ${weightSums('volume_kw')}, ${weightSums('load_forecast_kw')}
  FROM market_data m
  WHERE m.zone_id = ? AND m.market = ? AND m.resolution_minutes > 0 AND m.interval_start >= ? AND m.interval_start < ? AND m.price_minor IS NOT NULL
  GROUP BY 1, 2 ORDER BY 1, 2`;

interface Row {
  hour: number;
  resolution_minutes: number;
  price_count: number;
  mean_minor: number;
  min_minor: number;
  max_minor: number;
  negative_count: number;
  volume_kw_rows: number;
  volume_kw_sum: number;
  volume_kw_priced: number;
  load_forecast_kw_rows: number;
  load_forecast_kw_sum: number;
  load_forecast_kw_priced: number;
}

/** Hourly aggregates of interval prices for analytics, on either database. */
export class HourlyPriceRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** The groups of intervals starting in [from, to) of one zone and market, by hour then resolution. */
  async hourly(zoneId: string, market: Exclude<MarketKind, 'tick'>, from: Date, to: Date): Promise<HourlyPriceGroup[]> {
    const rows = await this.sql.all<Row>(statement(this.sql.dialect), [zoneId, market, from, to]);
    return rows.map((row) => ({
      hour: row.hour,
      resolutionMinutes: row.resolution_minutes,
      count: row.price_count,
      meanMinor: row.mean_minor,
      minMinor: row.min_minor,
      maxMinor: row.max_minor,
      negativeCount: row.negative_count,
      volume: { rows: row.volume_kw_rows, weight: row.volume_kw_sum, priceTimesWeight: row.volume_kw_priced },
      loadForecast: { rows: row.load_forecast_kw_rows, weight: row.load_forecast_kw_sum, priceTimesWeight: row.load_forecast_kw_priced },
    }));
  }
}
