import { extname, isAbsolute, join, relative } from 'node:path';
import { APP_HOST } from '../app-origin.js';

/** What an app:// request maps to: one file inside the renderer folder, or a refusal. */
export type AppRequestTarget =
  | { kind: 'file'; path: string; contentType: string; cacheControl: string }
  | { kind: 'refused'; status: 400 | 403 | 404; reason: string };

export const NO_CACHE = 'no-cache';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Vite writes every bundled asset as assets/<name>-<content hash>.<ext>: safe to cache for good. */
const HASHED_ASSET = /^[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;

const refused = (status: 400 | 403 | 404, reason: string): AppRequestTarget => ({ kind: 'refused', status, reason });

/**
 * Maps app://optibid/<path> to a file of the built renderer. Judged on the raw URL, before any
 * normalisation, so that a traversal attempt is refused rather than silently rewritten: a
 * segment that is or decodes to "." or "..", an empty segment ("//etc" is an absolute path),
 * a backslash, NUL or colon (Windows paths and streams) in any spelling, a dotfile, and any
 * host but the app's. A path without an extension is one of the app's pages (client-side
 * routes), answered with index.html so that a reload on /bidding works.
 */
export function resolveAppRequest(requestUrl: string, rendererDir: string): AppRequestTarget {
  const match = /^app:\/\/([^/?#]*)([^?#]*)/i.exec(requestUrl);
  if (!match) return refused(400, 'not an app:// URL');
  const [, host = '', rawPath = ''] = match;
  if (host !== APP_HOST) return refused(403, `app://${host} is not the app`);
  if (rawPath.includes('\\')) return refused(400, 'backslash in path');

  const segments: string[] = [];
  const raw = rawPath === '' ? [''] : rawPath.slice(1).split('/');
  for (const [index, segment] of raw.entries()) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return refused(400, 'malformed percent-encoding');
    }
    if (decoded === '.' || decoded === '..') return refused(400, 'path traversal');
    if (/[/\\:\0]/.test(decoded)) return refused(400, 'separator, colon or NUL inside a path segment');
    if (decoded === '' && index < raw.length - 1) return refused(400, 'empty path segment');
    if (decoded.startsWith('.')) return refused(404, 'hidden files are not served');
    segments.push(decoded);
  }

  const name = segments.at(-1) ?? '';
  const isPage = name === '' || extname(name) === '';
  const file = isPage ? join(rendererDir, 'index.html') : join(rendererDir, ...segments);
  // Belt and braces: whatever the checks above missed, nothing outside the folder is served.
  const inside = relative(rendererDir, file);
  if (inside.startsWith('..') || isAbsolute(inside)) return refused(400, 'outside the renderer folder');

  const hashed = !isPage && segments.length >= 2 && segments[0] === 'assets' && HASHED_ASSET.test(name);
  return {
    kind: 'file',
    path: file,
    contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    cacheControl: hashed ? IMMUTABLE : NO_CACHE,
  };
}
