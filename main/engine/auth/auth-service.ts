import { randomUUID } from 'node:crypto';
import type { AccessTokenGrant, AuthTokens, LoginBody, RegisterBody, SessionInfo, UserProfile } from '../../../shared/api/auth.js';
import { passwordProblems } from '../../../shared/auth/password-policy.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import type { Clock } from '../clock.js';
import type { Repositories } from '../db/repositories/index.js';
import type { UserRecord } from '../db/repositories/user-repository.js';
import type { Store } from '../db/store.js';
import { AppError } from '../http/app-error.js';
import { createOrganization } from '../organizations/organization-service.js';
import type { IdentityCache, IdentityDatabases } from './identity-cache.js';
import { offlineSessionTransaction } from './offline-sessions.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { hashToken, newSecretToken, REFRESH_TOKEN_TTL_MS } from './secret-tokens.js';
import type { LoginThrottle } from './throttle.js';
import { actorOf, sessionOf, type Caller } from './caller.js';
import type { TokenService } from './tokens.js';

// Verified when the email is unknown, so a login takes as long whether or not the account exists.
const DUMMY_HASH = `scrypt$17$8$1$${'A'.repeat(22)}$${'A'.repeat(86)}`;

const invalidCredentials = (): AppError => new AppError('authentication_error', 'INVALID_CREDENTIALS', 'Email or password is wrong');

// Offline, an email this terminal never signed in has no cached account to check: saying
// "wrong password" would be a lie, so the answer is that it cannot be checked now.
const neverSignedInHere = (email: string): AppError =>
  new AppError(
    'service_unavailable',
    'OFFLINE_ACCOUNT_UNKNOWN',
    `The shared database is out of reach and ${email} has never signed in on this terminal, so the password cannot be checked here; sign in while the shared database is reachable`,
    { field: 'body.email' },
  );

const needsSharedDatabase = (what: string): AppError =>
  new AppError('service_unavailable', 'SHARED_DATABASE_REQUIRED', `${what} needs the shared database, which is out of reach; try again when the terminal is back online`);

/**
 * Registration, sign-in and refresh-token rotation. Each write and its audit row share one
 * transaction. A refresh token used twice means it was stolen or replayed: its whole family
 * of sessions is revoked.
 *
 * With a shared database, sign-in, refresh and sign-out also work while it is out of reach
 * (`databases.read` decides, as for every read): against the account cached by the last
 * online sign-in on this terminal, with sessions kept locally and marked for the push back
 * (offline-sessions.ts). Registration and organisation switching stay online-only.
 */
export class AuthService {
  constructor(
    private readonly databases: IdentityDatabases,
    /** Opened on first use, so a database that is down at start-up does not stop the engine. */
    private readonly tokens: () => Promise<TokenService>,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottle,
    private readonly cache: IdentityCache,
  ) {}

  async register(body: RegisterBody, context: RequestContext): Promise<AuthTokens> {
    return this.onlineOnly('Registering an account', (store) => this.registerOn(store, body, context));
  }

  private async registerOn(store: Store, body: RegisterBody, context: RequestContext): Promise<AuthTokens> {
    const email = body.email.trim().toLowerCase();
    const problems = passwordProblems(body.password, { email, displayName: body.displayName });
    if (problems.length > 0) {
      throw new AppError('validation_error', 'WEAK_PASSWORD', `The password ${problems.join('; ')}`, problems.map((message) => ({ field: 'body.password', message })));
    }
    const passwordHash = await hashPassword(body.password);
    const now = this.clock.now();
    const user = await store.transaction(async (r) => {
      if (await r.users.findByEmail(email)) throw new AppError('conflict', 'EMAIL_TAKEN', `An account for ${email} exists already; sign in instead`, { field: 'body.email' });
      // The first account of a fresh installation administers the platform.
      const isPlatformAdmin = (await r.users.count()) === 0;
      const created = await r.users.insert({ id: randomUUID(), email, displayName: body.displayName.trim(), passwordHash, isPlatformAdmin, currentOrganizationId: null, createdAt: now });
      await recordAudit(r, this.clock, { actorId: created.id, organizationId: null, action: 'auth.register', resourceType: 'user', resourceId: created.id, after: { email, isPlatformAdmin } }, context);
      if (body.organizationName) {
        const organization = await createOrganization(r, this.clock, created.id, { name: body.organizationName }, context);
        await r.users.setCurrentOrganization(created.id, organization.id, now);
        return { ...created, currentOrganizationId: organization.id };
      }
      return created;
    });
    return this.startSession(store, user, context, 'auth.login');
  }

