import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config/load.js';
import type { ServiceRegistry } from '../services/registry.js';
import { RedisCounterStore } from './redis-counter-store.js';
import { LoginThrottle, MemoryCounterStore, ResilientCounterStore } from './throttle.js';

/**
 * The sign-in throttle: counts in Redis when REDIS_URL is set and Redis answers, in memory
 * otherwise. The Redis client fails fast (no offline queue) so an outage costs a sign-in
 * nothing but the fallback; the health monitor reports the outage.
 */
export async function openLoginThrottle(
  config: EngineConfig,
  services: ServiceRegistry,
  logger: Logger,
  clock: Clock,
): Promise<{ throttle: LoginThrottle; close: () => void }> {
  const memory = new MemoryCounterStore(clock);
  const url = config.services.redisUrl;
  if (!url) return { throttle: new LoginThrottle(memory), close: () => undefined };
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: config.probe.timeoutMs,
    commandTimeout: config.probe.timeoutMs,
    connectionName: 'optibid-throttle',
  });
  redis.on('error', (error) => logger.debug({ err: error, service: 'redis' }, 'Redis client error'));
  const shared = new RedisCounterStore(redis);
  const counters = new ResilientCounterStore(
    () => (services.isAvailable('redis') && redis.status === 'ready' ? shared : null),
    memory,
    (error) => logger.debug({ err: error, service: 'redis' }, 'sign-in throttle fell back to memory'),
  );
  return { throttle: new LoginThrottle(counters), close: () => redis.disconnect() };
}
