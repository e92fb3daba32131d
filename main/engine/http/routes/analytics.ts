import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AnomalyQuery, AnomalyReport, CrossMarketAnalysis, CrossMarketQuery, MarketAnalytics, MarketAnalyticsQuery, TradingDaySettings, TradingKpis } from '../../../../shared/api/analytics.js';
import type { AnalyticsService } from '../../analytics/analytics-service.js';
import type { OrganizationSettingService } from '../../organizations/organization-setting.js';
import { callerOf } from '../authenticate.js';
import { contextOf } from '../request-context.js';

const security = [{ bearer: [] }];
const tags = ['analytics'];

/** Analytics of stored prices (any signed-in caller) and the caller's organisation's trading KPIs. */
export const analyticsRoutes: FastifyPluginAsyncTypebox<{ analytics: AnalyticsService; tradingDay: OrganizationSettingService<typeof TradingDaySettings> }> = async (app, { analytics, tradingDay }) => {
  app.get(
    '/api/analytics/market-analytics',
    {
      schema: {
        tags,
        summary: 'One zone’s prices over a period: mean, weighted mean, volatility, extremes, percentiles, peak/off-peak/base, negative hours, duration curve',
        description: 'Over hourly prices (a quarter-hour market’s hour is the mean of its quarters). At most a year per request. Cached: 6 h for a period that ended over an hour ago, 5 min otherwise.',
        security,
        querystring: MarketAnalyticsQuery,
        response: { 200: MarketAnalytics },
      },
    },
    async (request) => analytics.marketAnalytics(request.query),
  );

  app.get(
    '/api/analytics/anomaly-detection',
    {
      schema: {
        tags,
        summary: 'Spikes and drops against a seasonal baseline, stale prices and missing hours of one zone over a period',
        description: 'Each anomaly with its time, value, expected value, score and kind. At most a year per request; cached as market-analytics.',
        security,
        querystring: AnomalyQuery,
        response: { 200: AnomalyReport },
      },
    },
    async (request) => analytics.anomalies(request.query),
  );

  app.get(
    '/api/analytics/cross-market-analysis',
    {
      schema: {
        tags,
        summary: 'Correlation matrices (levels and hourly changes; Pearson and Spearman), lagged correlation and spreads between 2 to 10 zones',
        description: 'At most a year per request; cached as market-analytics.',
        security,
        querystring: CrossMarketQuery,
        response: { 200: CrossMarketAnalysis },
      },
    },
    async (request) => analytics.crossMarket(request.query),
  );

  app.get(
    '/api/analytics/real-time-kpis',
    {
      schema: {
        tags,
        summary: 'Your organisation’s trading today (its trading day, midnight to midnight in the time zone of GET /api/trading-day): bids drafted, submitted and decided, acceptance rate, volumes, bid against market prices, estimated P&L, queued offline writes',
        description: 'Cached for 10 s, and recomputed at once when a bid changes; the same figures stream as `kpis` events.',
        security,
        response: { 200: TradingKpis },
      },
    },
    async (request) => analytics.kpisFor(callerOf(request)),
  );

  app.get(
    '/api/trading-day',
    { schema: { tags, summary: 'Your organisation’s trading-day time zone: the KPIs’ “today” runs from midnight to midnight there (UTC unless set)', security, response: { 200: TradingDaySettings } } },
    async (request) => tradingDay.get(callerOf(request)),
  );

  app.put(
    '/api/trading-day',
    {
      schema: {
        tags,
        summary: 'Set your organisation’s trading-day time zone (owners and admins)',
        description: 'An IANA name; answered as the time zone database spells it (`europe/berlin` is stored as `Europe/Berlin`). The KPIs move to the new day at once.',
        security,
        body: TradingDaySettings,
        response: { 200: TradingDaySettings },
      },
    },
    async (request) => tradingDay.set(callerOf(request), request.body, contextOf(request)),
  );
};
