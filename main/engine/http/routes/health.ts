import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthReport } from '../../../../shared/api/health.js';

/**
 * GET /health reads the monitors' last results and never waits on a service, so it answers
 * at once whatever is down. 503 only when no database can serve requests.
 */
export const healthRoutes: FastifyPluginAsyncTypebox<{ health: () => Promise<HealthReport> }> = async (app, { health }) => {
  app.get(
    '/health',
    {
      // Polled every few seconds by the status bar: log its requests only when they fail.
      logLevel: 'warn',
      schema: {
        tags: ['meta'],
        summary: 'Health of the database, the local cache and each optional service',
        response: { 200: HealthReport, 503: HealthReport },
      },
    },
    async (_request, reply) => {
      const report = await health();
      return reply.code(report.status === 'unavailable' ? 503 : 200).header('cache-control', 'no-store').send(report);
    },
  );
};
