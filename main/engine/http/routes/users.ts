import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { NotificationPreferences } from '../../../../shared/api/notifications.js';
import { UserProfile } from '../../../../shared/api/auth.js';
import { OrganizationUser, OrganizationUserList, UpdateUserBody, UserParams } from '../../../../shared/api/users.js';
import type { AuthService } from '../../auth/auth-service.js';
import type { UserService } from '../../users/user-service.js';
import { callerOf } from '../authenticate.js';
import { contextOf } from '../request-context.js';

const security = [{ bearer: [] }];

export const userRoutes: FastifyPluginAsyncTypebox<{ users: UserService; auth: AuthService }> = async (app, { users, auth }) => {
  app.put(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'Change your display name', security, body: UpdateUserBody, response: { 200: UserProfile } } },
    async (request) => {
      const caller = callerOf(request);
      await users.renameSelf(caller, request.body.displayName, contextOf(request));
      return auth.profile(caller.userId);
    },
  );

  app.get(
    '/api/auth/me/notification-preferences',
    { schema: { tags: ['auth'], summary: 'How you want to be told about alerts, bids, sync conflicts and system events', security, response: { 200: NotificationPreferences } } },
    async (request) => users.notificationPreferences(callerOf(request)),
  );

  app.put(
    '/api/auth/me/notification-preferences',
    { schema: { tags: ['auth'], summary: 'Set your notification preferences (all of them at once)', security, body: NotificationPreferences, response: { 200: NotificationPreferences } } },
    async (request) => users.setNotificationPreferences(callerOf(request), request.body),
  );

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
