import { describe, expect, it } from 'vitest';
import { nextGateClosure } from './gate-closure.js';

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
