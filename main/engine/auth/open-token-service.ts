import type { Clock } from '../clock.js';
import { AppError } from '../http/app-error.js';
import type { IdentityCache, IdentityDatabases } from './identity-cache.js';
import { TokenService } from './tokens.js';

/**
 * Opens the token service on the floor's signing key. Online the key comes from the shared
 * database (generated there on first start) and a copy is kept in the local cache; while the
 * shared database is out of reach (a terminal restarted offline) the copy is used. A new key is
 * never generated offline: tokens signed with it would be refused by every other terminal.
 */
export async function openTokenService(databases: IdentityDatabases, cache: IdentityCache, clock: Clock): Promise<TokenService> {
  return databases.read(async (store) => {
    if (store === databases.primary) {
      const key = await TokenService.activeKey(store.signingKeys, clock);
      await cache.rememberSigningKey(key);
      return TokenService.withKey(store.signingKeys, key, clock);
    }
    const copy = await store.signingKeys.active();
    if (!copy) {
      throw new AppError(
        'service_unavailable',
        'SIGNING_KEY_UNAVAILABLE',
        'The shared database is out of reach and this terminal has no copy of the floor’s signing key yet: sign in once while the shared database is reachable',
      );
    }
    return TokenService.withKey(store.signingKeys, copy, clock);
  });
}
