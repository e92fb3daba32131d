import type { Probe } from '../service-monitor.js';

/**
 * GET of a service's own health endpoint (ClickHouse /ping, MLflow /health, MinIO
 * /minio/health/live), resolved against the configured base URL so a path prefix is kept.
 */
export function httpProbe(baseUrl: string, healthPath: string): Probe {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const url = new URL(healthPath, base);
  return async (signal) => {
    const response = await fetch(url, { signal, redirect: 'manual', headers: { accept: '*/*' } });
    await response.body?.cancel();
    if (!response.ok) {
      const error = new Error(`${url.pathname} answered HTTP ${response.status}`);
      error.name = `HTTP${response.status}`;
      throw error;
    }
  };
}
