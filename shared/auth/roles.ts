import type { Role } from '../api/auth.js';

/** Roles from the most to the least powerful; a role can do what every role below it can. */
export const ROLE_ORDER: readonly Role[] = ['owner', 'admin', 'trader', 'analyst', 'viewer'];

export const hasRole = (role: Role, atLeast: Role): boolean => ROLE_ORDER.indexOf(role) <= ROLE_ORDER.indexOf(atLeast);
