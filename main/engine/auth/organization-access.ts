import type { Role } from '../../../shared/api/auth.js';
import { hasRole } from '../../../shared/auth/roles.js';
import type { Repositories } from '../db/repositories/index.js';
import { AppError } from '../http/app-error.js';
import type { Caller } from './caller.js';

export interface OrganizationAccess {
  organizationId: string;
  role: Role;
}

/**
 * The caller's current organisation and their role in it, for routes whose data belongs to
 * the organisation. The role is read from the database (a token's may be up to 15 minutes
 * old); an API key acts with its own role, but never above what its maker holds now.
 */
export async function organizationAccess(store: Pick<Repositories, 'organizations'>, caller: Caller, atLeast: Role = 'viewer'): Promise<OrganizationAccess> {
  const organizationId = caller.organizationId;
  const member = organizationId ? await store.organizations.roleOf(caller.userId, organizationId) : null;
  if (!organizationId || !member) throw new AppError('authorization_error', 'ORGANIZATION_REQUIRED', 'Choose an organisation first: sites, assets and bids belong to one');
  const role = caller.apiKeyId && caller.role && hasRole(member, caller.role) ? caller.role : member;
  if (!hasRole(role, atLeast)) throw new AppError('authorization_error', 'ROLE_REQUIRED', `This needs the ${atLeast} role or higher in the organisation`, { role: atLeast });
  return { organizationId, role };
}
