import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AuthTokens, LoginBody, RefreshBody, RegisterBody, UserProfile } from '../../../../shared/api/auth.js';
import type { RequestContext } from '../../audit/record.js';
import type { AuthService } from '../../auth/auth-service.js';
import { callerOf } from '../authenticate.js';

const contextOf = (request: FastifyRequest): RequestContext => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
  requestId: request.id,
});

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/api/auth/register',
    { schema: { tags: ['auth'], summary: 'Create an account (and optionally an organisation you own); signs you in', body: RegisterBody, response: { 201: AuthTokens } } },
    async (request, reply) => reply.code(201).send(await auth.register(request.body, contextOf(request))),
  );

  app.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], summary: 'Sign in with email and password', body: LoginBody, response: { 200: AuthTokens } } },
    async (request) => auth.login(request.body, contextOf(request)),
  );

  app.post(
    '/api/auth/refresh',
    { schema: { tags: ['auth'], summary: 'Trade a refresh token for a new token pair (the old one is used up)', body: RefreshBody, response: { 200: AuthTokens } } },
    async (request) => auth.refresh(request.body.refreshToken, contextOf(request)),
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign this session out',
        security: [{ bearer: [] }],
        body: Type.Object({}, { additionalProperties: false, description: 'Empty: the session is the one of the access token' }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await auth.logout(callerOf(request), contextOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user and their organisations', security: [{ bearer: [] }], response: { 200: UserProfile } } },
    async (request) => auth.profile(callerOf(request).userId),
  );
};
