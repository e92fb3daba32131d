import { Redis } from 'ioredis';
import type { Probe } from '../service-monitor.js';

/**
 * PING over a fresh connection. No retries, no offline queue: the monitor owns retrying,
 * and a socket that accepts but never answers must fail at the probe's timeout.
 */
export function redisProbe(url: string): Probe {
  return async (signal) => {
    const client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectionName: 'optibid-health',
    });
    // Failures surface through connect()/ping(); without a listener ioredis logs them itself.
    client.on('error', () => undefined);
    const abort = (): void => {
      client.disconnect();
    };
    signal.addEventListener('abort', abort, { once: true });
    try {
      await client.connect();
      await client.ping();
    } finally {
      signal.removeEventListener('abort', abort);
      client.disconnect();
    }
  };
}
