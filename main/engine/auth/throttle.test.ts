import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { closedPort } from '../../testing/sockets.js';
import { steppingClock } from '../../testing/clock.js';
import { createEngine, type Engine } from '../engine.js';

const PASSWORD = 'correct horse battery staple';

/** The throttle uses Redis once the health monitor has seen it answer. */
async function waitForRedis(engine: Engine): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!engine.services.isAvailable('redis') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Sign-in throttling through the real HTTP route, with counters in memory, in Redis, or Redis down. */
const setups: { name: string; inMemory: boolean; env: () => Promise<Record<string, string> | null> }[] = [
  { name: 'memory (no Redis configured)', inMemory: true, env: async () => ({}) },
  { name: 'Redis down (configured, refusing connections): falls back to memory', inMemory: true, env: async () => ({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` }) },
  { name: 'Redis up (TEST_REDIS_URL)', inMemory: false, env: async () => (process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : null) },
];

describe.each(setups)('sign-in throttling with $name', ({ env, inMemory }) => {
  let dir: TempDir;
  let engine: Engine | undefined;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await engine?.close();
    await dir.remove();
  });

  it('answers 429 with Retry-After after 5 failures for an account, even with the right password, until the window ends', async ({ skip }) => {
    const extra = await env();
    if (!extra) return skip('TEST_REDIS_URL is not set: no Redis server to count in');
    const clock = steppingClock();
    engine = await createEngine(testConfig(dir.path, extra), { clock });
    const running = engine;
    if (!inMemory) await waitForRedis(running);
    // A unique account per run, so counts left in a shared Redis by another run do not matter.
    const email = `ana-${Date.now().toString(36)}@desk.example`;
    await running.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email, password: PASSWORD, displayName: 'Ana' } });
    const login = (password: string) => running.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await login('a wrong password here')).statusCode).toBe(401);
    const throttled = await login(PASSWORD);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json()).toMatchObject({ error: { type: 'rate_limited', code: 'TOO_MANY_ATTEMPTS' } });
    const retryAfter = Number(throttled.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    if (inMemory) {
      // In memory the window follows the engine's clock (in Redis it is Redis's own expiry).
      clock.advance(retryAfter * 1000);
      expect((await login(PASSWORD)).json<AuthTokens>().tokenType).toBe('Bearer');
    } else {
      // Counted in Redis: another terminal on the same Redis refuses this account too.
      const otherDir = await tempDir();
      const other = await createEngine(testConfig(otherDir.path, extra));
      try {
        await waitForRedis(other);
        const elsewhere = await other.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
        expect(elsewhere.statusCode).toBe(429);
      } finally {
        await other.close();
        await otherDir.remove();
      }
    }
  });
});
