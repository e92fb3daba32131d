import type { Redis } from 'ioredis';
import type { CounterStore } from './throttle.js';

/**
 * Counters in Redis, shared by every process of the floor: INCR, and PEXPIRE NX so the first
 * failure opens the window and later ones do not extend it.
 */
export class RedisCounterStore implements CounterStore {
  constructor(private readonly redis: Redis) {}

  async increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const results = await this.redis.multi().incr(key).pexpire(key, windowMs, 'NX').pttl(key).exec();
    if (!results) throw new Error('Redis transaction was discarded');
    const [[incrError, count], , [ttlError, ttl]] = results as [[Error | null, number], unknown, [Error | null, number]];
    const failure = incrError ?? ttlError;
    if (failure) throw failure;
    return { count, resetInMs: Math.max(0, ttl) };
  }

  async peek(key: string): Promise<{ count: number; resetInMs: number } | null> {
    const [value, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    if (value === null || ttl < 0) return null;
    return { count: Number(value), resetInMs: ttl };
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }
}
