import type { Role } from '../../../shared/api/auth.js';
import { hasRole } from '../../../shared/auth/roles.js';
import { actorOf, type Caller } from '../auth/caller.js';
import type { Repositories } from '../db/repositories/index.js';
import { AppError } from '../http/app-error.js';
import type { BidActor } from './bid-writes.js';

/**
 * The caller as a member of their current organisation with at least `atLeast`. The role is
 * read from the database (a token's may be minutes old); an API key acts with its own role,
 * never above its creator's.
 */
export async function memberOf(r: Pick<Repositories, 'organizations'>, caller: Caller, atLeast: Role): Promise<BidActor> {
  const organizationId = caller.organizationId;
  if (!organizationId) throw new AppError('authorization_error', 'ORGANIZATION_REQUIRED', 'Switch to an organisation first: bids belong to one');
  const memberRole = await r.organizations.roleOf(caller.userId, organizationId);
  if (!memberRole) throw new AppError('authorization_error', 'ORGANIZATION_REQUIRED', 'You are not a member of your current organisation any more: switch to another');
  // The lower of the key's role and its creator's.
  const keyRole = caller.apiKeyId ? caller.role : null;
  const role = keyRole && hasRole(memberRole, keyRole) ? keyRole : memberRole;
  if (!hasRole(role, atLeast)) throw new AppError('authorization_error', 'ROLE_REQUIRED', `This needs the ${atLeast} role or higher in the organisation`, { role: atLeast });
  return { userId: caller.userId, organizationId, audit: actorOf(caller) };
}
