import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MarketZone, ZoneList, ZoneParams } from '../../../../shared/api/zones.js';
import type { Databases } from '../../db/databases.js';
import { notFound } from '../app-error.js';

export const zoneRoutes: FastifyPluginAsyncTypebox<{ databases: Databases }> = async (app, { databases }) => {
  app.get(
    '/api/market-data/zones',
    {
      schema: {
        tags: ['market-data'],
        summary: 'The market-zone catalogue with each zone’s bidding rules',
        response: { 200: ZoneList },
      },
    },
    async () => {
      const zones = await databases.read((store) => store.zones.list());
      return { zones, count: zones.length };
    },
  );

  app.get(
    '/api/market-data/zones/:id',
    {
      schema: {
        tags: ['market-data'],
        summary: 'One market zone and its bidding rules',
        params: ZoneParams,
        response: { 200: MarketZone },
      },
    },
    async (request) => {
      const zone = await databases.read((store) => store.zones.get(request.params.id));
      if (!zone) throw notFound('ZONE_NOT_FOUND', `Market zone ${request.params.id} does not exist`, { id: request.params.id });
      return zone;
    },
  );
};
