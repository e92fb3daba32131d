import type { FastifyInstance, RouteOptions } from 'fastify';
import { ErrorEnvelope } from '../../../shared/api/errors.js';

export interface RouteSummary {
  method: string;
  url: string;
  schema: RouteOptions['schema'];
}

/** Routes served for the documentation UI's own files; they are assets, not API operations. */
export const DOCS_ASSET_PREFIX = '/api/docs';

/**
 * Records every route as it is registered (the route table the tests walk) and gives every
 * API route the error envelope as its 4xx and 5xx response, so the contract is declared once.
 */
export function collectRoutes(app: FastifyInstance): RouteSummary[] {
  const routes: RouteSummary[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.startsWith('/api') && !route.url.startsWith(DOCS_ASSET_PREFIX) && route.schema) {
      route.schema.response = { '4xx': ErrorEnvelope, '5xx': ErrorEnvelope, ...(route.schema.response as object) };
    }
    for (const method of methods) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, schema: route.schema });
    }
  });
  return routes;
}
