import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiKeyList, ApiKeyParams, CreateApiKeyBody, CreatedApiKey } from '../../../../shared/api/api-keys.js';
import type { ApiKeyService } from '../../api-keys/api-key-service.js';
import { callerOf } from '../authenticate.js';
import { contextOf } from '../request-context.js';

const security = [{ bearer: [] }];

export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ apiKeys: ApiKeyService }> = async (app, { apiKeys }) => {
  app.get('/api/api-keys', { schema: { tags: ['api-keys'], summary: 'Your organisation’s API keys (admins)', security, response: { 200: ApiKeyList } } }, async (request) => ({
    apiKeys: await apiKeys.list(callerOf(request)),
  }));

  app.post(
    '/api/api-keys',
    { schema: { tags: ['api-keys'], summary: 'Create an API key; its secret is shown this once (admins)', security, body: CreateApiKeyBody, response: { 201: CreatedApiKey } } },
    async (request, reply) => reply.code(201).send(await apiKeys.create(callerOf(request), request.body, contextOf(request))),
  );

  app.delete(
    '/api/api-keys/:id',
    { schema: { tags: ['api-keys'], summary: 'Revoke an API key (admins)', security, params: ApiKeyParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await apiKeys.revoke(callerOf(request), request.params.id, contextOf(request));
      return reply.code(204).send(null);
    },
  );
};
