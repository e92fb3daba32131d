import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isApiKey, type ApiKeyService } from '../api-keys/api-key-service.js';
import type { Caller } from '../auth/caller.js';
import type { TokenService } from '../auth/tokens.js';
import type { SessionRepository } from '../db/repositories/session-repository.js';
import { AppError } from './app-error.js';
import { isPublicRoute } from './public-routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller; set on every route that is not public. */
    auth: Caller | null;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/;

/** The caller of a protected route (the hook guarantees one). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw new AppError('authentication_error', 'TOKEN_MISSING', 'Sign in: this route needs an access token');
  return request.auth;
}

/**
 * Every route that is not on the public list needs `Authorization: Bearer <access token>` —
 * a valid signature, issuer, audience and expiry, and a session not signed out since — or an
 * API key (`X-API-Key`, or as the bearer token).
 */
export function installAuthentication(app: FastifyInstance, deps: { tokens: () => Promise<TokenService>; sessions: () => SessionRepository; apiKeys: ApiKeyService }): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    // No route matched: the not-found handler answers, signed in or not.
    if (url === undefined || isPublicRoute(request.method, url)) return;
    const apiKey = request.headers['x-api-key'];
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const presented = typeof apiKey === 'string' ? apiKey : bearer;
    if (!presented) throw new AppError('authentication_error', 'TOKEN_MISSING', 'Sign in: this route needs an access token (Authorization: Bearer <token>) or an API key (X-API-Key)');
    if (isApiKey(presented)) {
      request.auth = await deps.apiKeys.authenticate(presented);
      return;
    }
    const claims = await (await deps.tokens()).verify(presented);
    const session = await deps.sessions().get(claims.sessionId);
    if (!session || session.revokedAt) throw new AppError('authentication_error', 'SESSION_REVOKED', 'This session was signed out; sign in again');
    request.auth = { ...claims, apiKeyId: null };
  });
}
