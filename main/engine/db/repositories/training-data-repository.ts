import { asDate, type SqlExecutor } from '../sql/executor.js';

/** A day-ahead interval with the fundamentals forecasting reads: integer minor units and kW, null where not published. */
export interface TrainingInterval {
  intervalStart: Date;
  resolutionMinutes: number;
  priceMinor: number;
  loadForecastKw: number | null;
  solarForecastKw: number | null;
  windOnshoreForecastKw: number | null;
  windOffshoreForecastKw: number | null;
}

interface Row {
  interval_start: unknown;
  resolution_minutes: number;
  price_minor: number;
  load_forecast_kw: number | null;
  solar_forecast_kw: number | null;
  wind_onshore_forecast_kw: number | null;
  wind_offshore_forecast_kw: number | null;
}

/** Reads of day-ahead history for forecasting models (market_data), on either database. */
export class TrainingDataRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** One zone's day-ahead intervals starting in [from, to), oldest first. */
  async dayAhead(zoneId: string, from: Date, to: Date): Promise<TrainingInterval[]> {
    const rows = await this.sql.all<Row>(
      `SELECT m.interval_start, m.resolution_minutes, m.price_minor, m.load_forecast_kw, m.solar_forecast_kw, m.wind_onshore_forecast_kw, m.wind_offshore_forecast_kw
       FROM market_data m WHERE m.zone_id = ? AND m.market = 'day_ahead' AND m.interval_start >= ? AND m.interval_start < ?
       ORDER BY m.interval_start, m.resolution_minutes`,
      [zoneId, from, to],
    );
    return rows.map((row) => ({
      intervalStart: asDate(row.interval_start),
      resolutionMinutes: row.resolution_minutes,
      priceMinor: row.price_minor,
      loadForecastKw: row.load_forecast_kw,
      solarForecastKw: row.solar_forecast_kw,
      windOnshoreForecastKw: row.wind_onshore_forecast_kw,
      windOffshoreForecastKw: row.wind_offshore_forecast_kw,
    }));
  }

  /** The first and last stored day-ahead interval of a zone; null when it has none. */
  async dayAheadSpan(zoneId: string): Promise<{ first: Date; last: Date } | null> {
    const row = await this.sql.one<{ first: unknown; last: unknown }>(
      "SELECT min(interval_start) AS first, max(interval_start) AS last FROM market_data WHERE zone_id = ? AND market = 'day_ahead'",
      [zoneId],
    );
    return row?.first == null || row.last == null ? null : { first: asDate(row.first), last: asDate(row.last) };
  }
}
