import { describe, expect, it } from 'vitest';
import { steppingClock } from '../../testing/clock.js';
import { StreamStats } from './stream-stats.js';

describe('StreamStats', () => {
  it('averages messages and merged prices per second over the last ten seconds', () => {
    const clock = steppingClock('2026-11-26T10:00:00.000Z');
    const stats = new StreamStats(clock);
    for (let i = 0; i < 50; i += 1) stats.messageSent();
    clock.advance(3000);
    for (let i = 0; i < 30; i += 1) stats.messageSent();
    stats.pricesCoalesced(20);
    stats.pricesCoalesced(0);
    expect(stats.snapshot()).toEqual({ connections: 0, messagesPerSecond: 8, coalescedPerSecond: 2, closedTooSlow: 0 });
    clock.advance(8000);
    expect(stats.snapshot().messagesPerSecond).toBe(3);
    clock.advance(3000);
    expect(stats.snapshot()).toMatchObject({ messagesPerSecond: 0, coalescedPerSecond: 0 });
  });
});
