import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LatestPrices, LatestPricesQuery } from '../../../../shared/api/market-data.js';
import type { MarketIngest } from '../../market/market-ingest.js';

const security = [{ bearer: [] }];

/** Prices: what the feeds deliver, for signed-in callers (the zone catalogue alone is public). */
export const marketDataRoutes: FastifyPluginAsyncTypebox<{ market: MarketIngest }> = async (app, { market }) => {
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
};
