import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BEARER_SUBPROTOCOL_PREFIX } from '../../../shared/api/stream.js';
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
 * The credential a request presents: `X-API-Key`, `Authorization: Bearer`, or — on a WebSocket
 * upgrade from a browser, which cannot set headers — the `optibid.bearer.<token>` subprotocol.
 */
export function presentedCredential(request: FastifyRequest): string | undefined {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string') return apiKey;
  const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  const offered = request.headers['sec-websocket-protocol'];
  return offered
    ?.split(',')
    .map((protocol) => protocol.trim())
    .find((protocol) => protocol.startsWith(BEARER_SUBPROTOCOL_PREFIX))
    ?.slice(BEARER_SUBPROTOCOL_PREFIX.length);
}

/**
 * Every route that is not on the public list needs a credential (see presentedCredential): an
 * access token with a valid signature, issuer, audience and expiry whose session is not signed
 * out since, or an API key.
 */
export function installAuthentication(app: FastifyInstance, deps: CredentialDependencies): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    // No route matched: the not-found handler answers, signed in or not.
    if (url === undefined || isPublicRoute(request.method, url)) return;
    const presented = presentedCredential(request);
    if (!presented) throw new AppError('authentication_error', 'TOKEN_MISSING', 'Sign in: this route needs an access token (Authorization: Bearer <token>) or an API key (X-API-Key)');
    request.auth = await callerOfCredential(presented, deps);
  });
}
