import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AddMemberBody,
  ChangeRoleBody,
  CreateOrganizationBody,
  MemberList,
  MemberParams,
  Organization,
  OrganizationList,
  OrganizationParams,
  UpdateOrganizationBody,
} from '../../../../shared/api/organizations.js';
import type { OrganizationService } from '../../organizations/organization-service.js';
import { callerOf } from '../authenticate.js';
import { contextOf } from '../request-context.js';

const security = [{ bearer: [] }];

export const organizationRoutes: FastifyPluginAsyncTypebox<{ organizations: OrganizationService }> = async (app, { organizations }) => {
  app.get('/api/organizations', { schema: { tags: ['organizations'], summary: 'Your organisations and your role in each', security, response: { 200: OrganizationList } } }, async (request) => ({
    organizations: await organizations.list(callerOf(request)),
  }));

  app.post(
    '/api/organizations',
    { schema: { tags: ['organizations'], summary: 'Create an organisation (you become its owner)', security, body: CreateOrganizationBody, response: { 201: Organization } } },
    async (request, reply) => reply.code(201).send(await organizations.create(callerOf(request), request.body, contextOf(request))),
  );

  app.get(
    '/api/organizations/:id',
    { schema: { tags: ['organizations'], summary: 'One of your organisations', security, params: OrganizationParams, response: { 200: Organization } } },
    async (request) => organizations.get(callerOf(request), request.params.id),
  );

  app.put(
    '/api/organizations/:id',
    { schema: { tags: ['organizations'], summary: 'Rename an organisation (admins)', security, params: OrganizationParams, body: UpdateOrganizationBody, response: { 200: Organization } } },
    async (request) => organizations.rename(callerOf(request), request.params.id, request.body.name, contextOf(request)),
  );

  app.delete(
    '/api/organizations/:id',
    { schema: { tags: ['organizations'], summary: 'Delete an organisation (owners)', security, params: OrganizationParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await organizations.remove(callerOf(request), request.params.id, contextOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/organizations/:id/members',
    { schema: { tags: ['organizations'], summary: 'Members and their roles', security, params: OrganizationParams, response: { 200: MemberList } } },
    async (request) => ({ members: await organizations.members(callerOf(request), request.params.id) }),
  );

  app.post(
    '/api/organizations/:id/members',
    { schema: { tags: ['organizations'], summary: 'Add a registered user with a role (admins)', security, params: OrganizationParams, body: AddMemberBody, response: { 201: MemberList } } },
    async (request, reply) => reply.code(201).send({ members: await organizations.addMember(callerOf(request), request.params.id, request.body, contextOf(request)) }),
  );

  app.put(
    '/api/organizations/:id/members/:userId',
    { schema: { tags: ['organizations'], summary: 'Change a member’s role (admins; owners for owner)', security, params: MemberParams, body: ChangeRoleBody, response: { 200: MemberList } } },
    async (request) => ({ members: await organizations.changeRole(callerOf(request), request.params.id, request.params.userId, request.body.role, contextOf(request)) }),
  );

  app.delete(
    '/api/organizations/:id/members/:userId',
    { schema: { tags: ['organizations'], summary: 'Remove a member (admins), or leave (yourself)', security, params: MemberParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await organizations.removeMember(callerOf(request), request.params.id, request.params.userId, contextOf(request));
      return reply.code(204).send(null);
    },
  );
};
