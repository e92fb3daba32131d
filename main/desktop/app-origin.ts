/**
 * The app's own pages live at app://optibid/ (Electron's privileged `app` scheme, never
 * file://). Navigation, IPC senders and permission requests are all judged against it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'optibid';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_HOME = `${APP_ORIGIN}/`;

/**
 * Whether a URL (or an origin such as "app://optibid") is one of the app's own pages.
 * A custom scheme's WHATWG origin is opaque ("null"), so scheme and host are compared.
 */
export function isAppPage(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
