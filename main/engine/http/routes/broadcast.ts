import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { BroadcastAlertBody, BroadcastPriceBody, Delivered } from '../../../../shared/api/market-data.js';
import type { AdminService } from '../../admin/admin-service.js';
import { sessionOf } from '../../auth/caller.js';
import type { Clock } from '../../clock.js';
import type { MarketIngest } from '../../market/market-ingest.js';
import type { EventHub } from '../../stream/event-hub.js';
import { notFound } from '../app-error.js';
import { callerOf } from '../authenticate.js';

const security = [{ bearer: [] }];

/**
 * Messages to every terminal connected to this engine, from a platform administrator signed in
 * as a person: a price (stored and streamed like a feed tick, source "manual") or an alert.
 */
export const broadcastRoutes: FastifyPluginAsyncTypebox<{ market: MarketIngest; hub: EventHub; admin: AdminService; zoneIds: ReadonlySet<string>; clock: Clock }> = async (
  app,
  { market, hub, admin, zoneIds, clock },
) => {
  const operator = async (request: FastifyRequest): Promise<void> => {
    const caller = callerOf(request);
    sessionOf(caller);
    await admin.requirePlatformAdmin(caller);
  };

  app.post(
    '/api/ws/broadcast/price',
    { schema: { tags: ['stream'], summary: 'Publish a price to every subscriber, stored like a feed tick (platform administrators)', security, body: BroadcastPriceBody, response: { 200: Delivered } } },
    async (request) => {
      await operator(request);
      const { zoneId, price, at } = request.body;
      return { delivered: market.acceptManual({ zoneId, price, at: at ? new Date(at) : clock.now() }) };
    },
  );

  app.post(
    '/api/ws/broadcast/alert',
    { schema: { tags: ['stream'], summary: 'Send a market alert to every signed-in terminal (platform administrators)', security, body: BroadcastAlertBody, response: { 200: Delivered } } },
    async (request) => {
      await operator(request);
      const { zoneId = null, severity, title, message } = request.body;
      if (zoneId !== null && !zoneIds.has(zoneId)) throw notFound('ZONE_NOT_FOUND', `Market zone ${zoneId} does not exist`, { id: zoneId });
      return { delivered: hub.publish('market-alert', { id: randomUUID(), zoneId, severity, title, message, at: clock.now().toISOString(), source: 'broadcast' }) };
    },
  );
};
