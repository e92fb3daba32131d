import type { Probe } from '../service-monitor.js';

/**
 * A probe whose client library is imported on first use. Redis and Kafka clients are large;
 * a terminal that does not configure them should not pay for loading them at start-up.
 */
export function lazyProbe(load: () => Promise<Probe>): Probe {
  let probe: Promise<Probe> | null = null;
  return async (signal) => (await (probe ??= load()))(signal);
}
