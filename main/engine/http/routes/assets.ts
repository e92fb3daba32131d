import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Asset, AssetBody, AssetList, AssetListQuery, AssetParams, AssetPerformance, AssetPerformanceQuery, AssetUpdateBody } from '../../../../shared/api/assets.js';
import type { AssetService } from '../../assets/asset-service.js';
import { callerOf } from '../authenticate.js';
import { contextOf } from '../request-context.js';

const security = [{ bearer: [] }];
const tags = ['assets'];

/** The organisation's assets and their performance: every member reads, traders and above write; another organisation's asset answers 404. */
export const assetRoutes: FastifyPluginAsyncTypebox<{ assets: AssetService }> = async (app, { assets }) => {
  app.get(
    '/api/assets',
    { schema: { tags, summary: 'Your organisation’s assets, filtered by kind, zone, site or status', security, querystring: AssetListQuery, response: { 200: AssetList } } },
    async (request) => assets.list(callerOf(request), request.query),
  );

  app.post(
    '/api/assets',
    { schema: { tags, summary: 'Create an asset (trader or above); storage needs its storage parameters', security, body: AssetBody, response: { 201: Asset } } },
    async (request, reply) => reply.code(201).send(await assets.create(callerOf(request), request.body, contextOf(request))),
  );

  app.get('/api/assets/:id', { schema: { tags, summary: 'One of your organisation’s assets', security, params: AssetParams, response: { 200: Asset } } }, async (request) =>
    assets.get(callerOf(request), request.params.id),
  );

  app.put(
    '/api/assets/:id',
    { schema: { tags, summary: 'Replace an asset, from the version you read; a stale version answers 409 with the current asset', security, params: AssetParams, body: AssetUpdateBody, response: { 200: Asset } } },
    async (request) => assets.replace(callerOf(request), request.params.id, request.body, contextOf(request)),
  );

  app.delete(
    '/api/assets/:id',
    { schema: { tags, summary: 'Delete an asset no bid names (retire one that has bids)', security, params: AssetParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await assets.delete(callerOf(request), request.params.id, contextOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/assets/:id/performance',
    {
      schema: {
        tags,
        summary: 'Per delivery day: bids that reached the market, energy offered, energy cleared and its market value (at most 366 days)',
        security,
        params: AssetParams,
        querystring: AssetPerformanceQuery,
        response: { 200: AssetPerformance },
      },
    },
    async (request) => assets.performance(callerOf(request), request.params.id, request.query.from, request.query.to),
  );
};
