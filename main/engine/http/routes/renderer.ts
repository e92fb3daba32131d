import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/**
 * Browser mode: the built renderer's files. Vite puts every asset under /assets with a
 * content hash in its name, so they can be cached for good; index.html is served by GET /.
 */
export const rendererRoutes: FastifyPluginAsync<{ rendererDir: string }> = async (app, { rendererDir }) => {
  await app.register(fastifyStatic, {
    root: join(rendererDir, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
  });
};
