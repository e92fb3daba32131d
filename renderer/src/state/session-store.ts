import { create } from 'zustand';
import type { AccessTokenGrant, AuthTokens, UserProfile } from '../../../shared/api/auth.js';
import { engine } from '../api/engine.js';
import { ApiError, messageOf } from '../transport/api-error.js';
import { transport } from '../transport/index.js';

/**
 * The refresh token lives in sessionStorage: a reload keeps the trader signed in, closing the
 * terminal (or the browser tab) signs them out. Never localStorage, which outlives the session
 * and which any script of the origin could read for weeks.
 */
const REFRESH_KEY = 'optibid.refreshToken';
/** Refresh this long before the access token expires, so a request never carries an expired one. */
const REFRESH_MARGIN_MS = 60_000;
/** After a refresh that could not reach the engine, try again this soon (the token may still be valid). */
const REFRESH_RETRY_MS = 10_000;

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
/**
 * Bumped by every sign-in and sign-out: a refresh that was in flight when the session changed
 * finds a different generation when it returns and drops its answer (it must not sign a
 * signed-out trader back in).
 */
let generation = 0;

function scheduleRefresh(waitMs: number, refresh: () => Promise<void>): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refresh(), Math.max(5_000, waitMs));
}

const untilRefresh = (expiresAt: string): number => Date.parse(expiresAt) - Date.now() - REFRESH_MARGIN_MS;

/** Only the engine saying the session is over ends it; an engine out of reach is tried again. */
const sessionIsOver = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

export const useSession = create<SessionState>()((set, get) => {
  const refresh = async (): Promise<void> => {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) return get().signOut('Your session ended; sign in again');
    const started = generation;
    try {
      const tokens = await engine.refresh(refreshToken);
      if (generation === started) get().signIn(tokens);
    } catch (error) {
      if (generation !== started) return;
      if (sessionIsOver(error)) return get().signOut('Your session ended (signed out elsewhere, or expired); sign in again');
      if (get().status === 'restoring') return get().signOut(`Could not restore your session: ${messageOf(error)}`);
      scheduleRefresh(REFRESH_RETRY_MS, refresh);
    }
  };

  return {
    status: 'restoring',
    user: null,
    endedBecause: null,
    signIn(tokens) {
      generation += 1;
      sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
      // The transport re-authenticates its event stream with the new token; subscriptions stay.
      transport.setAccessToken(tokens.accessToken);
      scheduleRefresh(untilRefresh(tokens.accessTokenExpiresAt), refresh);
      set({ status: 'signed-in', user: tokens.user, endedBecause: null });
    },
    applyGrant(grant) {
      transport.setAccessToken(grant.accessToken);
      scheduleRefresh(untilRefresh(grant.accessTokenExpiresAt), refresh);
      set({ user: grant.user });
    },
    setUser(user) {
      set({ user });
    },
    async signOut(reason) {
      generation += 1;
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
