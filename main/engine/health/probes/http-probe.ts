import type { Probe } from '../service-monitor.js';

/**
 * GET of a service's own health endpoint (ClickHouse /ping, MLflow /health, MinIO
 * /minio/health/live), resolved against the configured base URL so a path prefix is kept.
 * Credentials written into the URL travel as a Basic Authorization header instead: fetch
 * refuses URLs with credentials, and they must never reach an error message.
 */
export function httpProbe(baseUrl: string, healthPath: string): Probe {
  const url = new URL(healthPath, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const headers: Record<string, string> = { accept: '*/*' };
  if (url.username || url.password) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  return async (signal) => {
    const response = await fetch(url, { signal, redirect: 'manual', headers });
    await response.body?.cancel();
    if (!response.ok) {
      const error = new Error(`${url.pathname} answered HTTP ${response.status}`);
      error.name = `HTTP${response.status}`;
      throw error;
    }
  };
}
