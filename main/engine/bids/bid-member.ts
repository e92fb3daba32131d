import type { Role } from '../../../shared/api/auth.js';
import { actorOf, type Caller } from '../auth/caller.js';
import { organizationAccess } from '../auth/organization-access.js';
import type { Repositories } from '../db/repositories/index.js';
import type { BidActor } from './bid-writes.js';

/** The caller as a member of their current organisation with at least `atLeast`, as the bid writes and their audit rows need them. */
export async function memberOf(r: Pick<Repositories, 'organizations'>, caller: Caller, atLeast: Role): Promise<BidActor> {
  const { organizationId } = await organizationAccess(r, caller, atLeast);
  return { userId: caller.userId, organizationId, audit: actorOf(caller) };
}
