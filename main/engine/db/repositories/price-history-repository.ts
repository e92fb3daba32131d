import type { OffsetSegment } from '../../../../shared/market/time-zone.js';
import { asDate, type SqlExecutor, type SqlParam } from '../sql/executor.js';
import type { Dialect } from '../store.js';
import type { MarketKind } from './market-data-repository.js';

/** One candle as the database aggregates it, in integer minor units. */
export interface StoredCandle {
  /** The bucket number: floor((wall-clock ms - origin) / width). */
  bucket: number;
  openMinor: number;
  highMinor: number;
  lowMinor: number;
  closeMinor: number;
  /** The mean price, unrounded. */
  meanMinor: number;
  count: number;
}

/** How prices fall into buckets: see CandleGrid, whose bucket number this computes in SQL. */
export interface BucketSpec {
  originWallMs: number;
  widthMs: number;
  offsets: readonly OffsetSegment[];
}

export interface IntervalPrice {
  intervalStart: Date;
  resolutionMinutes: number;
  priceMinor: number;
}

/** Epoch milliseconds of a row's time: SQLite stores them; PostgreSQL has timestamptz. */
const INSTANT_MS: Record<Dialect, string> = {
  sqlite: 'm.interval_start',
  postgres: 'CAST(EXTRACT(EPOCH FROM m.interval_start) * 1000 AS BIGINT)',
};
// Typed, so both dialects do integer arithmetic (better-sqlite3 binds numbers as REAL, and a bare parameter has no type in PostgreSQL).
const BIGINT = 'CAST(? AS BIGINT)';

/** The UTC offset in force at a row's time: a CASE over the range's clock changes (a couple a year). */
function offsetExpression(instant: string, segments: number): string {
  const changes = Array.from({ length: segments - 1 }, () => `WHEN ${instant} < ${BIGINT} THEN ${BIGINT}`);
  return changes.length === 0 ? BIGINT : `CASE ${changes.join(' ')} ELSE ${BIGINT} END`;
}

const offsetParams = (offsets: readonly OffsetSegment[]): number[] => [
  ...offsets.slice(1).flatMap((segment, index) => [segment.startsAt, offsets[index]?.offsetMs ?? 0]),
  offsets[offsets.length - 1]?.offsetMs ?? 0,
];

/**
 * OHLC in one statement, whatever the range: rows are numbered from the first and from the last
 * of their bucket (by time; a start stored at two resolutions, finest first), so open and close
 * are those rows' prices. Only the candles leave the database, never the rows.
 */
const candleStatement = (dialect: Dialect, segments: number): string => {
  const instant = INSTANT_MS[dialect];
  return `WITH bucketed AS (
      SELECT (${instant} + ${offsetExpression(instant, segments)} - ${BIGINT}) / ${BIGINT} AS bucket,
             m.interval_start AS at, m.resolution_minutes AS resolution, m.price_minor AS price
      FROM market_data m
      WHERE m.zone_id = ? AND m.market = ? AND m.interval_start >= ? AND m.interval_start < ? AND m.price_minor IS NOT NULL
    ), ranked AS (
      SELECT bucket, price,
             row_number() OVER (PARTITION BY bucket ORDER BY at, resolution) AS from_first,
             row_number() OVER (PARTITION BY bucket ORDER BY at DESC, resolution DESC) AS from_last
      FROM bucketed
    )
    SELECT bucket, max(CASE WHEN from_first = 1 THEN price END) AS open_minor, max(price) AS high_minor, min(price) AS low_minor,
           max(CASE WHEN from_last = 1 THEN price END) AS close_minor, CAST(avg(price) AS DOUBLE PRECISION) AS mean_minor, count(*) AS price_count
    FROM ranked GROUP BY bucket ORDER BY bucket`;
};

// Numbers in both dialects: the engine's PostgreSQL connections read bigint as a number.
interface CandleRow {
  bucket: number;
  open_minor: number;
  high_minor: number;
  low_minor: number;
  close_minor: number;
  mean_minor: number;
  price_count: number;
}

interface IntervalRow {
  interval_start: unknown;
  resolution_minutes: number;
  price_minor: number;
}

/** Reads of price history (candles, interval prices) over market_data, on either database. */
export class PriceHistoryRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** The candles of one zone and market over [from, to), oldest first; empty buckets have none. */
  async candles(zoneId: string, market: MarketKind, from: Date, to: Date, spec: BucketSpec): Promise<StoredCandle[]> {
    const params: SqlParam[] = [...offsetParams(spec.offsets), spec.originWallMs, spec.widthMs, zoneId, market, from, to];
    const rows = await this.sql.all<CandleRow>(candleStatement(this.sql.dialect, spec.offsets.length), params);
    return rows.map((row) => ({
      bucket: row.bucket,
      openMinor: row.open_minor,
      highMinor: row.high_minor,
      lowMinor: row.low_minor,
      closeMinor: row.close_minor,
      meanMinor: row.mean_minor,
      count: row.price_count,
    }));
  }

  /** The interval prices of one zone and market starting in [from, to), by resolution then time. */
  async intervals(zoneId: string, market: Exclude<MarketKind, 'tick'>, from: Date, to: Date): Promise<IntervalPrice[]> {
    const rows = await this.sql.all<IntervalRow>(
      `SELECT m.interval_start, m.resolution_minutes, m.price_minor FROM market_data m
       WHERE m.zone_id = ? AND m.market = ? AND m.interval_start >= ? AND m.interval_start < ? AND m.price_minor IS NOT NULL
       ORDER BY m.resolution_minutes, m.interval_start`,
      [zoneId, market, from, to],
    );
    return rows.map((row) => ({ intervalStart: asDate(row.interval_start), resolutionMinutes: row.resolution_minutes, priceMinor: row.price_minor }));
  }
}
