import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ConnectionSettings, ConnectionTestBody, ConnectionTestResult, SaveConnectionBody } from '../../../../shared/api/terminal.js';
import type { AdminService } from '../../admin/admin-service.js';
import { sessionOf, type Caller } from '../../auth/caller.js';
import type { ConnectionSettingsService } from '../../terminal/connection-settings.js';
import { callerOf } from '../authenticate.js';
import { contextOf } from '../request-context.js';

const security = [{ bearer: [] }];

/**
 * This terminal's own settings (not the floor's): the database it connects to. Where every
 * trader's data goes is an operator's decision: platform administrators, signed in as a
 * person (not an API key); while the shared database is out of reach, as cached here.
 */
export const terminalRoutes: FastifyPluginAsyncTypebox<{ connection: ConnectionSettingsService; admin: AdminService }> = async (app, { connection, admin }) => {
  const operator = async (request: FastifyRequest): Promise<Caller> => {
    const caller = callerOf(request);
    sessionOf(caller);
    await admin.requireTerminalOperator(caller);
    return caller;
  };

  app.get(
    '/api/terminal/connection',
    { schema: { tags: ['terminal'], summary: 'The database this terminal runs on, and the one saved for its next start (platform administrators)', security, response: { 200: ConnectionSettings } } },
    async (request) => {
      await operator(request);
      return connection.current();
    },
  );

  app.post(
    '/api/terminal/connection/test',
    {
      schema: {
        tags: ['terminal'],
        summary: 'Try a remote PostgreSQL: reachable, credentials accepted, server version and OptiBid schema, answered within 5 s (platform administrators)',
        security,
        body: ConnectionTestBody,
        response: { 200: ConnectionTestResult },
      },
    },
    async (request) => {
      await operator(request);
      return connection.test(request.body.databaseUrl);
    },
  );

  app.put(
    '/api/terminal/connection',
    {
      schema: {
        tags: ['terminal'],
        summary: 'Save the remote PostgreSQL for the next start, null for the embedded SQLite (platform administrators; audited)',
        security,
        body: SaveConnectionBody,
        response: { 200: ConnectionSettings },
      },
    },
    async (request) => connection.save(await operator(request), request.body.databaseUrl, contextOf(request)),
  );
};
