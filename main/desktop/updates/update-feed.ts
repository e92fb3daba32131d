import { settings } from '../../engine/config/settings.js';

export type UpdateDecision = { enabled: true; feedUrl: string } | { enabled: false; reason: string };

/**
 * Whether this terminal looks for updates at all. Without a configured feed it never does (no
 * request leaves the machine); a development run (not an installed build) has nothing to
 * replace, so it does not either.
 */
export function decideUpdates(feedUrl: string | null, isPackaged: boolean): UpdateDecision {
  if (!feedUrl) return { enabled: false, reason: `No update server is configured (${settings.updateFeedUrl.env})` };
  if (!isPackaged) return { enabled: false, reason: 'Updates apply to installed builds only; this is a development run' };
  return { enabled: true, feedUrl };
}
