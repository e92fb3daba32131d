import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median } from './quantiles.js';
import { detectAnomalies, type AnomalyOptions } from './anomaly-detection.js';
import { rollingMedian, seasonalBaseline } from './seasonal-baseline.js';

/** Monday 6 January 2025, 00:00 in Tokyo (no daylight saving, so every day has the same hours). */
const START = Date.parse('2025-01-05T15:00:00Z');
const TOKYO = 'Asia/Tokyo';
const WEEKS = 4;

/** A price with a daily shape and cheaper weekends: 40.00 at midnight, 1.00 more each hour, 8.00 less on Saturday and Sunday. */
const seasonal = (t: number): number => 4000 + 100 * (t % 24) - (Math.floor(t / 24) % 7 >= 5 ? 800 : 0);
const series = (): Float64Array => Float64Array.from({ length: WEEKS * 168 }, (_, t) => seasonal(t));
const OPTIONS: AnomalyOptions = { threshold: 6, minimumScale: 200, staleHours: 12, expectedHours: WEEKS * 168, timeZone: TOKYO };

describe('the seasonal baseline', () => {
  it('takes rolling medians of the values present', () => {
    // Windows of 3, shifted inward at the ends: [1 9 2], [1 9 2], [9 2 -], [2 - 4], [2 - 4].
    expect(Array.from(rollingMedian(Float64Array.from([1, 9, 2, Number.NaN, 4]), 3, 2))).toEqual([2, 2, 5.5, 3, 3]);
    expect(Array.from(rollingMedian(Float64Array.from([1, Number.NaN, Number.NaN]), 3, 2))).toEqual([Number.NaN, Number.NaN, Number.NaN]);
  });

  it('gives each step the median of its window, however the values repeat, go missing or the window fits', () => {
    const step = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.NaN));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (list, window, minimum) => {
        const values = Float64Array.from(list);
        // The definition, step by step: the window centred on t, shifted inward to fit the series.
        const byDefinition = list.map((_, t) => {
          const from = Math.max(0, Math.min(t - Math.floor(window / 2), list.length - window));
          const inWindow = list.slice(from, from + window).filter(Number.isFinite);
          return inWindow.length < minimum ? Number.NaN : median(inWindow);
        });
        expect(Array.from(rollingMedian(values, window, minimum))).toEqual(byDefinition);
      }),
    );
  });

  it('reproduces a series that is nothing but its daily and weekly shape, but for its first and last half days', () => {
    const values = series();
    const expected = seasonalBaseline(values, START, TOKYO);
    // A centred day cannot be centred at the ends: there the trend is the first (last) day's, which the other weeks' season does not match.
    expect(Array.from(expected.subarray(12, -12))).toEqual(Array.from(values.subarray(12, -12)));
    expect(expected.every((value, t) => Math.abs(value - (values[t] ?? 0)) <= 400)).toBe(true);
  });
});

describe('anomalies of an hourly series', () => {
  it('finds a spike, a drop, a stale run and a gap, each where it was put, and nothing else', () => {
    const values = series();
    values[300] = seasonal(300) + 5000;
    values[400] = seasonal(400) - 6000;
    for (let t = 100; t < 114; t += 1) values[t] = 4321;
    for (let t = 500; t < 506; t += 1) values[t] = Number.NaN;
    const found = detectAnomalies(values, START, OPTIONS);
    expect(found.map(({ kind, hour, hours, value }) => ({ kind, hour, hours, value }))).toEqual([
      { kind: 'stale', hour: 100, hours: 14, value: 4321 },
      { kind: 'spike', hour: 300, hours: 1, value: seasonal(300) + 5000 },
      { kind: 'drop', hour: 400, hours: 1, value: seasonal(400) - 6000 },
      { kind: 'gap', hour: 500, hours: 6, value: null },
    ]);
    const [, spike, drop, gap] = found;
    // The baseline is the shape itself, give or take the one-hour shift a spike makes in its day's median.
    expect(Math.abs((spike?.expected ?? 0) - seasonal(300))).toBeLessThanOrEqual(100);
    expect(Math.abs((drop?.expected ?? 0) - seasonal(400))).toBeLessThanOrEqual(100);
    // Scored against the floor of 200: about 5000 / 200 = 25 and -6000 / 200 = -30.
    expect(spike?.score).toBeGreaterThan(20);
    expect(drop?.score).toBeLessThan(-25);
    expect(gap?.score).toBe(6);
    expect(Math.abs((gap?.expected ?? 0) - seasonal(500))).toBeLessThanOrEqual(100);
  });

  it('calls missing only the hours expected to have a price, and stale only runs long enough', () => {
    const values = series();
    for (let t = 600; t < 672; t += 1) values[t] = Number.NaN;
    for (let t = 200; t < 211; t += 1) values[t] = 5555;
    const found = detectAnomalies(values, START, { ...OPTIONS, expectedHours: 620 });
    expect(found.filter((anomaly) => anomaly.kind === 'gap').map(({ hour, hours }) => [hour, hours])).toEqual([[600, 20]]);
    expect(found.filter((anomaly) => anomaly.kind === 'stale')).toEqual([]);
  });

  it('scores against the threshold asked for: a moderate spike is one at 6 and none at 30', () => {
    const values = series();
    values[333] = seasonal(333) + 2000;
    expect(detectAnomalies(values, START, OPTIONS).map(({ kind, hour }) => [kind, hour])).toEqual([['spike', 333]]);
    expect(detectAnomalies(values, START, { ...OPTIONS, threshold: 30 })).toEqual([]);
  });

  it('uses the same hour of the day for a series shorter than three weeks', () => {
    const values = series().subarray(0, 7 * 24);
    values[50] = seasonal(50) + 3000;
    expect(detectAnomalies(values, START, { ...OPTIONS, expectedHours: values.length }).map(({ kind, hour }) => [kind, hour])).toEqual([['spike', 50]]);
  });
});
