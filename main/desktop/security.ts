import type { WebPreferences } from 'electron';

/**
 * The renderer's sandbox, as plain data so a test can assert every flag without the Electron
 * runtime: no Node in the page, an isolated preload world, Chromium's sandbox on, web
 * security on, nothing the page may opt out of.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
  };
}

/** Whether a navigation target belongs to the terminal itself (same origin as its page). */
export function isAppUrl(target: string, appOrigin: string): boolean {
  try {
    return new URL(target).origin === appOrigin;
  } catch {
    return false;
  }
}

/** Hosts the terminal may open in the user's browser (documentation, exchange rule books). */
const EXTERNAL_ALLOWLIST = new Set(['www.epexspot.com', 'www.nordpoolgroup.com', 'transparency.entsoe.eu', 'www.caiso.com', 'www.ercot.com', 'www.pjm.com']);

/** Only https links to an allowlisted host go to shell.openExternal; everything else is dropped. */
export function mayOpenExternally(target: string): boolean {
  try {
    const url = new URL(target);
    return url.protocol === 'https:' && EXTERNAL_ALLOWLIST.has(url.hostname);
  } catch {
    return false;
  }
}