  async login(body: LoginBody, context: RequestContext): Promise<AuthTokens> {
    const email = body.email.trim().toLowerCase();
    const client = context.ip ?? 'unknown';
    const verdict = await this.throttle.check(email, client);
    if (!verdict.allowed) {
      throw new AppError(
        'rate_limited',
        'TOO_MANY_ATTEMPTS',
        `Too many failed sign-ins; try again in ${verdict.retryAfterSeconds} s`,
        { retryAfterSeconds: verdict.retryAfterSeconds },
        429,
        { 'retry-after': String(verdict.retryAfterSeconds) },
      );
    }
    return this.databases.read(async (store) => {
      const offline = this.isOffline(store);
      const user = await store.users.findByEmail(email);
      if (offline && !user) {
        await this.throttle.recordFailure(email, client);
        throw neverSignedInHere(email);
      }
      const matches = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !matches || user.status !== 'active') {
        await this.throttle.recordFailure(email, client);
        await store.transaction((r) => recordAudit(r, this.clock, { actorId: user?.id ?? null, organizationId: null, action: 'auth.login_failed', resourceType: 'user', resourceId: user?.id ?? null, after: { email } }, context));
        throw invalidCredentials();
      }
      await this.throttle.recordSuccess(email);
      // Offline the cached hash is not upgraded: the account lives in the shared database, and
      // the next online sign-in upgrades it there and copies it here.
      const rehash = !offline && needsRehash(user.passwordHash) ? await hashPassword(body.password) : undefined;
      await store.users.recordLogin(user.id, this.clock.now(), rehash);
      return this.startSession(store, user, context, 'auth.login');
    });
  }

  /** Trades a refresh token for a new pair; the old one is used up. */
  async refresh(refreshToken: string, context: RequestContext): Promise<AuthTokens> {
    return this.databases.read((store) => this.refreshOn(store, refreshToken, context));
  }

  private async refreshOn(store: Store, refreshToken: string, context: RequestContext): Promise<AuthTokens> {
    const now = this.clock.now();
    const session = await store.sessions.findByTokenHash(hashToken(refreshToken));
    if (!session || session.revokedAt || session.expiresAt <= now) {
      throw new AppError('authentication_error', 'REFRESH_TOKEN_INVALID', 'The refresh token is not valid any more; sign in again');
    }
    if (session.rotatedAt) {
      await this.sessionTransaction(store, session.familyId, async (r) => {
        await r.sessions.revokeFamily(session.familyId, 'rotated_reuse', now);
        await recordAudit(r, this.clock, { actorId: session.userId, organizationId: session.organizationId, action: 'auth.refresh_reuse', resourceType: 'session', resourceId: session.familyId, after: { revokedFamily: session.familyId } }, context);
      });
      await this.mirror(store, session.familyId, (local) => local.sessions.revokeFamily(session.familyId, 'rotated_reuse', now));
      throw new AppError('authentication_error', 'REFRESH_TOKEN_REUSED', 'This refresh token was used before: every session it belongs to has been signed out; sign in again');
    }
    const user = await store.users.get(session.userId);
    if (!user || user.status !== 'active') throw new AppError('authentication_error', 'REFRESH_TOKEN_INVALID', 'The account is not active; sign in again');
    const nextId = randomUUID();
    return this.startSession(store, user, context, 'auth.refresh', {
      familyId: session.familyId,
      previousId: session.id,
      sessionId: nextId,
      // Two requests racing with one token: only the first rotates it.
      // After the new session exists: replaced_by refers to it.
      afterInsert: async (r) => {
        if (!(await r.sessions.markRotated(session.id, nextId, now))) throw new AppError('authentication_error', 'REFRESH_TOKEN_REUSED', 'This refresh token was just used; sign in again');
      },
    });
  }

  async logout(claims: Caller, context: RequestContext): Promise<void> {
    const sessionId = sessionOf(claims);
    const now = this.clock.now();
    await this.databases.read(async (store) => {
      const familyId = (await store.sessions.get(sessionId))?.familyId ?? sessionId;
      await this.sessionTransaction(store, familyId, async (r) => {
        await r.sessions.revoke(sessionId, 'logout', now);
        await recordAudit(r, this.clock, { ...actorOf(claims), organizationId: claims.organizationId, action: 'auth.logout', resourceType: 'session', resourceId: sessionId }, context);
      });
      await this.mirror(store, sessionId, (local) => local.sessions.revoke(sessionId, 'logout', now));
    });
  }

  /** Makes another of the caller's organisations the current one: a new access token says so. */
  async switchOrganization(claims: Caller, organizationId: string, context: RequestContext): Promise<AccessTokenGrant> {
    return this.onlineOnly('Switching the organisation', (store) => this.switchOrganizationOn(store, claims, organizationId, context));
  }

  private async switchOrganizationOn(store: Store, claims: Caller, organizationId: string, context: RequestContext): Promise<AccessTokenGrant> {
    const sessionId = sessionOf(claims);
    const role = await store.organizations.roleOf(claims.userId, organizationId);
    if (!role) throw new AppError('not_found', 'ORGANIZATION_NOT_FOUND', `No organisation ${organizationId} of yours`, { id: organizationId });
    const now = this.clock.now();
    const user = await store.transaction(async (r) => {
      await r.users.setCurrentOrganization(claims.userId, organizationId, now);
      await r.sessions.setOrganization(sessionId, organizationId);
      await recordAudit(r, this.clock, { ...actorOf(claims), organizationId, action: 'auth.switch_organization', resourceType: 'session', resourceId: sessionId, before: { organizationId: claims.organizationId }, after: { organizationId } }, context);
      return r.users.get(claims.userId);
    });
    if (!user) throw new AppError('authentication_error', 'TOKEN_INVALID', 'The account no longer exists');
    await this.cache.remember(user.id, [sessionId]);
    const access = await (await this.tokens()).issue({ userId: claims.userId, sessionId, organizationId, role });
    return { tokenType: 'Bearer', accessToken: access.token, accessTokenExpiresAt: access.expiresAt.toISOString(), user: await this.profileOf(user, store) };
  }

  /** The caller's signed-in sessions (one per device or sign-in), newest first. */
  async sessions(claims: Caller): Promise<SessionInfo[]> {
    return (await this.databases.read((store) => store.sessions.activeOf(claims.userId, this.clock.now()))).map((s) => ({
      id: s.id,
      current: s.id === claims.sessionId,
      createdAt: s.createdAt.toISOString(),
      lastUsedAt: s.lastUsedAt?.toISOString() ?? null,
      expiresAt: s.expiresAt.toISOString(),
      userAgent: s.userAgent,
      ip: s.ip,
    }));
  }

  /** Signs out one of the caller's sessions (its whole token family); another user's is not found. */
  async revokeSession(claims: Caller, sessionId: string, context: RequestContext): Promise<void> {
    const now = this.clock.now();
    await this.databases.read(async (store) => {
      const session = await store.sessions.get(sessionId);
      if (!session || session.userId !== claims.userId) throw new AppError('not_found', 'SESSION_NOT_FOUND', `No session ${sessionId} of yours`, { id: sessionId });
      await this.sessionTransaction(store, session.familyId, async (r) => {
        await r.sessions.revokeFamily(session.familyId, 'logout', now);
        await recordAudit(r, this.clock, { ...actorOf(claims), organizationId: claims.organizationId, action: 'auth.session_revoke', resourceType: 'session', resourceId: session.familyId }, context);
      });
      await this.mirror(store, session.familyId, (local) => local.sessions.revokeFamily(session.familyId, 'logout', now));
    });
  }

  async profile(userId: string): Promise<UserProfile> {
    return this.databases.read(async (store) => {
      const user = await store.users.get(userId);
      if (!user) throw new AppError('authentication_error', 'TOKEN_INVALID', 'The account no longer exists');
      return this.profileOf(user, store);
    });
  }

  /** Whether `store` is the local cache standing in for the shared database out of reach. */
  private isOffline(store: Store): boolean {
    return store !== this.databases.primary;
  }

  private onlineOnly<T>(what: string, work: (store: Store) => Promise<T>): Promise<T> {
    return this.databases.read((store) => {
      if (this.isOffline(store)) throw needsSharedDatabase(what);
      return work(store);
    });
  }

  /** A transaction changing sessions of one sign-in; offline, the sign-in is marked for the push back. */
  private sessionTransaction<T>(store: Store, familyId: string, work: (r: Repositories) => Promise<T>): Promise<T> {
    return this.isOffline(store) ? offlineSessionTransaction(store, familyId, this.clock.now(), work) : store.transaction(work);
  }

  /** Online, repeats a change of sessions on the cached copies (offline the change was made there). */
  private async mirror(store: Store, subject: string, change: (local: Repositories) => Promise<unknown>): Promise<void> {
    if (!this.isOffline(store)) await this.cache.mirror(subject, change);
  }

  private async profileOf(user: UserRecord, r: Pick<Repositories, 'organizations'>): Promise<UserProfile> {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      isPlatformAdmin: user.isPlatformAdmin,
      currentOrganizationId: user.currentOrganizationId,
      memberships: await r.organizations.membershipsOf(user.id),
    };
  }

  /** A new session (a new family at sign-in, the next of a family on refresh) and its tokens. */
  private async startSession(
    store: Store,
    user: UserRecord,
    context: RequestContext,
    action: 'auth.login' | 'auth.refresh',
    rotation?: { familyId: string; previousId: string; sessionId: string; afterInsert: (r: Repositories) => Promise<void> },
  ): Promise<AuthTokens> {
    // Before any write: a terminal without the signing key (offline, never online) opens no session it cannot hand out.
    const tokens = await this.tokens();
    const sessionId = rotation?.sessionId ?? randomUUID();
    const familyId = rotation?.familyId ?? sessionId;
    const now = this.clock.now();
    const refreshToken = newSecretToken();
    const refreshExpiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
    const organizationId = user.currentOrganizationId;
    const { profile, role } = await this.sessionTransaction(store, familyId, async (r) => {
      await r.sessions.insert({ id: sessionId, userId: user.id, organizationId, familyId, refreshTokenHash: hashToken(refreshToken), userAgent: context.userAgent, ip: context.ip, createdAt: now, expiresAt: refreshExpiresAt });
      await rotation?.afterInsert(r);
      await recordAudit(r, this.clock, { actorId: user.id, organizationId, action, resourceType: 'session', resourceId: sessionId, after: { familyId } }, context);
      return { profile: await this.profileOf(user, r), role: organizationId ? await r.organizations.roleOf(user.id, organizationId) : null };
    });
    if (!this.isOffline(store)) await this.cache.remember(user.id, rotation ? [sessionId, rotation.previousId] : [sessionId]);
    const access = await tokens.issue({ userId: user.id, sessionId, organizationId, role });
    return {
      tokenType: 'Bearer',
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken,
      refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
      user: profile,
    };
  }
}
