import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** The desktop app's own pages (Electron's app:// protocol). */
const APP_ORIGINS = new Set(['app://optibid']);

function hostname(hostHeader: string): string {
  // "[::1]:4317" keeps its brackets; "127.0.0.1:4317" and "localhost" lose the port.
  return hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : (hostHeader.split(':')[0] ?? '');
}

export function isLoopbackHost(hostHeader: string | undefined): boolean {
  return hostHeader !== undefined && LOOPBACK_HOSTS.has(hostname(hostHeader.toLowerCase()));
}

export function isAllowedOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  if (APP_ORIGINS.has(origin)) return true;
  try {
    const url = new URL(origin);
    // WHATWG URL keeps IPv6 brackets in hostname ("[::1]"), like the Host header.
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

/**
 * The engine serves this machine only. Listening on 127.0.0.1 is not enough: a web page of any
 * site can make the browser send requests to 127.0.0.1 — directly (its Origin gives it away) or
 * by DNS rebinding (its own hostname in Host). Both are refused before any route runs.
 */
export function installLoopbackGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!isLoopbackHost(request.headers.host)) {
      throw new AppError('authorization_error', 'HOST_NOT_ALLOWED', 'This API answers requests addressed to this machine (127.0.0.1 or localhost) only');
    }
    if (!isAllowedOrigin(request.headers.origin)) {
      throw new AppError('authorization_error', 'ORIGIN_NOT_ALLOWED', 'Requests from other web sites are refused', { origin: request.headers.origin ?? null });
    }
  });
}
