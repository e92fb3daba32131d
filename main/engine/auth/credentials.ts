import { isApiKey, type ApiKeyService } from '../api-keys/api-key-service.js';
import type { SessionRecord } from '../db/repositories/session-repository.js';
import { AppError } from '../http/app-error.js';
import type { Caller } from './caller.js';
import type { TokenService } from './tokens.js';

export interface CredentialDependencies {
  tokens: () => Promise<TokenService>;
  /** The session a token names: from the shared database, or from the local cache while it is out of reach. */
  session: (id: string) => Promise<SessionRecord | null>;
  apiKeys: ApiKeyService;
}

/**
 * Who a presented credential belongs to: an API key, or an access token with a valid
 * signature, issuer, audience and expiry whose session has not been signed out since. One
 * function for every way in (HTTP, IPC through it, and the event stream's `auth` message).
 */
export async function callerOfCredential(presented: string, deps: CredentialDependencies): Promise<Caller> {
  if (isApiKey(presented)) return deps.apiKeys.authenticate(presented);
  const claims = await (await deps.tokens()).verify(presented);
  const session = await deps.session(claims.sessionId);
  if (!session || session.revokedAt) throw new AppError('authentication_error', 'SESSION_REVOKED', 'This session was signed out; sign in again');
  return { ...claims, apiKeyId: null };
}
