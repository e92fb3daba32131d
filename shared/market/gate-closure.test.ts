import { describe, expect, it } from 'vitest';
import { gateClosureFor, nextGateClosure } from './gate-closure.js';

const SDAC = { daysBefore: 1, time: '12:00', timezone: 'Europe/Brussels' };
const next = (rule: typeof SDAC, now: string): [string, string] => {
  const closure = nextGateClosure(rule, Date.parse(now));
  return [new Date(closure.at).toISOString(), closure.deliveryDay];
};

describe('next gate closure', () => {
  it('is today’s closure until it passes, then tomorrow’s, for the day after each', () => {
    expect(next(SDAC, '2026-05-04T09:59:59Z')).toEqual(['2026-05-04T10:00:00.000Z', '2026-05-05']);
    expect(next(SDAC, '2026-05-04T10:00:00Z')).toEqual(['2026-05-05T10:00:00.000Z', '2026-05-06']);
    // Winter: 12:00 in Brussels is 11:00 UTC; late evening UTC is already the next day there.
    expect(next(SDAC, '2026-01-15T23:30:00Z')).toEqual(['2026-01-16T11:00:00.000Z', '2026-01-17']);
  });

  it('follows the rule’s own timezone and days before', () => {
    expect(next({ daysBefore: 1, time: '10:30', timezone: 'America/New_York' }, '2026-03-08T12:00:00Z')).toEqual(['2026-03-08T14:30:00.000Z', '2026-03-09']);
    expect(next({ daysBefore: 0, time: '15:00', timezone: 'Europe/Berlin' }, '2026-05-04T14:00:00Z')).toEqual(['2026-05-05T13:00:00.000Z', '2026-05-05']);
  });
});

describe('gate closure of a delivery day', () => {
  it('is the rule’s time on the day before (or the same day), on that day’s clock', () => {
    expect(new Date(gateClosureFor(SDAC, '2026-11-27')).toISOString()).toBe('2026-11-26T11:00:00.000Z');
    // The clocks go forward on 29 March: that day's gate (the 28th) is on winter time, the next one on summer time.
    expect(new Date(gateClosureFor(SDAC, '2026-03-30')).toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(new Date(gateClosureFor(SDAC, '2026-03-29')).toISOString()).toBe('2026-03-28T11:00:00.000Z');
    expect(new Date(gateClosureFor({ daysBefore: 0, time: '10:00', timezone: 'Europe/Brussels' }, '2026-07-01')).toISOString()).toBe('2026-07-01T08:00:00.000Z');
    // Every delivery day's gate is the one nextGateClosure reports for it.
    const upcoming = nextGateClosure(SDAC, Date.parse('2026-10-24T12:00:00Z'));
    expect(gateClosureFor(SDAC, upcoming.deliveryDay)).toBe(upcoming.at);
  });
});
