import type { WebPreferences } from 'electron';
import { isAppPage } from './app-origin.js';

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

/** The window may only navigate within the app itself (app://optibid/...). */
export const mayNavigate = (target: string): boolean => isAppPage(target);

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

/**
 * Web permissions the app's own page may use; every other permission (camera, microphone,
 * geolocation, notifications, HID, serial, ...) is refused, as is anything asked by another
 * origin. Copying a bid id or a price to the clipboard is the one thing the terminal needs.
 */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Decides both permission requests and permission checks (Electron asks each separately). */
export function mayGrantPermission(permission: string, requestingUrl: string | undefined): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isAppPage(requestingUrl);
}
