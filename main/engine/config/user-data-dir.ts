import { homedir } from 'node:os';
import { join } from 'node:path';

export const productName = 'OptiBid Terminal';

/**
 * Electron's app.getPath('userData') for this product, computed without Electron so the
 * headless engine and the desktop app share one data directory.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', productName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), productName);
}
