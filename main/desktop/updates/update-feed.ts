import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configFileVariable, settings } from '../../engine/config/settings.js';

/**
 * OPTIBID_UPDATE_FEED_URL as start-up reads every setting: from the environment, else from the
 * JSON file named by OPTIBID_CONFIG_FILE. loadConfig has already validated both (and stopped
 * start-up on a bad value); this only fetches the value the engine's config does not carry.
 */
export function readUpdateFeedUrl(env: NodeJS.ProcessEnv): string | null {
  const spec = settings.updateFeedUrl;
  let raw = env[spec.env];
  const file = env[configFileVariable.env];
  if ((raw === undefined || raw === '') && file) {
    try {
      const parsed = JSON.parse(readFileSync(resolve(file), 'utf8')) as Record<string, unknown>;
      const value = parsed[spec.env];
      raw = typeof value === 'string' ? value : undefined;
    } catch {
      raw = undefined;
    }
  }
  if (raw === undefined || raw === '') return null;
  const parsed = spec.parser.parse(raw);
  return parsed.ok ? parsed.value : null;
}

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
