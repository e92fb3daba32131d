import type { FastifyInstance } from 'fastify';

/**
 * @fastify/websocket runs an upgrade request through the normal route table over a response
 * bound to the raw socket by hand, outside the HTTP server's connection bookkeeping. When the
 * upgrade is refused (loopback guard, unknown path) writing the answer closes nothing: the
 * socket would stay open — a leaked descriptor, and app.close() waiting for it forever.
 * An accepted upgrade is hijacked and never reaches onResponse.
 */
export function closeRefusedUpgrades(app: FastifyInstance): void {
  app.addHook('onResponse', async (request) => {
    if (request.headers.upgrade !== undefined) request.raw.socket.destroy();
  });
}
