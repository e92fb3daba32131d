import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Repositories } from '../db/repositories/index.js';
import type { OrganizationRecord } from '../db/repositories/organization-repository.js';
import type { SessionRecord } from '../db/repositories/session-repository.js';
import type { StoredSigningKey } from '../db/repositories/signing-key-repository.js';
import type { Store } from '../db/store.js';

/** The engine's two databases as identity needs them (Databases provides this). */
export interface IdentityDatabases {
  /** The source of truth: PostgreSQL with DATABASE_URL, the SQLite file without. */
  readonly primary: Store;
  /** The SQLite file: the local cache with DATABASE_URL, the database itself without. */
  readonly local: Store;
  /** Runs `query` on the primary, or on the local cache while the primary is out of reach. */
  read<T>(query: (store: Store) => Promise<T>): Promise<T>;
}

/**
 * Writes what an offline sign-in needs through to the local SQLite file after each online
 * sign-in, refresh, sign-out and organisation switch: the user's row (with their notification
 * preferences), their organisations (with their settings: fat-finger thresholds, trading day)
 * and roles, and the sessions involved (so a token issued online is still checked offline, and
 * one signed out online stays signed out).
 * Without DATABASE_URL the SQLite file is the database: there is nothing to copy.
 *
 * The user's row includes the password hash. That is acceptable: it is the same salted scrypt
 * hash the shared database holds, kept on the trader's own machine next to the rest of their
 * cached data, as any client that signs in offline must keep a verifier. The plain password is
 * never stored.
 *
 * A failed cache write never fails the online request that caused it: it is logged, and the
 * next online sign-in writes the cache again.
 */
export class IdentityCache {
  /** Each user's copy under way (copyInTurn). */
  private readonly copying = new Map<string, Promise<void>>();

  constructor(
    private readonly databases: IdentityDatabases,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  private get enabled(): boolean {
    return this.databases.primary !== this.databases.local;
  }

  /** Copies the user, their organisations and memberships, and the named sessions (newest first). */
  async remember(userId: string, sessionIds: readonly string[]): Promise<void> {
    if (!this.enabled) return;
    await this.guard('identity', userId, () => this.copyInTurn(userId, sessionIds));
  }

  /**
   * Copies every account cached here again, with its sessions still signed in here: run with the
   * periodic cache refresh, so that an account closed, a role lowered or a session signed out at
   * another terminal of the floor reaches this terminal's offline sign-in and offline drafting
   * within a refresh, not at that trader's next sign-in here. (The replay refuses what such an
   * account queued meanwhile in any case: sync/replay-authority.ts.) Closed accounts stay closed
   * and are not asked again. The shared database going away stops the refresh: the next copies
   * every account again.
   */
  async refreshAll(): Promise<void> {
    if (!this.enabled) return;
    const { local, primary } = this.databases;
    const users = await local.sql.all<{ id: string }>("SELECT id FROM users WHERE status <> 'deleted' ORDER BY id");
    const now = this.clock.now();
    for (const { id } of users) {
      const sessions = await local.sessions.activeOf(id, now);
      try {
        await this.copyInTurn(
          id,
          sessions.map((session) => session.id),
        );
      } catch (error) {
        if (primary.isConnectionError(error) || primary.isBusyError(error)) throw error;
        this.logger.warn({ err: error, subject: id }, 'could not refresh the identity in the local cache; offline sign-in may use older data');
      }
    }
  }

  /**
   * One copy of a user's identity at a time: a copy reads the shared database, then writes the
   * cache, and one that read earlier (a refresh) must not land after one that read later (a sign-in).
   */
  private copyInTurn(userId: string, sessionIds: readonly string[]): Promise<void> {
    const copy = (this.copying.get(userId) ?? Promise.resolve()).then(() => this.copy(userId, sessionIds));
    const settled = copy.then(
      () => undefined,
      () => undefined,
    );
    this.copying.set(userId, settled);
    void settled.then(() => {
      if (this.copying.get(userId) === settled) this.copying.delete(userId);
    });
    return copy;
  }

  private async copy(userId: string, sessionIds: readonly string[]): Promise<void> {
    const source = this.databases.primary;
    const user = await source.users.get(userId);
    if (!user) {
      // Unknown to the source of truth (the terminal now points at another floor's database): not an account to sign in with here.
      await this.databases.local.transaction(async (local) => {
        await local.users.markDeleted(userId, this.clock.now());
        await local.organizations.removeAllMemberships(userId);
      });
      return;
    }
    const memberships = await source.organizations.membershipsOf(userId);
    const sessions = (await Promise.all(sessionIds.map((id) => source.sessions.get(id)))).filter((s): s is SessionRecord => s !== null);
    const organizationIds = new Set([...memberships.map((m) => m.organizationId), user.currentOrganizationId, ...sessions.map((s) => s.organizationId)].filter((id): id is string => id !== null));
    const organizations = (await Promise.all([...organizationIds].map((id) => source.organizations.get(id)))).filter((o): o is OrganizationRecord => o !== null);
    const settings = await Promise.all(organizations.map((organization) => source.organizations.settings(organization.id)));
    const preferences = await source.users.notificationPreferences(userId);
    const now = this.clock.now();
    // Parents before children: organisations, then the user (current organisation), then memberships and sessions.
    await this.databases.local.transaction(async (local) => {
      for (const [index, organization] of organizations.entries()) {
        await local.organizations.upsertCopy(organization, now);
        await local.organizations.replaceSettings(organization.id, settings[index] ?? {});
      }
      await local.users.upsertCopy(user);
      await local.users.setNotificationPreferences(user.id, preferences ?? {}, user.updatedAt);
      await local.organizations.removeAllMemberships(userId);
      for (const membership of memberships) await local.organizations.addMember(membership.organizationId, userId, membership.role, now);
      await local.sessions.merge(sessions);
    });
  }

  /** Repeats an online change of sessions (a revocation) on the cached copies. */
  async mirror(subject: string, change: (local: Repositories) => Promise<unknown>): Promise<void> {
    if (!this.enabled) return;
    await this.guard('session change', subject, () => this.databases.local.transaction(change));
  }

  /** Keeps the floor's signing key here, so tokens can be issued and checked offline. */
  async rememberSigningKey(key: StoredSigningKey): Promise<void> {
    if (!this.enabled) return;
    await this.guard('signing key', key.kid, () => this.databases.local.signingKeys.insert(key));
  }

  private async guard(what: string, subject: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.warn({ err: error, subject }, `could not write the ${what} to the local cache; offline sign-in may use older data`);
    }
  }
}
