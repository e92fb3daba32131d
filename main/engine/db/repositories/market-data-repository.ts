import { asDate, placeholdersFor, type SqlExecutor, type SqlParam } from '../sql/executor.js';

export type MarketKind = 'tick' | 'day_ahead' | 'intraday' | 'realtime';
export type PriceSource = 'simulator' | 'replay' | 'import' | 'feed' | 'manual';

/** One price of market_data: a tick (resolution 0) or an interval's price, in integer minor units. */
export interface StoredPrice {
  zoneId: string;
  market: MarketKind;
  /** 0 for ticks; else the interval length: 1, 5, 15, 30, 60 or 1440 minutes. */
  resolutionMinutes: number;
  intervalStart: Date;
  priceMinor: number;
  source: PriceSource;
  receivedAt: Date;
}

/** What a market publishes beside an interval's price, in kW; null where it was not published. */
export interface IntervalFundamentals {
  loadForecastKw: number | null;
  loadActualKw: number | null;
  generationKw: number | null;
  solarForecastKw: number | null;
  windOnshoreForecastKw: number | null;
  windOffshoreForecastKw: number | null;
}

/** An interval's price with the fundamentals published for it (an imported history). */
export interface IntervalPrice extends StoredPrice {
  fundamentals: IntervalFundamentals;
}

/** Where a page of history continues: strictly after this interval, in replay order. */
export interface HistoryCursor {
  intervalStart: Date;
  zoneId: string;
  resolutionMinutes: number;
}

/** The stored span of one zone's prices in one market. */
export interface StoredRange {
  zoneId: string;
  first: Date;
  last: Date;
}

interface Row {
  zone_id: string;
  market: MarketKind;
  resolution_minutes: number;
  interval_start: unknown;
  price_minor: number | string;
  source: PriceSource;
  received_at: unknown;
}

const KEY_COLUMNS = ['zone_id', 'market', 'resolution_minutes', 'interval_start'] as const;
const COLUMNS = [...KEY_COLUMNS, 'price_minor', 'source', 'received_at'] as const;
const FUNDAMENTAL_COLUMNS = ['load_forecast_kw', 'load_actual_kw', 'generation_kw', 'solar_forecast_kw', 'wind_onshore_forecast_kw', 'wind_offshore_forecast_kw'] as const;
const INTERVAL_COLUMNS = [...COLUMNS, ...FUNDAMENTAL_COLUMNS] as const;
const SELECTED_COLUMNS = COLUMNS.map((c) => `m.${c}`).join(', ');
/** Rows per INSERT: well inside both databases' parameter limits, large enough to amortise a round trip. */
const ROWS_PER_STATEMENT = 500;

// A price received again (a replay, a corrected publication, a file imported twice) replaces
// the stored one, in the columns this write carries: a tick never blanks imported fundamentals.
const upsertStatement = (columns: readonly string[], rows: number): string =>
  `INSERT INTO market_data (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}
   ON CONFLICT (${KEY_COLUMNS.join(', ')}) DO UPDATE SET ${columns.filter((c) => !(KEY_COLUMNS as readonly string[]).includes(c)).map((c) => `${c} = excluded.${c}`).join(', ')}`;

const priceValues = (p: StoredPrice): SqlParam[] => [p.zoneId, p.market, p.resolutionMinutes, p.intervalStart, p.priceMinor, p.source, p.receivedAt];
const intervalValues = (p: IntervalPrice): SqlParam[] => {
  const f = p.fundamentals;
  return [...priceValues(p), f.loadForecastKw, f.loadActualKw, f.generationKw, f.solarForecastKw, f.windOnshoreForecastKw, f.windOffshoreForecastKw];
};

const decode = (row: Row): StoredPrice => ({
  zoneId: row.zone_id,
  market: row.market,
  resolutionMinutes: row.resolution_minutes,
  intervalStart: asDate(row.interval_start),
  // bigint in PostgreSQL arrives as text when it could exceed 2^53; prices never do.
  priceMinor: Number(row.price_minor),
  source: row.source,
  receivedAt: asDate(row.received_at),
});

