import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Probe } from '../service-monitor.js';

/**
 * GET of a service's own health endpoint (ClickHouse /ping, MLflow /health, MinIO
 * /minio/health/live), resolved against the configured base URL so a path prefix is kept.
 * One connection per probe, closed after it (agent: false): a health check must leave no
 * pooled socket behind. Credentials written into the URL travel as a Basic Authorization
 * header and never appear in an error message.
 */
export function httpProbe(baseUrl: string, healthPath: string): Probe {
  const url = new URL(healthPath, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const headers: Record<string, string> = { accept: '*/*' };
  if (url.username || url.password) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return (signal) =>
    new Promise<void>((resolve, reject) => {
      const req = send(url, { method: 'GET', headers, agent: false, signal }, (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          resolve();
          return;
        }
        const error = new Error(`${url.pathname} answered HTTP ${status}`);
        error.name = `HTTP${status}`;
        reject(error);
      });
      req.on('error', reject);
      req.end();
    });
}
