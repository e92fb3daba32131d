import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CandleQuery, CandleSeries, DayAheadProfile, DayAheadQuery, HistoryQuery, LatestPrices, LatestPricesQuery } from '../../../../shared/api/market-data.js';
import type { MarketIngest } from '../../market/market-ingest.js';
import type { PriceHistory } from '../../market/price-history.js';

const security = [{ bearer: [] }];

/** Prices: what the feeds deliver, for signed-in callers (the zone catalogue alone is public). */
export const marketDataRoutes: FastifyPluginAsyncTypebox<{ market: MarketIngest; history: PriceHistory }> = async (app, { market, history }) => {
  app.get(
    '/api/market-data/latest',
    {
      schema: {
        tags: ['market-data'],
        summary: 'The newest price of each zone (all zones, or those named in `zones`)',
        security,
        querystring: LatestPricesQuery,
        response: { 200: LatestPrices },
      },
    },
    async (request) => market.latest(request.query.zones?.split(',')),
  );

  app.get(
    '/api/market-data',
    {
      schema: {
        tags: ['market-data'],
        summary: 'OHLC candles of one zone over [from, to) at one resolution (ticks by default; `market` for interval prices); at most 5000 candles',
        security,
        querystring: CandleQuery,
        response: { 200: CandleSeries },
      },
    },
    async (request) => history.candles(request.query),
  );

  app.get(
    '/api/market-data/history',
    {
      schema: {
        tags: ['market-data'],
        summary: 'OHLC candles of one zone over [from, to) at the finest resolution giving at most `points` candles (default 1000)',
        security,
        querystring: HistoryQuery,
        response: { 200: CandleSeries },
      },
    },
    async (request) => history.history(request.query),
  );

  app.get(
    '/api/market-data/day-ahead',
    {
      schema: {
        tags: ['market-data'],
        summary: 'The day-ahead prices of one delivery day, period by period, in the zone’s timezone',
        security,
        querystring: DayAheadQuery,
        response: { 200: DayAheadProfile },
      },
    },
    async (request) => history.dayAhead(request.query),
  );
};
