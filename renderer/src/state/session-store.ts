import { create } from 'zustand';
import type { AccessTokenGrant, AuthTokens, UserProfile } from '../../../shared/api/auth.js';
import { engine } from '../api/engine.js';
import { transport } from '../transport/index.js';

/**
 * The refresh token lives in sessionStorage: a reload keeps the trader signed in, closing the
 * terminal (or the browser tab) signs them out. Never localStorage, which outlives the session
 * and which any script of the origin could read for weeks.
 */
const REFRESH_KEY = 'optibid.refreshToken';
/** Refresh this long before the access token expires, so a request never carries an expired one. */
const REFRESH_MARGIN_MS = 60_000;

export type SessionStatus = 'restoring' | 'signed-out' | 'signed-in';

interface SessionState {
  status: SessionStatus;
  user: UserProfile | null;
  /** Why the last session ended, when it was not the trader's own choice. */
  endedBecause: string | null;
  signIn: (tokens: AuthTokens) => void;
  applyGrant: (grant: AccessTokenGrant) => void;
  setUser: (user: UserProfile) => void;
  signOut: (reason?: string) => Promise<void>;
  restore: () => Promise<void>;
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;

function scheduleRefresh(expiresAt: string, refresh: () => Promise<void>): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  const wait = Math.max(5_000, Date.parse(expiresAt) - Date.now() - REFRESH_MARGIN_MS);
  refreshTimer = setTimeout(() => void refresh(), wait);
}

export const useSession = create<SessionState>()((set, get) => {
  const refresh = async (): Promise<void> => {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) return get().signOut('Your session ended; sign in again');
    try {
      get().signIn(await engine.refresh(refreshToken));
    } catch {
      await get().signOut('Your session ended (signed out elsewhere, or expired); sign in again');
    }
  };

  return {
    status: 'restoring',
    user: null,
    endedBecause: null,
    signIn(tokens) {
      sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
      // The transport re-authenticates its event stream with the new token; subscriptions stay.
      transport.setAccessToken(tokens.accessToken);
      scheduleRefresh(tokens.accessTokenExpiresAt, refresh);
      set({ status: 'signed-in', user: tokens.user, endedBecause: null });
    },
    applyGrant(grant) {
      transport.setAccessToken(grant.accessToken);
      scheduleRefresh(grant.accessTokenExpiresAt, refresh);
      set({ user: grant.user });
    },
    setUser(user) {
      set({ user });
    },
    async signOut(reason) {
      if (get().status === 'signed-in' && !reason) await engine.logout().catch(() => undefined);
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = null;
      sessionStorage.removeItem(REFRESH_KEY);
      transport.setAccessToken(null);
      set({ status: 'signed-out', user: null, endedBecause: reason ?? null });
    },
    async restore() {
      if (!sessionStorage.getItem(REFRESH_KEY)) {
        set({ status: 'signed-out' });
        return;
      }
      await refresh();
    },
  };
});