/** Prices in either database, written in batches (one transaction per batch: all or nothing). */
export class MarketDataRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** Writes prices (ticks, intervals), replacing any stored for the same interval. */
  insertMany(prices: readonly StoredPrice[]): Promise<number> {
    return this.upsert(prices, COLUMNS, priceValues);
  }

  /**
   * Writes interval prices with their fundamentals, all in one transaction; `onProgress` hears
   * how many are written after each statement (an import's progress bar).
   */
  insertIntervals(prices: readonly IntervalPrice[], onProgress?: (written: number) => void): Promise<number> {
    return this.upsert(prices, INTERVAL_COLUMNS, intervalValues, onProgress);
  }

  private async upsert<T>(rows: readonly T[], columns: readonly string[], values: (row: T) => SqlParam[], onProgress?: (written: number) => void): Promise<number> {
    if (rows.length === 0) return 0;
    return this.sql.transaction(async (tx) => {
      let written = 0;
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
        written += await tx.run(upsertStatement(columns, chunk.length), chunk.flatMap(values));
        onProgress?.(written);
      }
      return written;
    });
  }

  /**
   * Deletes raw ticks older than `cutoff`, at most `limit` rows per statement (a short write lock
   * each time, so the writer queue never stalls behind one huge delete); returns how many went.
   */
  async deleteTicksBefore(cutoff: Date, limit = 10_000): Promise<number> {
    let deleted = 0;
    for (;;) {
      const removed = await this.sql.run(
        `DELETE FROM market_data WHERE (zone_id, market, resolution_minutes, interval_start) IN
           (SELECT zone_id, market, resolution_minutes, interval_start FROM market_data WHERE market = 'tick' AND interval_start < ? LIMIT ?)`,
        [cutoff, limit],
      );
      deleted += removed;
      if (removed < limit) return deleted;
    }
  }

  /** Prices of intervals starting at or after `from`, oldest first, at most `limit` (a listener catching up). */
  async startingFrom(from: Date, limit: number): Promise<StoredPrice[]> {
    const rows = await this.sql.all<Row>(`SELECT ${SELECTED_COLUMNS} FROM market_data m WHERE m.interval_start >= ? AND m.price_minor IS NOT NULL ORDER BY m.interval_start LIMIT ?`, [from, limit]);
    return rows.map(decode);
  }

  /** The first and last stored interval of each zone that has prices in one market. */
  async ranges(market: MarketKind): Promise<StoredRange[]> {
    const rows = await this.sql.all<{ zone_id: string; first: unknown; last: unknown }>(
      'SELECT zone_id, min(interval_start) AS first, max(interval_start) AS last FROM market_data WHERE market = ? GROUP BY zone_id ORDER BY zone_id',
      [market],
    );
    return rows.map((row) => ({ zoneId: row.zone_id, first: asDate(row.first), last: asDate(row.last) }));
  }

  /**
   * One page of a market's prices for the zones named, in time order (zone, then resolution,
   * within an instant), strictly after `after`: a replay reads history a page at a time, never whole.
   */
  async pageAfter(market: MarketKind, zoneIds: readonly string[], after: HistoryCursor, limit: number): Promise<StoredPrice[]> {
    if (zoneIds.length === 0) return [];
    const zoneFilter = ` AND m.zone_id IN (${zoneIds.map(() => '?').join(', ')})`;
    const rows = await this.sql.all<Row>(
      `SELECT ${SELECTED_COLUMNS} FROM market_data m
       WHERE m.market = ?${zoneFilter} AND m.price_minor IS NOT NULL AND (m.interval_start, m.zone_id, m.resolution_minutes) > (?, ?, ?)
       ORDER BY m.interval_start, m.zone_id, m.resolution_minutes
       LIMIT ?`,
      [market, ...zoneIds, after.intervalStart, after.zoneId, after.resolutionMinutes, limit],
    );
    return rows.map(decode);
  }

  /** The newest price of each zone in one market (all zones, or those named). */
  async latest(market: MarketKind, zoneIds?: readonly string[]): Promise<StoredPrice[]> {
    const zoneFilter = zoneIds && zoneIds.length > 0 ? ` AND zone_id IN (${placeholdersFor(zoneIds)})` : '';
    // Each zone's newest start found once, by grouping: a subquery per row (correlated) made this
    // quadratic in a zone's stored prices, seconds on PostgreSQL with a few weeks of history.
    const rows = await this.sql.all<Row>(
      `SELECT ${SELECTED_COLUMNS} FROM market_data m
       JOIN (SELECT zone_id, max(interval_start) AS newest FROM market_data WHERE market = ?${zoneFilter} GROUP BY zone_id) n
         ON n.zone_id = m.zone_id AND n.newest = m.interval_start
       WHERE m.market = ?
       ORDER BY m.zone_id, m.resolution_minutes`,
      [market, ...(zoneIds ?? []), market],
    );
    // Two resolutions may share the newest start; the finest is the latest price.
    const seen = new Set<string>();
    return rows.map(decode).filter((price) => !seen.has(price.zoneId) && seen.add(price.zoneId));
  }
}
