import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { OfflineSessionRepository } from '../db/repositories/offline-session-repository.js';
import { repositoriesOn, type Repositories } from '../db/repositories/index.js';
import type { SessionRecord } from '../db/repositories/session-repository.js';
import type { Store } from '../db/store.js';
import type { IdentityDatabases } from './identity-cache.js';

/**
 * A transaction on the local cache that changes sessions of one sign-in while the shared
 * database is out of reach; the family is marked for the push in the same transaction, so a
 * session opened (or rotated, or signed out) here is never forgotten by the push.
 */
export function offlineSessionTransaction<T>(local: Store, familyId: string, at: Date, work: (r: Repositories) => Promise<T>): Promise<T> {
  return local.sql.transaction(async (tx) => {
    const result = await work(repositoriesOn(tx));
    await new OfflineSessionRepository(tx).mark(familyId, at);
    return result;
  });
}

/**
 * A session as the credential check sees it: the source of truth's (or the cache's while it is
 * out of reach), and — between the shared database's return and the push — a session this
 * terminal opened offline, which only the cache knows yet. Anything else the shared database
 * does not know was never valid there, or is gone.
 */
export async function sessionForCredential(databases: IdentityDatabases & { read: <T>(query: (store: Store) => Promise<T>) => Promise<T> }, id: string): Promise<SessionRecord | null> {
  const found = await databases.read((store) => store.sessions.get(id));
  if (found || databases.primary === databases.local) return found;
  const local = await databases.local.sessions.get(id);
  if (!local) return null;
  return (await new OfflineSessionRepository(databases.local.sql).families()).includes(local.familyId) ? local : null;
}

/**
 * Copies the sessions opened, rotated or signed out offline to the shared database, so their
 * refresh tokens keep working there and a sign-out made offline holds. The sync loop calls it
 * first when the shared database returns (before replaying the outbox, whose writes are made
 * by these sessions' users). Idempotent: each session is merged by id (never a second row; a
 * revocation or rotation set on either side is kept), and a family is unmarked only after its
 * sessions are in. A connection error stops it (the next reconnect retries); a family the
 * shared database refuses (its user was deleted there meanwhile) is logged and dropped.
 * Resolves with the number of families copied.
 */
export async function pushOfflineSessions(databases: IdentityDatabases, clock: Clock, logger: Logger): Promise<number> {
  const { primary, local } = databases;
  if (primary === local) return 0;
  const marks = new OfflineSessionRepository(local.sql);
  let pushed = 0;
  for (const familyId of await marks.families()) {
    const readAt = clock.now();
    const sessions = await local.sessions.ofFamily(familyId);
    try {
      await primary.transaction((r) => r.sessions.merge(sessions));
      pushed += 1;
    } catch (error) {
      if (primary.isConnectionError(error)) throw error;
      logger.warn({ err: error, familyId }, 'the shared database refused sessions opened offline; they stay local only');
    }
    await marks.clear(familyId, readAt);
  }
  return pushed;
}
