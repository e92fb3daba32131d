import type { Role } from '../../../shared/api/auth.js';
import { AppError } from '../http/app-error.js';

/**
 * Who is calling a protected route: a signed-in user (an access token of a session) or a
 * script with an API key (acting for the organisation, with the key's role, on behalf of the
 * user who created it).
 */
export interface Caller {
  userId: string;
  organizationId: string | null;
  role: Role | null;
  /** The session of the access token; null for an API key. */
  sessionId: string | null;
  /** The API key; null for a signed-in user. */
  apiKeyId: string | null;
}

/** The caller's session; account changes (password, sign-out) need a person, not a script. */
export function sessionOf(caller: Caller): string {
  if (!caller.sessionId) throw new AppError('authorization_error', 'SESSION_REQUIRED', 'Sign in as a person for this: an API key cannot do it');
  return caller.sessionId;
}

/** The caller as the audit log records it. */
export const actorOf = (caller: Caller): { actorKind: 'user' | 'api_key'; actorId: string } =>
  caller.apiKeyId ? { actorKind: 'api_key', actorId: caller.apiKeyId } : { actorKind: 'user', actorId: caller.userId };
