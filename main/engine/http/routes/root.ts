import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiRoot } from '../../../../shared/api/meta.js';
import { packageInfo } from '../../version.js';

const prefersHtml = (accept: string | undefined): boolean => Boolean(accept && /\btext\/html\b/.test(accept));

/** The terminal page loads only from this server and may not be framed by another page. */
export const RENDERER_CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * GET / answers name, version and links as JSON. In browser mode a browser asking for HTML
 * gets the terminal itself (the built renderer), so one address serves both.
 */
export const rootRoutes: FastifyPluginAsyncTypebox<{ rendererDir: string | null }> = async (app, { rendererDir }) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['meta'],
        summary: 'Service name, version and links (HTML: the terminal, in browser mode)',
        response: {
          200: {
            description: 'JSON for programs; the terminal page for a browser in browser mode',
            content: { 'application/json': { schema: ApiRoot }, 'text/html': { schema: Type.String() } },
          },
        },
      },
    },
    async (request, reply) => {
      if (rendererDir && prefersHtml(request.headers.accept)) {
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', RENDERER_CSP).send(await readFile(join(rendererDir, 'index.html'), 'utf8'));
      }
      return {
        name: packageInfo.productName,
        version: packageInfo.version,
        links: { health: '/health', openapi: '/api/openapi.json', docs: '/api/docs', redoc: '/api/redoc', zones: '/api/market-data/zones' },
      };
    },
  );
};
