import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ConnectionSettings, ConnectionTestBody, ConnectionTestResult, SaveConnectionBody } from '../../../../shared/api/terminal.js';
import { sessionOf } from '../../auth/caller.js';
import type { ConnectionSettingsService } from '../../terminal/connection-settings.js';
import { callerOf } from '../authenticate.js';

const security = [{ bearer: [] }];

/** This terminal's own settings (not the floor's): the database it connects to. People only, not API keys. */
export const terminalRoutes: FastifyPluginAsyncTypebox<{ connection: ConnectionSettingsService }> = async (app, { connection }) => {
  app.get(
    '/api/terminal/connection',
    { schema: { tags: ['terminal'], summary: 'The database this terminal runs on, and the one saved for its next start', security, response: { 200: ConnectionSettings } } },
    async (request) => {
      sessionOf(callerOf(request));
      return connection.current();
    },
  );

  app.post(
    '/api/terminal/connection/test',
    {
      schema: {
        tags: ['terminal'],
        summary: 'Try a remote PostgreSQL: reachable, credentials accepted, server version and OptiBid schema (answers within 5 s)',
        security,
        body: ConnectionTestBody,
        response: { 200: ConnectionTestResult },
      },
    },
    async (request) => {
      sessionOf(callerOf(request));
      return connection.test(request.body.databaseUrl);
    },
  );

  app.put(
    '/api/terminal/connection',
    { schema: { tags: ['terminal'], summary: 'Save the remote PostgreSQL for the next start (null: the embedded SQLite)', security, body: SaveConnectionBody, response: { 200: ConnectionSettings } } },
    async (request) => {
      sessionOf(callerOf(request));
      return connection.save(request.body.databaseUrl);
    },
  );
};
