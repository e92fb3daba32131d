import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Site, SiteBody, SiteList, SiteListQuery, SiteParams, SiteUpdateBody } from '../../../../shared/api/sites.js';
import type { SiteService } from '../../assets/site-service.js';
import { callerOf } from '../authenticate.js';
import { contextOf } from '../request-context.js';

const security = [{ bearer: [] }];
const tags = ['sites'];

/** The organisation's sites: every member reads, traders and above write; another organisation's site answers 404. */
export const siteRoutes: FastifyPluginAsyncTypebox<{ sites: SiteService }> = async (app, { sites }) => {
  app.get('/api/sites', { schema: { tags, summary: 'Your organisation’s sites, optionally in one zone', security, querystring: SiteListQuery, response: { 200: SiteList } } }, async (request) =>
    sites.list(callerOf(request), request.query.zoneId),
  );

  app.post(
    '/api/sites',
    { schema: { tags, summary: 'Create a site (trader or above)', security, body: SiteBody, response: { 201: Site } } },
    async (request, reply) => reply.code(201).send(await sites.create(callerOf(request), request.body, contextOf(request))),
  );

  app.get('/api/sites/:id', { schema: { tags, summary: 'One of your organisation’s sites', security, params: SiteParams, response: { 200: Site } } }, async (request) =>
    sites.get(callerOf(request), request.params.id),
  );

  app.put(
    '/api/sites/:id',
    { schema: { tags, summary: 'Replace a site, from the version you read; a stale version answers 409 with the current site', security, params: SiteParams, body: SiteUpdateBody, response: { 200: Site } } },
    async (request) => sites.replace(callerOf(request), request.params.id, request.body, contextOf(request)),
  );

  app.delete(
    '/api/sites/:id',
    { schema: { tags, summary: 'Delete a site without assets', security, params: SiteParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await sites.delete(callerOf(request), request.params.id, contextOf(request));
      return reply.code(204).send(null);
    },
  );
};
