import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../audit/record.js';

/** Who is asking, as the audit log and sessions record it. */
export const contextOf = (request: FastifyRequest): RequestContext => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
  requestId: request.id,
});
