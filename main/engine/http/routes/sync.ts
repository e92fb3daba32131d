import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ConflictParams, ResolveConflictBody, SyncConflict, SyncConflictList, SyncQueue } from '../../../../shared/api/sync.js';
import type { SyncService } from '../../sync/sync-service.js';
import { callerOf } from '../authenticate.js';
import { contextOf } from '../request-context.js';

const security = [{ bearer: [] }];
const tags = ['sync'];

/** This terminal's offline queue and the conflicts its replay found, for the caller's organisation. */
export const syncRoutes: FastifyPluginAsyncTypebox<{ sync: SyncService }> = async (app, { sync }) => {
  app.get('/api/sync/queue', { schema: { tags, summary: 'Writes waiting for the shared database, then the most recently settled', security, response: { 200: SyncQueue } } }, async (request) =>
    sync.queue(callerOf(request)),
  );

  app.get('/api/sync/conflicts', { schema: { tags, summary: 'Bids changed here and on the shared database meanwhile, with both versions', security, response: { 200: SyncConflictList } } }, async (request) =>
    sync.conflicts(callerOf(request)),
  );

  app.post(
    '/api/sync/conflicts/:id/resolve',
    { schema: { tags, summary: 'Keep this terminal’s version of the bid or the shared database’s', security, params: ConflictParams, body: ResolveConflictBody, response: { 200: SyncConflict } } },
    async (request) => sync.resolve(callerOf(request), request.params.id, request.body, contextOf(request)),
  );
};
