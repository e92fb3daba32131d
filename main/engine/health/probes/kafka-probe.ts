import { Kafka, logLevel } from 'kafkajs';
import type { Probe } from '../service-monitor.js';

/** Connects an admin client and asks for the cluster's metadata (a real broker round trip). */
export function kafkaProbe(brokers: string[], timeoutMs: number): Probe {
  return async (signal) => {
    const kafka = new Kafka({
      clientId: 'optibid-health',
      brokers,
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      enforceRequestTimeout: true,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin({ retry: { retries: 0 } });
    // Disconnecting mid-connect may itself fail; the probe's own rejection is what counts.
    const abort = (): void => {
      admin.disconnect().catch(() => undefined);
    };
    signal.addEventListener('abort', abort, { once: true });
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length === 0) throw new Error('the cluster reports no brokers');
    } finally {
      signal.removeEventListener('abort', abort);
      await admin.disconnect();
    }
  };
}
