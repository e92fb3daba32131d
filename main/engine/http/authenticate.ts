import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/caller.js';
import { callerOfCredential, type CredentialDependencies } from '../auth/credentials.js';
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
export function installAuthentication(app: FastifyInstance, deps: CredentialDependencies): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    // No route matched: the not-found handler answers, signed in or not.
    if (url === undefined || isPublicRoute(request.method, url)) return;
    const apiKey = request.headers['x-api-key'];
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const presented = typeof apiKey === 'string' ? apiKey : bearer;
    if (!presented) throw new AppError('authentication_error', 'TOKEN_MISSING', 'Sign in: this route needs an access token (Authorization: Bearer <token>) or an API key (X-API-Key)');
    request.auth = await callerOfCredential(presented, deps);
  });
}
