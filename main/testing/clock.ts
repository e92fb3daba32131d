import type { Clock } from '../engine/clock.js';

/** A clock the test moves by hand, starting at `start` (or now). */
export function steppingClock(start: string | number = Date.now()): Clock & { advance(ms: number): void } {
  let now = typeof start === 'string' ? Date.parse(start) : start;
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
}
