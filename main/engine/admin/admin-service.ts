import type { AdminOrganizationList, AdminUserList, AuditLogPage, AuditQuery, AuditVerification, FeatureFlag, SetFeatureFlagBody, SystemHealth } from '../../../shared/api/admin.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import type { FeatureFlagRecord } from '../db/repositories/feature-flag-repository.js';
import type { HealthReport } from '../../../shared/api/health.js';
import { actorOf, type Caller } from '../auth/caller.js';
import type { Clock } from '../clock.js';
import { storeWhileReachable, type ProbedStores } from '../db/databases.js';
import type { Store } from '../db/store.js';
import { AppError } from '../http/app-error.js';
import { packageInfo } from '../version.js';

const flagView = (f: FeatureFlagRecord): FeatureFlag => ({ ...f, updatedAt: f.updatedAt.toISOString() });

const notPlatformAdmin = (): AppError => new AppError('authorization_error', 'PLATFORM_ADMIN_REQUIRED', 'Only platform administrators may do this');

/**
 * The platform administrators' view across organisations: users, organisations, system
 * health and the audit log. Whether the caller is a platform administrator (and an active user)
 * is read from the database on every call, never taken from the token.
 */
export class AdminService {
  private readonly store: Store;

  constructor(
    private readonly databases: ProbedStores,
    private readonly health: () => Promise<HealthReport>,
    private readonly clock: Clock,
  ) {
    this.store = databases.primary;
  }

  /** For what reaches the floor (broadcasts, the admin views): asked of the shared database only. */
  async requirePlatformAdmin(claims: Caller): Promise<void> {
    const user = await this.store.users.get(claims.userId);
    if (!user?.isPlatformAdmin || user.status !== 'active') throw notPlatformAdmin();
  }

  /**
   * For this terminal's own settings (its connection): asked of the shared database, or, only while
   * it is out of reach (not merely busy), of the account the last online sign-in cached here, so an
   * operator can still see and test the connection when the shared database has gone. The cached
   * flag can be stale (a demotion reaches it at that user's next online sign-in here), which is
   * why nothing that reaches other terminals or the floor's data accepts it.
   */
  async requireTerminalOperator(claims: Caller): Promise<void> {
    const user = await storeWhileReachable(this.databases).users.get(claims.userId);
    if (!user?.isPlatformAdmin || user.status !== 'active') throw notPlatformAdmin();
  }

  async users(limit: number, offset: number): Promise<AdminUserList> {
    const [users, total] = await Promise.all([this.store.users.page(limit, offset), this.store.users.count()]);
    return {
      total,
      users: users.map((u) => ({
        id: u.id,
        email: u.email,
        displayName: u.displayName,
        isPlatformAdmin: u.isPlatformAdmin,
        status: u.status,
        createdAt: u.createdAt.toISOString(),
        lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      })),
    };
  }

  async organizations(limit: number, offset: number): Promise<AdminOrganizationList> {
    const [organizations, total] = await Promise.all([this.store.organizations.page(limit, offset), this.store.organizations.count()]);
    return { total, organizations: organizations.map((o) => ({ id: o.id, name: o.name, slug: o.slug, status: o.status, members: o.members, createdAt: o.createdAt.toISOString() })) };
  }

  async systemHealth(): Promise<SystemHealth> {
    const [users, organizations, activeSessions, auditRows, database] = await Promise.all([
      this.store.users.count(),
      this.store.organizations.count(),
      this.store.sessions.countActive(this.clock.now()),
      this.store.audit.count(),
      this.store.serverVersion(),
    ]);
    return { health: await this.health(), counts: { users, organizations, activeSessions, auditRows }, versions: { app: packageInfo.version, node: process.version, database } };
  }

  async auditLogs(query: AuditQuery): Promise<AuditLogPage> {
    const rows = await this.store.audit.search({
      ...query,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
    });
    return {
      rows: rows.map((r) => ({
        seq: r.seq,
        id: r.id,
        occurredAt: r.occurredAt.toISOString(),
        actorKind: r.actorKind,
        actorId: r.actorId,
        organizationId: r.organizationId,
        action: r.action,
        resourceType: r.resourceType,
        resourceId: r.resourceId,
        before: r.before,
        after: r.after,
        requestId: r.requestId,
        hash: r.hash,
      })),
      nextBeforeSeq: rows.length === query.limit ? (rows.at(-1)?.seq ?? null) : null,
    };
  }

  async featureFlags(): Promise<FeatureFlag[]> {
    return (await this.store.featureFlags.list()).map(flagView);
  }

  async setFeatureFlag(claims: Caller, body: SetFeatureFlagBody, context: RequestContext): Promise<FeatureFlag> {
    const organizationId = body.organizationId ?? null;
    if (organizationId && !(await this.store.organizations.get(organizationId))) throw new AppError('not_found', 'ORGANIZATION_NOT_FOUND', `No organisation ${organizationId}`, { field: 'body.organizationId' });
    const flag: FeatureFlagRecord = { key: body.key, organizationId, enabled: body.enabled, value: body.value ?? null, description: body.description ?? null, updatedAt: this.clock.now() };
    await this.store.transaction(async (r) => {
      const previous = await r.featureFlags.set({ ...flag, updatedBy: claims.userId });
      await recordAudit(r, this.clock, { ...actorOf(claims), organizationId, action: 'feature_flag.set', resourceType: 'feature_flag', resourceId: body.key, before: previous && { enabled: previous.enabled, value: previous.value }, after: { enabled: flag.enabled, value: flag.value } }, context);
    });
    return flagView(flag);
  }

  async verifyAudit(): Promise<AuditVerification> {
    const firstBreak = await this.store.audit.verify();
    return { valid: firstBreak === null, firstBreak };
  }
}
