import type { Role } from '../../../shared/api/auth.js';
import { hasRole } from '../../../shared/auth/roles.js';
import { useSession } from './session-store.js';

/**
 * Whether the signed-in user has at least `role` in the organisation they are working in: pages
 * hide the controls the engine would refuse (it checks again; hiding is for clarity, not security).
 */
export function useHasRole(role: Role): boolean {
  return useSession((state) => {
    const user = state.user;
    const membership = user?.memberships.find((candidate) => candidate.organizationId === user.currentOrganizationId);
    return membership !== undefined && hasRole(membership.role, role);
  });
}
