import { randomUUID } from 'node:crypto';
import type { ChangePasswordBody, PasswordResetConfirmBody } from '../../../shared/api/auth.js';
import { passwordProblems } from '../../../shared/auth/password-policy.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import type { Clock } from '../clock.js';
import type { Repositories } from '../db/repositories/index.js';
import type { Store } from '../db/store.js';
import { AppError } from '../http/app-error.js';
import type { IdentityCache } from './identity-cache.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { hashToken, newSecretToken } from './secret-tokens.js';
import { actorOf, sessionOf, type Caller } from './caller.js';

/** A reset token is good for half an hour, once. */
export const PASSWORD_RESET_TTL_MS = 30 * 60 * 1000;

function policyError(password: string, context: { email: string; displayName: string }): AppError | null {
  const problems = passwordProblems(password, context);
  if (problems.length === 0) return null;
  return new AppError('validation_error', 'WEAK_PASSWORD', `The password ${problems.join('; ')}`, problems.map((message) => ({ field: 'body.newPassword', message })));
}

/**
 * Password change (signed in, knowing the current one) and reset (forgotten). With no mail
 * server, a reset token is delivered as a notification to the administrators of the user's
 * organisations (platform administrators for a user without one), who hand it over.
 */
export class PasswordService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly cache: IdentityCache,
  ) {}

  /** Changes the password and signs out every other session of the user. */
  async change(claims: Caller, body: ChangePasswordBody, context: RequestContext): Promise<void> {
    const user = await this.store.users.get(claims.userId);
    if (!user) throw new AppError('authentication_error', 'TOKEN_INVALID', 'The account no longer exists');
    if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
      throw new AppError('validation_error', 'WRONG_PASSWORD', 'The current password is wrong', [{ field: 'body.currentPassword', message: 'is wrong' }]);
    }
    const weak = policyError(body.newPassword, user);
    if (weak) throw weak;
    const passwordHash = await hashPassword(body.newPassword);
    const current = await this.store.sessions.get(sessionOf(claims));
    const now = this.clock.now();
    const keptFamily = current?.familyId ?? null;
    await this.store.transaction(async (r) => {
      await r.users.updatePassword(user.id, passwordHash, now);
      const signedOut = await r.sessions.revokeAllOf(user.id, 'password_change', now, keptFamily);
      await recordAudit(r, this.clock, { ...actorOf(claims), organizationId: claims.organizationId, action: 'auth.password_change', resourceType: 'user', resourceId: user.id, after: { otherSessionsSignedOut: signedOut } }, context);
    });
    await this.forgetOldPassword(user.id, (local) => local.sessions.revokeAllOf(user.id, 'password_change', now, keptFamily));
  }

  /** Always succeeds from the caller's point of view, so it does not reveal which emails exist. */
  async requestReset(email: string, context: RequestContext): Promise<void> {
    const user = await this.store.users.findByEmail(email.trim().toLowerCase());
    if (!user || user.status !== 'active') return;
    const token = newSecretToken();
    const now = this.clock.now();
    await this.store.transaction(async (r) => {
      const resetId = randomUUID();
      await r.passwordResets.insert({ id: resetId, userId: user.id, tokenHash: hashToken(token), requestedIp: context.ip, createdAt: now, expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS), usedAt: null });
      const administrators = await r.organizations.administratorsOf(user.id);
      const recipients = administrators.length > 0 ? administrators : (await r.users.platformAdminIds()).filter((id) => id !== user.id).map((id) => ({ userId: id, organizationId: null }));
      for (const recipient of recipients) {
        await r.notifications.insert({
          id: randomUUID(),
          userId: recipient.userId,
          organizationId: recipient.organizationId,
          kind: 'password_reset',
          severity: 'warning',
          title: `Password reset requested for ${user.email}`,
          body: `Give ${user.displayName} this reset code in person or by phone; it works once, for 30 minutes: ${token}`,
          data: { userId: user.id, resetId, expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS).toISOString() },
          createdAt: now,
        });
      }
      await recordAudit(r, this.clock, { actorId: null, organizationId: null, action: 'auth.password_reset_request', resourceType: 'user', resourceId: user.id, after: { notified: recipients.length } }, context);
    });
  }

  /** Sets the new password, uses the token up and signs out every session of the user. */
  async confirmReset(body: PasswordResetConfirmBody, context: RequestContext): Promise<void> {
    const now = this.clock.now();
    const reset = await this.store.passwordResets.findByTokenHash(hashToken(body.token));
    const invalid = new AppError('validation_error', 'RESET_TOKEN_INVALID', 'The reset code is wrong, used already or expired; ask for a new one', [{ field: 'body.token', message: 'is not valid' }]);
    if (!reset || reset.usedAt || reset.expiresAt <= now) throw invalid;
    const user = await this.store.users.get(reset.userId);
    if (!user) throw invalid;
    const weak = policyError(body.newPassword, user);
    if (weak) throw weak;
    const passwordHash = await hashPassword(body.newPassword);
    await this.store.transaction(async (r) => {
      if (!(await r.passwordResets.markUsed(reset.id, now))) throw invalid;
      await r.users.updatePassword(user.id, passwordHash, now);
      const signedOut = await r.sessions.revokeAllOf(user.id, 'password_reset', now);
      await recordAudit(r, this.clock, { actorId: user.id, organizationId: null, action: 'auth.password_reset', resourceType: 'user', resourceId: user.id, after: { sessionsSignedOut: signedOut } }, context);
    });
    await this.forgetOldPassword(user.id, (local) => local.sessions.revokeAllOf(user.id, 'password_reset', now));
  }

  /** The local cache gets the new hash and the sign-outs, so the old password does not sign in offline. */
  private async forgetOldPassword(userId: string, signOut: (local: Repositories) => Promise<unknown>): Promise<void> {
    await this.cache.remember(userId, []);
    await this.cache.mirror(userId, signOut);
  }
}
