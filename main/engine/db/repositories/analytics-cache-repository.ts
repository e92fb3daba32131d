import { asDate, asJson, type SqlExecutor } from '../sql/executor.js';

export type AnalyticsKind = 'market_analytics' | 'anomaly_detection' | 'cross_market' | 'kpis';

export interface AnalyticsCacheEntry {
  key: string;
  kind: AnalyticsKind;
  /** The organisation whose data it is (KPIs); null for market data, which every organisation may read. */
  organizationId: string | null;
  params: Record<string, unknown>;
  payload: Record<string, unknown>;
  computedAt: Date;
  expiresAt: Date;
}

export interface CachedAnalytics {
  payload: unknown;
  computedAt: Date;
  expiresAt: Date;
}

interface Row {
  payload: unknown;
  computed_at: unknown;
  expires_at: unknown;
}

/** Computed analytics, kept until they expire (analytics_cache, both dialects). */
export class AnalyticsCacheRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** The entry under `key` if it has not expired at `now`: an expired row is never served, swept or not. */
  async get(key: string, now: Date): Promise<CachedAnalytics | null> {
    const row = await this.sql.one<Row>('SELECT payload, computed_at, expires_at FROM analytics_cache WHERE cache_key = ? AND expires_at > ?', [key, now]);
    return row ? { payload: asJson(row.payload), computedAt: asDate(row.computed_at), expiresAt: asDate(row.expires_at) } : null;
  }

  /** Stores an entry, replacing whatever the key held (a recomputation, or another terminal's). */
  async put(entry: AnalyticsCacheEntry): Promise<void> {
    await this.sql.run(
      `INSERT INTO analytics_cache (cache_key, organization_id, kind, params, payload, computed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (cache_key) DO UPDATE SET organization_id = excluded.organization_id, kind = excluded.kind, params = excluded.params,
         payload = excluded.payload, computed_at = excluded.computed_at, expires_at = excluded.expires_at`,
      [entry.key, entry.organizationId, entry.kind, entry.params, entry.payload, entry.computedAt, entry.expiresAt],
    );
  }

  /**
   * Deletes every answer computed from prices (all but the organisations' KPIs, which expire in
   * seconds): after an import has rewritten prices, no answer from before it is served.
   */
  forgetPriceAnswers(): Promise<number> {
    return this.sql.run("DELETE FROM analytics_cache WHERE kind <> 'kpis'");
  }

  /** Deletes every entry expired at `now` (by the expiry index); returns how many went. */
  sweep(now: Date): Promise<number> {
    return this.sql.run('DELETE FROM analytics_cache WHERE expires_at <= ?', [now]);
  }
}
