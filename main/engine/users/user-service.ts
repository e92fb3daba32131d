import type { OrganizationUser } from '../../../shared/api/users.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationKind, type NotificationPreferences } from '../../../shared/api/notifications.js';
import { actorOf, type Caller } from '../auth/caller.js';
import type { Clock } from '../clock.js';
import type { Logger } from 'pino';
import type { Databases } from '../db/databases.js';
import type { Store } from '../db/store.js';
import { AppError } from '../http/app-error.js';

const notFound = (id: string): AppError => new AppError('not_found', 'USER_NOT_FOUND', `No user ${id} in your organisation`, { id });

/**
 * Users as seen from the caller's current organisation: its members, and nobody else. A user
 * edits their own profile and may close their own account.
 *
 * Notification preferences are read through the databases' read path: an alert toast offline
 * asks for them, and must get the trader's choice from the cache at once, not the defaults after
 * a timeout. They are changed on the shared database, then written to this terminal's cache.
 */
export class UserService {
  private readonly store: Store;

  constructor(
    private readonly databases: Pick<Databases, 'primary' | 'local' | 'read'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.store = databases.primary;
  }

  async list(claims: Caller): Promise<OrganizationUser[]> {
    if (!claims.organizationId || !(await this.store.organizations.roleOf(claims.userId, claims.organizationId))) return [];
    return (await this.store.organizations.members(claims.organizationId)).map((m) => ({ id: m.userId, email: m.email, displayName: m.displayName, role: m.role }));
  }

  async get(claims: Caller, id: string): Promise<OrganizationUser> {
    const user = (await this.list(claims)).find((u) => u.id === id);
    if (!user) throw notFound(id);
    return user;
  }

  async rename(claims: Caller, id: string, displayName: string, context: RequestContext): Promise<OrganizationUser> {
    const user = await this.get(claims, id);
    if (id !== claims.userId) throw new AppError('authorization_error', 'NOT_YOUR_PROFILE', 'You may change your own profile only');
    await this.renameSelf(claims, displayName, context);
    return { ...user, displayName: displayName.trim() };
  }

  /** The caller's own display name; also for someone not (yet) in any organisation. */
  async renameSelf(claims: Caller, displayName: string, context: RequestContext): Promise<void> {
    const user = await this.store.users.get(claims.userId);
    if (!user || user.status === 'deleted') throw notFound(claims.userId);
    await this.store.transaction(async (r) => {
      await r.users.rename(user.id, displayName.trim(), this.clock.now());
      await recordAudit(r, this.clock, { ...actorOf(claims), organizationId: claims.organizationId, action: 'user.update', resourceType: 'user', resourceId: user.id, before: { displayName: user.displayName }, after: { displayName: displayName.trim() } }, context);
    });
  }

  /** The caller's notification preferences, defaults filled in for anything never set. */
  async notificationPreferences(claims: Caller): Promise<NotificationPreferences> {
    const stored = (await this.databases.read((store) => store.users.notificationPreferences(claims.userId))) ?? {};
    const merged: Record<string, unknown> = { ...DEFAULT_NOTIFICATION_PREFERENCES };
    for (const kind of Object.keys(DEFAULT_NOTIFICATION_PREFERENCES)) {
      const value = stored[kind];
      if (typeof value === 'object' && value !== null) merged[kind] = { ...DEFAULT_NOTIFICATION_PREFERENCES[kind as NotificationKind], ...value };
    }
    return merged as NotificationPreferences;
  }

  async setNotificationPreferences(claims: Caller, preferences: NotificationPreferences): Promise<NotificationPreferences> {
    const { primary, local } = this.databases;
    const at = this.clock.now();
    await primary.users.setNotificationPreferences(claims.userId, preferences, at);
    if (local !== primary) {
      await local.users.setNotificationPreferences(claims.userId, preferences, at).catch((error: unknown) => {
        this.logger.warn({ err: error, userId: claims.userId }, 'Changed notification preferences could not be written to the local cache; the next sign-in copies them');
      });
    }
    return preferences;
  }

  /** Closes the caller's own account (platform administrators close others' under /api/admin). */
  async closeOwn(claims: Caller, id: string, context: RequestContext): Promise<void> {
    if (id !== claims.userId) {
      await this.get(claims, id);
      throw new AppError('authorization_error', 'NOT_YOUR_ACCOUNT', 'You may close your own account only');
    }
    await this.close(claims, id, context);
  }

  /**
   * Closes an account: signed out everywhere, out of every organisation; refused while it is
   * some organisation's only owner. Callers check who may do it.
   */
  async close(claims: Caller, id: string, context: RequestContext): Promise<void> {
    const target = await this.store.users.get(id);
    if (!target || target.status === 'deleted') throw notFound(id);
    await this.store.transaction(async (r) => {
      const sole = await r.organizations.soleOwnerships(id);
      if (sole.length > 0) throw new AppError('conflict', 'LAST_OWNER', 'The account is the only owner of an organisation: make someone else owner first', { organizationIds: sole });
      const now = this.clock.now();
      await r.organizations.removeAllMemberships(id);
      await r.sessions.revokeAllOf(id, 'admin', now);
      await r.users.markDeleted(id, now);
      await recordAudit(r, this.clock, { ...actorOf(claims), organizationId: claims.organizationId, action: 'user.delete', resourceType: 'user', resourceId: id, before: { email: target.email } }, context);
    });
  }
}
