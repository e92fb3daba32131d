import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { OfflineSessionRepository } from '../db/repositories/offline-session-repository.js';
import { repositoriesOn, type Repositories } from '../db/repositories/index.js';
import type { RevokeReason, SessionRecord } from '../db/repositories/session-repository.js';
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
 * Why the sessions a terminal opened offline for this user must not stand on the floor, or null:
 * the account was closed or disabled meanwhile ('admin'), or its password was changed on the
 * floor after this terminal's copy of it — the password checked offline was already superseded,
 * and a change of password signs out every session ('password_change').
 */
async function withdrawnFor(floor: Repositories, local: Store, userId: string | null): Promise<RevokeReason | null> {
  if (userId === null) return null;
  const [onFloor, here] = await Promise.all([floor.users.get(userId), local.users.get(userId)]);
  if (onFloor?.status !== 'active') return 'admin';
  return here && onFloor.passwordChangedAt > here.passwordChangedAt ? 'password_change' : null;
}

/**
 * Copies the sessions opened, rotated or signed out offline to the shared database, so their
 * refresh tokens keep working there and a sign-out made offline holds. The sync loop calls it
 * first when the shared database returns (before replaying the outbox, whose writes are made
 * by these sessions' users). Idempotent: each session is merged by id (never a second row; a
 * revocation or rotation set on either side is kept), and a family is unmarked only after its
 * sessions are in. A family whose account the floor closed, or whose password it changed, while
 * this terminal was offline goes in signed out, here too (withdrawnFor): the floor's decision
 * holds, and the replay refuses what was written in those sessions. A connection error stops
 * it (the next reconnect retries); a family the shared database refuses (its user was deleted
 * there meanwhile) is logged and dropped.
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
      const withdrawn = await primary.transaction(async (r) => {
        const reason = await withdrawnFor(r, local, sessions[0]?.userId ?? null);
        await r.sessions.merge(reason ? sessions.map((session) => (session.revokedAt ? session : { ...session, revokedAt: readAt, revokeReason: reason })) : sessions);
        return reason;
      });
      if (withdrawn) {
        await local.sessions.revokeFamily(familyId, withdrawn, readAt);
        logger.warn({ familyId, reason: withdrawn }, 'sessions opened offline were signed out: the floor changed the account meanwhile');
      }
      pushed += 1;
    } catch (error) {
      if (primary.isConnectionError(error)) throw error;
      logger.warn({ err: error, familyId }, 'the shared database refused sessions opened offline; they stay local only');
    }
    await marks.clear(familyId, readAt);
  }
  return pushed;
}

/**
 * The session an access token names, for the credential check: from the shared database, or
 * from the local cache while it is out of reach. A session opened offline is unknown to the
 * shared database from the moment it answers again until the sync loop's push: in that window
 * the cached copy counts, as long as its family still waits for the push — otherwise a trader
 * who signed in offline would be told they were signed out the instant the database returned.
 * Once the mark is cleared the push is done (or was refused), so the shared database is asked
 * again and has the last word.
 */
export async function sessionOfToken(databases: IdentityDatabases, id: string): Promise<SessionRecord | null> {
  const found = await databases.read((store) => store.sessions.get(id));
  if (found || databases.primary === databases.local) return found;
  const cached = await databases.local.sessions.get(id);
  if (!cached) return null;
  if (await new OfflineSessionRepository(databases.local.sql).isMarked(cached.familyId)) return cached;
  return databases.read((store) => store.sessions.get(id));
}
