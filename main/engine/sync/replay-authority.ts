import type { Role } from '../../../shared/api/auth.js';
import { organizationAccess } from '../auth/organization-access.js';
import type { BidActor } from '../bids/bid-writes.js';
import type { Repositories } from '../db/repositories/index.js';
import type { RevokeReason } from '../db/repositories/session-repository.js';
import { AppError } from '../http/app-error.js';

/** The code of the refusal. */
export const AUTHOR_NOT_AUTHORISED = 'AUTHOR_NOT_AUTHORISED';

/** What a queued bid write needs of its author, as the same write made online does. */
const WRITING_ROLE: Role = 'trader';

/** Sign-outs that withdraw what a session did (not a trader's own sign-out, nor its expiry). */
const FOR_CAUSE: Readonly<Partial<Record<RevokeReason, string>>> = {
  password_change: 'its password was changed',
  password_reset: 'its password was reset',
  admin: 'the account was closed',
  rotated_reuse: 'a stolen sign-in was suspected',
};

type AuthorityRepositories = Pick<Repositories, 'users' | 'organizations' | 'apiKeys' | 'sessions'>;

/** Why the author's authority is gone, in words that finish "Not applied: …". */
async function lostAuthority(r: AuthorityRepositories, { userId, organizationId, audit }: BidActor, sessionId: string | null): Promise<string | null> {
  const user = await r.users.get(userId);
  if (!user) return `the account ${userId} is unknown to the shared database`;
  if (user.status !== 'active') return `the account of ${user.email} is ${user.status === 'disabled' ? 'disabled' : 'closed'} on the shared database`;
  const session = sessionId === null ? null : await r.sessions.get(sessionId);
  const cause = session?.revokeReason ? FOR_CAUSE[session.revokeReason] : undefined;
  if (cause) return `the sign-in it was made in was signed out on the shared database: ${cause}`;
  const key = audit.actorKind === 'api_key' ? await r.apiKeys.get(audit.actorId, organizationId) : null;
  if (audit.actorKind === 'api_key' && !key) return 'the API key that made it is not the organisation’s';
  if (key?.revokedAt) return `the API key “${key.name}” that made it has been revoked`;
  try {
    await organizationAccess(r, { userId, organizationId, role: key?.role ?? null, sessionId: null, apiKeyId: key?.id ?? null }, WRITING_ROLE);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const role = await r.organizations.roleOf(userId, organizationId);
    if (role === null) return `${user.email} is no longer a member of the organisation, or the organisation is no longer active`;
    return key ? `the API key “${key.name}” now acts below the ${WRITING_ROLE} role (its maker holds the ${role} role)` : `${user.email} holds the ${role} role now; bids need ${WRITING_ROLE} or higher`;
  }
}

/** Refuses a queued write whose author may no longer make it (null: they may). */
export type AuthorCheck = (author: BidActor, sessionId: string | null) => Promise<AppError | null>;

/**
 * Whether the author of a queued bid write may still make it, asked of the shared database in
 * the transaction that applies it: each author once per transaction (a batch of up to 50 writes).
 *
 * The terminal accepted the write on what its cache knew when it was made — offline, the account
 * as of that trader's last online sign-in here. Meanwhile the floor may have closed the account,
 * taken the trader out of the organisation, lowered their role, suspended the organisation,
 * revoked the API key, or signed out for cause the session the write was made in (a password
 * changed or reset, a stolen sign-in suspected). A terminal that was offline while that
 * happened must not undo it: the write is refused with the reason, shown in its offline queue,
 * and changes nothing. (An API key that merely expired after it made the write does not refuse
 * it: the write was made in time.)
 */
export function authorCheck(r: AuthorityRepositories): AuthorCheck {
  const reasons = new Map<string, Promise<string | null>>();
  return async (author, sessionId) => {
    const key = [author.userId, author.organizationId, author.audit.actorKind, author.audit.actorId, sessionId].join(' ');
    let reason = reasons.get(key);
    if (!reason) {
      reason = lostAuthority(r, author, sessionId);
      reasons.set(key, reason);
    }
    const lost = await reason;
    if (lost === null) return null;
    return new AppError('authorization_error', AUTHOR_NOT_AUTHORISED, `Not applied: ${lost}`, {
      userId: author.userId,
      organizationId: author.organizationId,
      actorKind: author.audit.actorKind,
      actorId: author.audit.actorId,
    });
  };
}
