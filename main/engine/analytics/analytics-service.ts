import {
  AnomalyReport,
  CrossMarketAnalysis,
  DEFAULT_ANOMALY_THRESHOLD,
  DEFAULT_DURATION_POINTS,
  DEFAULT_STALE_HOURS,
  MarketAnalytics,
  TradingKpis,
  type AnomalyQuery,
  type CrossMarketQuery,
  type MarketAnalyticsQuery,
} from '../../../shared/api/analytics.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { organizationAccess } from '../auth/organization-access.js';
import type { Caller } from '../auth/caller.js';
import type { Clock } from '../clock.js';
import type { Databases } from '../db/databases.js';
import type { AnalyticsCache } from './analytics-cache.js';
import { checkedPeriod, checkedZone, checkedZoneList, type AnalyticsPeriod } from './analytics-request.js';
import { anomalyReport } from './anomaly-report.js';
import { KPI_TTL_MS, periodTtlMs } from './cache-policy.js';
import { crossMarket } from './cross-market.js';
import { readHourlyPrices } from './hourly-prices.js';
import { marketAnalytics } from './market-analytics.js';
import { settingOf } from '../organizations/organization-setting.js';
import { TRADING_DAY, tradingDay, type TradingDay } from './trading-day.js';
import { tradingKpis } from './trading-kpis.js';

/** A period's normalised parameters: instants as ISO strings to the millisecond, the market made explicit. */
const periodParams = (period: AnalyticsPeriod): Record<string, unknown> => ({ market: period.market, from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() });

/**
 * The four analytics of issue 7: each request checked first (a bad one touches nothing), then
 * answered from analytics_cache or computed from the database and cached.
 */
export class AnalyticsService {
  private readonly zones: ReadonlyMap<string, MarketZone>;
  /** Organisations whose bids changed since their KPIs were last computed here: their cached KPIs are not served. */
  private readonly staleKpis = new Set<string>();

  constructor(
    private readonly databases: Databases,
    zones: readonly MarketZone[],
    private readonly cache: AnalyticsCache,
    private readonly clock: Clock,
  ) {
    this.zones = new Map(zones.map((zone) => [zone.id, zone]));
  }

  async marketAnalytics(query: MarketAnalyticsQuery): Promise<MarketAnalytics> {
    const zone = checkedZone(this.zones, query.zone);
    const period = checkedPeriod(query);
    const points = query.points ?? DEFAULT_DURATION_POINTS;
    return this.cache.through(
      { kind: 'market_analytics', params: { zone: zone.id, ...periodParams(period), points }, organizationId: null, ttlMs: this.periodTtl(period), schema: MarketAnalytics },
      async () => marketAnalytics(await readHourlyPrices(this.databases, zone.id, period), zone, period, points),
    );
  }

  async anomalies(query: AnomalyQuery): Promise<AnomalyReport> {
    const zone = checkedZone(this.zones, query.zone);
    const period = checkedPeriod(query);
    const settings = { threshold: query.threshold ?? DEFAULT_ANOMALY_THRESHOLD, staleHours: query.staleHours ?? DEFAULT_STALE_HOURS };
    return this.cache.through(
      { kind: 'anomaly_detection', params: { zone: zone.id, ...periodParams(period), ...settings }, organizationId: null, ttlMs: this.periodTtl(period), schema: AnomalyReport },
      async () => anomalyReport(await readHourlyPrices(this.databases, zone.id, period), zone, period, settings, this.clock.now().getTime()),
    );
  }

  async crossMarket(query: CrossMarketQuery): Promise<CrossMarketAnalysis> {
    const zones = checkedZoneList(this.zones, query.zones);
    const period = checkedPeriod(query);
    return this.cache.through(
      { kind: 'cross_market', params: { zones: zones.map((zone) => zone.id), ...periodParams(period) }, organizationId: null, ttlMs: this.periodTtl(period), schema: CrossMarketAnalysis },
      async () => {
        const series = [];
        for (const zone of zones) series.push(await readHourlyPrices(this.databases, zone.id, period));
        return crossMarket(zones, series, period);
      },
    );
  }

  /** The caller's organisation's KPIs (any member may read them). */
  async kpisFor(caller: Caller): Promise<TradingKpis> {
    const { organizationId } = await this.databases.read((store) => organizationAccess(store, caller));
    return this.kpis(organizationId);
  }

  /** The organisation's KPIs, from the cache while fresh and no bid of it has changed since. */
  async kpis(organizationId: string): Promise<TradingKpis> {
    if (this.staleKpis.has(organizationId)) return this.refreshKpis(organizationId);
    const day = await this.tradingDayOf(organizationId);
    return this.cache.through(this.kpiSpec(organizationId, day), () => tradingKpis(this.databases, this.zones, organizationId, day));
  }

  /** A bid of the organisation changed (or its trading day did): its cached KPIs are out of date from now on (a request right after the change must see it). */
  markKpisStale(organizationId: string): void {
    this.staleKpis.add(organizationId);
  }

  /** The organisation's KPIs computed now and cached. */
  async refreshKpis(organizationId: string): Promise<TradingKpis> {
    // Cleared before reading: a change heard while computing marks them stale again.
    this.staleKpis.delete(organizationId);
    const day = await this.tradingDayOf(organizationId);
    return this.cache.refresh(this.kpiSpec(organizationId, day), () => tradingKpis(this.databases, this.zones, organizationId, day));
  }

  /** The trading day under way now on the organisation's clock. */
  private async tradingDayOf(organizationId: string): Promise<TradingDay> {
    const { timeZone } = await this.databases.read((store) => settingOf(store, organizationId, TRADING_DAY));
    return tradingDay(this.clock.now(), timeZone);
  }

  private kpiSpec(organizationId: string, { day, timeZone }: TradingDay) {
    return { kind: 'kpis', params: { day, timeZone }, organizationId, ttlMs: KPI_TTL_MS, schema: TradingKpis } as const;
  }

  private periodTtl(period: AnalyticsPeriod): number {
    return periodTtlMs(period.to, this.clock.now().getTime());
  }
}
