import { describe, expect, it } from 'vitest';
import type { DayForecast } from '../../../shared/api/ml.js';
import { periodsOfDay } from './forecast-periods.js';

const berlin = { timezone: 'Europe/Berlin', mtu: { minutes: 15, since: '2025-10-01', minutesBefore: 60 } } as const;
/** Hour h forecast at h, its two quantiles at h - 1 and h + 1. */
const byHour: DayForecast = {
  point: Array.from({ length: 24 }, (_, h) => h),
  quantiles: [
    { level: 0.05, values: Array.from({ length: 24 }, (_, h) => h - 1) },
    { level: 0.95, values: Array.from({ length: 24 }, (_, h) => h + 1) },
  ],
};

describe('a day forecast on the delivery day’s own hours', () => {
  it('gives an ordinary day its 24 hours from local midnight', () => {
    const periods = periodsOfDay(berlin, '2026-01-15', byHour);
    expect(periods.map((p) => p.point)).toEqual(byHour.point);
    expect(periods[0]).toEqual({ period: 1, start: '2026-01-14T23:00:00.000Z', end: '2026-01-15T00:00:00.000Z', point: 0, quantiles: [-1, 1] });
  });

  it('leaves out the hour the clocks skip, and gives both occurrences of a repeated hour its value', () => {
    const forward = periodsOfDay(berlin, '2026-03-29', byHour);
    expect(forward.map((p) => p.point)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)]);
    const back = periodsOfDay(berlin, '2025-10-26', byHour);
    expect(back.map((p) => p.point)).toEqual([0, 1, 2, 2, ...Array.from({ length: 21 }, (_, i) => i + 3)]);
    expect(back.slice(2, 4).map((p) => [p.start, p.end])).toEqual([
      ['2025-10-26T00:00:00.000Z', '2025-10-26T01:00:00.000Z'],
      ['2025-10-26T01:00:00.000Z', '2025-10-26T02:00:00.000Z'],
    ]);
  });
});
