import { describe, expect, it } from 'vitest';
import { steppingClock } from '../../testing/clock.js';
import { LoginThrottle, MemoryCounterStore } from './throttle.js';

describe('login throttle', () => {
  it('limits failures per client across many accounts, and per account across clients', async () => {
    const clock = steppingClock('2026-01-15T09:00:00Z');
    const throttle = new LoginThrottle(new MemoryCounterStore(clock), { windowMs: 60_000, perAccount: 3, perClient: 5 });
    for (let i = 0; i < 5; i += 1) await throttle.recordFailure(`user${i}@desk.example`, '10.0.0.7');
    expect(await throttle.check('fresh@desk.example', '10.0.0.7')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect((await throttle.check('fresh@desk.example', '10.0.0.8')).allowed).toBe(true);

    for (const client of ['10.1.0.1', '10.1.0.2', '10.1.0.3']) await throttle.recordFailure('target@desk.example', client);
    expect((await throttle.check('target@desk.example', '10.9.9.9')).allowed).toBe(false);
    clock.advance(30_000);
    expect(await throttle.check('target@desk.example', '10.9.9.9')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    clock.advance(30_000);
    expect((await throttle.check('target@desk.example', '10.9.9.9')).allowed).toBe(true);
  });

  it('clears an account’s failures on a successful sign-in', async () => {
    const throttle = new LoginThrottle(new MemoryCounterStore(steppingClock('2026-01-15T09:00:00Z')), { windowMs: 60_000, perAccount: 2, perClient: 100 });
    await throttle.recordFailure('ana@desk.example', '10.0.0.1');
    await throttle.recordSuccess('ana@desk.example');
    await throttle.recordFailure('ana@desk.example', '10.0.0.1');
    expect((await throttle.check('ana@desk.example', '10.0.0.1')).allowed).toBe(true);
  });
});
