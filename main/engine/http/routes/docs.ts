import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DOCS_ASSET_PREFIX } from '../route-table.js';

const redocBundle = join(dirname(createRequire(import.meta.url).resolve('redoc')), 'redoc.standalone.js');

const redocPage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>OptiBid Terminal API — reference</title>
</head>
<body>
  <redoc spec-url="/api/openapi.json"></redoc>
  <script src="/api/redoc/redoc.standalone.js"></script>
</body>
</html>`;

// Everything the documentation pages load comes from this server, so they work offline;
// the CSP makes sure of it (ReDoc's built-in CDN logo is simply not fetched).
const DOCS_CSP = "default-src 'self'; script-src 'self' blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:";

/** OpenAPI document, Swagger UI and ReDoc — all served locally, no CDN. */
export const docsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/openapi.json',
    { schema: { hide: true, summary: 'The OpenAPI 3 document of this API', response: { 200: Type.Unknown() } } },
    async () => app.swagger(),
  );

  app.get(
    '/api/redoc',
    { schema: { hide: true, summary: 'API reference (ReDoc)', response: { 200: Type.String() } } },
    async (_request, reply) => reply.type('text/html; charset=utf-8').header('content-security-policy', DOCS_CSP).send(redocPage),
  );

  let bundle: Promise<string> | null = null;
  app.get(
    '/api/redoc/redoc.standalone.js',
    { schema: { hide: true, summary: 'ReDoc bundle', response: { 200: { content: { 'application/javascript': { schema: Type.String() } } } } } },
    async (_request, reply) => reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(await (bundle ??= readFile(redocBundle, 'utf8'))),
  );

  await app.register(swaggerUi, {
    routePrefix: DOCS_ASSET_PREFIX,
    uiConfig: { docExpansion: 'list', deepLinking: true },
    staticCSP: true,
    transformSpecificationClone: true,
  });
};
