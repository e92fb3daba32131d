import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { OrganizationUser, OrganizationUserList, UpdateUserBody, UserParams } from '../../../../shared/api/users.js';
import type { UserService } from '../../users/user-service.js';
import { callerOf } from '../authenticate.js';
import { contextOf } from '../request-context.js';

const security = [{ bearer: [] }];

export const userRoutes: FastifyPluginAsyncTypebox<{ users: UserService }> = async (app, { users }) => {
  app.get('/api/users', { schema: { tags: ['users'], summary: 'The users of your current organisation', security, response: { 200: OrganizationUserList } } }, async (request) => ({
    users: await users.list(callerOf(request)),
  }));

  app.get(
    '/api/users/:id',
    { schema: { tags: ['users'], summary: 'A user of your current organisation', security, params: UserParams, response: { 200: OrganizationUser } } },
    async (request) => users.get(callerOf(request), request.params.id),
  );

  app.put(
    '/api/users/:id',
    { schema: { tags: ['users'], summary: 'Change your display name', security, params: UserParams, body: UpdateUserBody, response: { 200: OrganizationUser } } },
    async (request) => users.rename(callerOf(request), request.params.id, request.body.displayName, contextOf(request)),
  );

  app.delete(
    '/api/users/:id',
    { schema: { tags: ['users'], summary: 'Close your own account', security, params: UserParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await users.closeOwn(callerOf(request), request.params.id, contextOf(request));
      return reply.code(204).send(null);
    },
  );
};
