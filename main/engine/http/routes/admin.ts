import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminOrganizationList, AdminUserList, AuditLogPage, AuditQuery, AuditVerification, FeatureFlag, FeatureFlagList, Page, SetFeatureFlagBody, SystemHealth } from '../../../../shared/api/admin.js';
import { contextOf } from '../request-context.js';
import type { AdminService } from '../../admin/admin-service.js';
import type { UserService } from '../../users/user-service.js';
import { UserParams } from '../../../../shared/api/users.js';
import { Type } from '@sinclair/typebox';
import { callerOf } from '../authenticate.js';

const security = [{ bearer: [] }];

/** Platform administration. Every route here requires a platform administrator. */
export const adminRoutes: FastifyPluginAsyncTypebox<{ admin: AdminService; users: UserService }> = async (app, { admin, users }) => {
  // Encapsulated in this plugin: applies to the admin routes only, after authentication.
  app.addHook('preHandler', async (request) => {
    await admin.requirePlatformAdmin(callerOf(request));
  });

  app.get('/api/admin/users', { schema: { tags: ['admin'], summary: 'Every user of the installation', security, querystring: Page, response: { 200: AdminUserList } } }, async (request) =>
    admin.users(request.query.limit, request.query.offset),
  );

  app.delete(
    '/api/admin/users/:id',
    { schema: { tags: ['admin'], summary: 'Close any account', security, params: UserParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await users.close(callerOf(request), request.params.id, contextOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/admin/organizations',
    { schema: { tags: ['admin'], summary: 'Every organisation, with member counts', security, querystring: Page, response: { 200: AdminOrganizationList } } },
    async (request) => admin.organizations(request.query.limit, request.query.offset),
  );

  app.get('/api/admin/system-health', { schema: { tags: ['admin'], summary: 'Health, counts and versions', security, response: { 200: SystemHealth } } }, async () => admin.systemHealth());

  app.get(
    '/api/admin/audit-logs',
    { schema: { tags: ['admin'], summary: 'The audit log, newest first, filtered and paged', security, querystring: AuditQuery, response: { 200: AuditLogPage } } },
    async (request) => admin.auditLogs(request.query),
  );

  app.get(
    '/api/admin/audit-logs/verify',
    { schema: { tags: ['admin'], summary: 'Check the audit hash chain; reports the first broken row', security, response: { 200: AuditVerification } } },
    async () => admin.verifyAudit(),
  );

  app.get('/api/admin/feature-flags', { schema: { tags: ['admin'], summary: 'Feature flags: global defaults and per-organisation settings', security, response: { 200: FeatureFlagList } } }, async () => ({
    flags: await admin.featureFlags(),
  }));

  app.post(
    '/api/admin/feature-flags',
    { schema: { tags: ['admin'], summary: 'Set a feature flag, globally or for one organisation', security, body: SetFeatureFlagBody, response: { 200: FeatureFlag } } },
    async (request) => admin.setFeatureFlag(callerOf(request), request.body, contextOf(request)),
  );
};
