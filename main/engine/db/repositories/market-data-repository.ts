import { asDate, type SqlExecutor, type SqlParam } from '../sql/executor.js';

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

interface Row {
  zone_id: string;
  market: MarketKind;
  resolution_minutes: number;
  interval_start: unknown;
  price_minor: number | string;
  source: PriceSource;
  received_at: unknown;
}

const COLUMNS = ['zone_id', 'market', 'resolution_minutes', 'interval_start', 'price_minor', 'source', 'received_at'] as const;
const SELECTED_COLUMNS = COLUMNS.map((c) => `m.${c}`).join(', ');
/** Rows per INSERT: well inside both databases' parameter limits, large enough to amortise a round trip. */
const ROWS_PER_STATEMENT = 500;

// A price received again (a replay, a corrected publication) replaces the stored one.
const insertStatement = (rows: number): string =>
  `INSERT INTO market_data (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')}
   ON CONFLICT (zone_id, market, resolution_minutes, interval_start) DO UPDATE SET price_minor = excluded.price_minor, source = excluded.source, received_at = excluded.received_at`;

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

  async insertMany(prices: readonly StoredPrice[]): Promise<number> {
    if (prices.length === 0) return 0;
    return this.sql.transaction(async (tx) => {
      let written = 0;
      for (let start = 0; start < prices.length; start += ROWS_PER_STATEMENT) {
        const chunk = prices.slice(start, start + ROWS_PER_STATEMENT);
        const params: SqlParam[] = chunk.flatMap((p) => [p.zoneId, p.market, p.resolutionMinutes, p.intervalStart, p.priceMinor, p.source, p.receivedAt]);
        written += await tx.run(insertStatement(chunk.length), params);
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

  /** The newest price of each zone in one market (all zones, or those named). */
  async latest(market: MarketKind, zoneIds?: readonly string[]): Promise<StoredPrice[]> {
    const zoneFilter = zoneIds && zoneIds.length > 0 ? ` AND m.zone_id IN (${zoneIds.map(() => '?').join(', ')})` : '';
    const rows = await this.sql.all<Row>(
      `SELECT ${SELECTED_COLUMNS} FROM market_data m
       WHERE m.market = ?${zoneFilter}
         AND m.interval_start = (SELECT max(i.interval_start) FROM market_data i WHERE i.zone_id = m.zone_id AND i.market = m.market)
       ORDER BY m.zone_id, m.resolution_minutes`,
      [market, ...(zoneIds ?? [])],
    );
    // Two resolutions may share the newest start; the finest is the latest price.
    const seen = new Set<string>();
    return rows.map(decode).filter((price) => !seen.has(price.zoneId) && seen.add(price.zoneId));
  }
}
