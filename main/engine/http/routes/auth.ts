import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AccessTokenGrant,
  Accepted,
  AuthTokens,
  ChangePasswordBody,
  LoginBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  RefreshBody,
  RegisterBody,
  SessionList,
  SessionParams,
  SwitchOrganizationBody,
  UserProfile,
} from '../../../../shared/api/auth.js';
import type { AuthService } from '../../auth/auth-service.js';
import type { PasswordService } from '../../auth/password-service.js';
import { callerOf } from '../authenticate.js';
import { contextOf } from '../request-context.js';

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService; passwords: PasswordService }> = async (app, { auth, passwords }) => {
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

  app.post(
    '/api/auth/password',
    { schema: { tags: ['auth'], summary: 'Change your password (signs out your other sessions)', security: [{ bearer: [] }], body: ChangePasswordBody, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await passwords.change(callerOf(request), request.body, contextOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/password-reset/request',
    {
      schema: {
        tags: ['auth'],
        summary: 'Ask for a password reset; the code goes to your organisation’s administrators',
        body: PasswordResetRequestBody,
        response: { 202: Accepted },
      },
    },
    async (request, reply) => {
      await passwords.requestReset(request.body.email, contextOf(request));
      return reply.code(202).send({ message: 'If the account exists, its administrators have been sent a reset code.' });
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    { schema: { tags: ['auth'], summary: 'Set a new password with a reset code (signs out every session)', body: PasswordResetConfirmBody, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await passwords.confirmReset(request.body, contextOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/sessions',
    { schema: { tags: ['auth'], summary: 'Your signed-in sessions', security: [{ bearer: [] }], response: { 200: SessionList } } },
    async (request) => ({ sessions: await auth.sessions(callerOf(request)) }),
  );

  app.delete(
    '/api/auth/sessions/:id',
    { schema: { tags: ['auth'], summary: 'Sign one of your sessions out', security: [{ bearer: [] }], params: SessionParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await auth.revokeSession(callerOf(request), request.params.id, contextOf(request));
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/auth/current-organization',
    {
      schema: {
        tags: ['auth'],
        summary: 'Work in another of your organisations (a new access token carries it)',
        security: [{ bearer: [] }],
        body: SwitchOrganizationBody,
        response: { 200: AccessTokenGrant },
      },
    },
    async (request) => auth.switchOrganization(callerOf(request), request.body.organizationId, contextOf(request)),
  );
};
